package dev.funnelsql.calcite.resultcache;

import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Puts the result cache in front of a prepared statement: the hook {@code FunnelPrepare} calls on every plan it
 * prepares.
 */
public final class CachingSignatures {
  private CachingSignatures() {
  }

  /**
   * Returns {@code plan} executed through the shared {@link ResultCache} if its connection uses the cache and the
   * statement is cacheable; else {@code plan} itself.
   *
   * @param sql the statement's text
   * @param maxRowCount the row limit the plan applies (-1 for none)
   * @param elementType the class of the rows the plan produces
   */
  public static <T> CalciteSignature<T> wrap(CalcitePrepare.Context context, @Nullable String sql, long maxRowCount,
      Type elementType, CalciteSignature<T> plan, Cacheability cacheability) {
    final @Nullable CacheScope scope = CacheScope.of(context.getRootSchema());
    if (sql == null || scope == null || !scope.settings().enabled() || !cacheability.cacheable()
        || plan.statementType != Meta.StatementType.SELECT) {
      return plan;
    }
    final ResultKey statement = new ResultKey(scope.digest(), sql, List.copyOf(context.getDefaultSchemaPath()),
        maxRowCount, elementType.getTypeName(), List.of());
    return new CalciteSignature<>(plan.sql, plan.parameters, plan.internalParameters, plan.rowType, plan.columns,
        plan.cursorFactory, plan.rootSchema, plan.getCollationList(), -1,
        new CachingBindable<>(ResultCache.shared(), scope, statement, plan), plan.statementType);
  }
}
