package dev.funnelsql.calcite.prepare;

import java.lang.reflect.Type;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's statement preparation with FunnelSQL's additions: the behavioural functions in the validator's
 * operator table, a planning program that binds their constant arguments and plans step scans, and a per-connection
 * cache of prepared plans ({@link PlanCache}). One is created per statement.
 */
public class FunnelPrepare extends CalcitePrepareImpl {
  private static final Logger LOG = Logger.getLogger(FunnelPrepare.class.getName());

  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    final @Nullable String sql = query.sql;
    if (sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    final PlanCache cache = PlanCache.of(context.getRootSchema());
    final @Nullable CalciteSignature<T> cached =
        cache.get(sql, context.getDefaultSchemaPath(), maxRowCount, elementType);
    if (cached != null) {
      if (LOG.isLoggable(Level.FINE)) {
        LOG.fine("reusing the prepared plan of [" + sql + "]");
      }
      return cached;
    }
    final CalciteSignature<T> prepared = super.prepareSql(context, query, elementType, maxRowCount);
    cache.put(sql, context.getDefaultSchemaPath(), maxRowCount, elementType, prepared);
    return prepared;
  }

  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    final JavaTypeFactory typeFactory = context.getTypeFactory();
    final EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new FunnelPreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
        createCluster(planner, new RexBuilder(typeFactory)), EnumerableConvention.INSTANCE,
        createConvertletTable());
  }
}
