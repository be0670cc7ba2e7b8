package dev.funnelsql.calcite.prepare;

import java.lang.reflect.Type;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calcite's statement preparation with FunnelSQL's additions: the behavioural functions in the validator's
 * operator table and a planning program that binds their constant arguments. One is created per statement.
 */
public class FunnelPrepare extends CalcitePrepareImpl {
  @Override protected CalcitePreparingStmt getPreparingStmt(Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    final JavaTypeFactory typeFactory = context.getTypeFactory();
    final EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new FunnelPreparingStmt(this, context, catalogReader, typeFactory, context.getRootSchema(), prefer,
        createCluster(planner, new RexBuilder(typeFactory)), EnumerableConvention.INSTANCE,
        createConvertletTable());
  }

  /** Reports a write that Calcite cannot parse (another dialect's DDL, a row lock) as a refused write. */
  @Override public <T> CalciteSignature<T> prepareSql(Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    if (query.sql != null && query.sql.isBlank()) {
      // Calcite's parser fails on an empty statement with an index out of bounds.
      throw new IllegalArgumentException("parse failed", new SqlParseException("the statement is empty",
          SqlParserPos.ZERO, null, null, null));
    }
    try {
      return super.prepareSql(context, query, elementType, maxRowCount);
    } catch (RuntimeException e) {
      throw ReadOnlyGuard.refuseUnparsed(query.sql, e);
    }
  }

  /** DDL and session options are never executed: FunnelSQL is read-only. */
  @Override public void executeDdl(Context context, SqlNode node) {
    throw ReadOnlyGuard.refuseDdl(node);
  }
}
