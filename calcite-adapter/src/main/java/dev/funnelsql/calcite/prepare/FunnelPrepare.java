package dev.funnelsql.calcite.prepare;

import java.lang.reflect.Type;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import dev.funnelsql.calcite.resultcache.CacheScope;
import dev.funnelsql.calcite.resultcache.Cacheability;
import dev.funnelsql.calcite.resultcache.CachingSignatures;
import dev.funnelsql.calcite.stepscan.StepScanSettings;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's statement preparation with FunnelSQL's additions: the behavioural functions in the validator's
 * operator table, a planning program that binds their constant arguments and plans step scans, and a per-connection
 * cache of prepared plans ({@link PlanCache}), whose plans answer through the shared result cache when they may
 * ({@link CachingSignatures}). One is created per statement.
 */
public class FunnelPrepare extends CalcitePrepareImpl {
  private static final Logger LOG = Logger.getLogger(FunnelPrepare.class.getName());

  /** Whether the statement this instance prepares may be answered from the result cache; judged while planning. */
  private final Cacheability cacheability = new Cacheability();

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    final JavaTypeFactory typeFactory = context.getTypeFactory();
    final EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new FunnelPreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
        createCluster(planner, new RexBuilder(typeFactory)), EnumerableConvention.INSTANCE,
        createConvertletTable(), cacheability);
  }

  /**
   * Prepares a statement, or reuses the plan prepared earlier for the same SQL on this connection; reports a write
   * that Calcite cannot parse (another dialect's DDL, a row lock) as a refused write.
   */
  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    final @Nullable String sql = query.sql;
    if (sql != null && sql.isBlank()) {
      // Calcite's parser fails on an empty statement with an index out of bounds.
      throw new IllegalArgumentException("parse failed", new SqlParseException("the statement is empty",
          SqlParserPos.ZERO, null, null, null));
    }
    final @Nullable PlanCache cache = sql == null ? null : PlanCache.of(context.getRootSchema());
    if (cache != null) {
      final @Nullable CalciteSignature<T> cached =
          cache.get(sql, context.getDefaultSchemaPath(), maxRowCount, elementType);
      if (cached != null) {
        if (LOG.isLoggable(Level.FINE)) {
          LOG.fine("reusing the prepared plan of [" + sql + "]");
        }
        return cached;
      }
    }
    final CalciteSignature<T> prepared;
    try {
      prepared = CachingSignatures.wrap(context, sql, maxRowCount, elementType,
          super.prepareSql(context, query, elementType, maxRowCount), cacheability);
    } catch (RuntimeException e) {
      throw ReadOnlyGuard.refuseUnparsed(sql, e);
    }
    if (cache != null) {
      cache.put(sql, context.getDefaultSchemaPath(), maxRowCount, elementType, prepared);
    }
    return prepared;
  }

  /**
   * Releases what FunnelSQL keeps for a connection whose root schema is {@code root} (its plans, its settings); the
   * results it put in the shared result cache stay for other connections until they expire.
   */
  public static void connectionClosed(CalciteSchema root) {
    PlanCache.forget(root);
    StepScanSettings.forget(root);
    CacheScope.forget(root);
  }

  /** DDL and session options are never executed: FunnelSQL is read-only. */
  @Override public void executeDdl(Context context, SqlNode node) {
    throw ReadOnlyGuard.refuseDdl(node);
  }
}
