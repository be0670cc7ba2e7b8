package dev.funnelsql.calcite.prepare;

import com.google.common.collect.ImmutableList;
import dev.funnelsql.calcite.function.SessionizeFunction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.tools.Program;

/**
 * Planning step that turns each {@code SESSIONIZE(ts, gap) OVER (PARTITION BY p …)} into the standard window
 * functions every store with windows computes, so that the session numbers are computed in the store (and by
 * Calcite's own window operator where the store has none):
 *
 * <pre>
 * lag  = LAG(ts) OVER (PARTITION BY p ORDER BY ts)                                   -- a projection below
 * flag = CASE WHEN ts IS NULL THEN 0 WHEN lag IS NULL OR ts &gt; lag + gap THEN 1 ELSE 0 END
 * SESSIONIZE = CASE WHEN ts IS NULL THEN NULL
 *              ELSE SUM(flag) OVER (PARTITION BY p ORDER BY ts RANGE UNBOUNDED PRECEDING) END
 * </pre>
 *
 * A session starts at each row whose time is more than {@code gap} after the previous row's (or that has none):
 * rows at one instant follow each other with no time between them, so only the first of them (whichever the store
 * puts first) can start a session, and the running sum over a {@code RANGE} frame counts it for all of them. Rows
 * whose time is NULL start nothing and get NULL, whether the store sorts them first or last. The window's own
 * {@code ORDER BY} does not change the numbers: sessions always follow the time.
 */
final class SessionizeAsWindows implements Program {
  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        final RelNode visited = super.visit(other);
        return visited instanceof Project && callsSessionize((Project) visited)
            ? expand((Project) visited) : visited;
      }
    });
  }

  private static boolean isSessionize(RexNode node) {
    return node instanceof RexOver && ((RexOver) node).getOperator() == SessionizeFunction.INSTANCE;
  }

  private static boolean callsSessionize(Project project) {
    final boolean[] found = {false};
    final RexShuttle finder = new RexShuttle() {
      @Override public RexNode visitOver(RexOver over) {
        found[0] |= isSessionize(over);
        return super.visitOver(over);
      }
    };
    project.getProjects().forEach(expression -> expression.accept(finder));
    return found[0];
  }

  /** The projection below the calls' (the input's fields, then each distinct call's {@code LAG}), and the calls'. */
  private static RelNode expand(Project project) {
    final RexBuilder rexBuilder = project.getCluster().getRexBuilder();
    final RelNode input = project.getInput();
    final int width = input.getRowType().getFieldCount();
    // One LAG per distinct (time, partition): two calls over the same rows share it.
    final Map<List<Object>, RexNode> lags = new LinkedHashMap<>();
    final RexShuttle collect = new RexShuttle() {
      @Override public RexNode visitOver(RexOver over) {
        if (isSessionize(over)) {
          lags.computeIfAbsent(key(over), k -> lag(rexBuilder, over));
        }
        return super.visitOver(over);
      }
    };
    project.getProjects().forEach(expression -> expression.accept(collect));
    final List<RexNode> below = new ArrayList<>(rexBuilder.identityProjects(input.getRowType()));
    final List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
    final List<List<Object>> keys = new ArrayList<>(lags.keySet());
    for (int i = 0; i < keys.size(); i++) {
      below.add(lags.get(keys.get(i)));
      names.add("$session_lag" + i);
    }
    final RelNode withLags =
        LogicalProject.create(input, List.of(), below, SqlValidatorUtil.uniquify(names, true), Set.of());
    final RexShuttle replace = new RexShuttle() {
      @Override public RexNode visitOver(RexOver over) {
        if (!isSessionize(over)) {
          return super.visitOver(over);
        }
        final int index = width + keys.indexOf(key(over));
        return sessionNumber(rexBuilder, over, new RexInputRef(index, withLags.getRowType().getFieldList()
            .get(index).getType()));
      }
    };
    final List<RexNode> above = new ArrayList<>();
    project.getProjects().forEach(expression -> above.add(expression.accept(replace)));
    return LogicalProject.create(withLags, project.getHints(), above, project.getRowType(), project.getVariablesSet());
  }

  private static List<Object> key(RexOver over) {
    return List.of(over.getOperands().get(0).toString(), over.getWindow().partitionKeys.toString());
  }

  /** {@code LAG(ts) OVER (PARTITION BY p ORDER BY ts)}. */
  private static RexNode lag(RexBuilder rexBuilder, RexOver over) {
    final RexNode time = over.getOperands().get(0);
    return rexBuilder.makeOver(rexBuilder.getTypeFactory().createTypeWithNullability(time.getType(), true),
        SqlStdOperatorTable.LAG, List.of(time), over.getWindow().partitionKeys, byTime(time),
        RexWindowBounds.UNBOUNDED_PRECEDING, RexWindowBounds.CURRENT_ROW, false, true, false, false, false);
  }

  private static ImmutableList<RexFieldCollation> byTime(RexNode time) {
    return ImmutableList.of(new RexFieldCollation(time, Set.of()));
  }

  /** The call's session number over the projection that carries the previous row's time at {@code lag}. */
  private static RexNode sessionNumber(RexBuilder rexBuilder, RexOver over, RexNode lag) {
    final RelDataTypeFactory types = rexBuilder.getTypeFactory();
    final RelDataType bigint = types.createSqlType(SqlTypeName.BIGINT);
    final RexNode time = over.getOperands().get(0);
    final long gap = SessionizeFunction.gap(over);
    final RexNode later;
    final SqlTypeName type = time.getType().getSqlTypeName();
    if (type == SqlTypeName.DATE || type == SqlTypeName.TIMESTAMP
        || type == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      // A date is compared as its midnight, as the gap may be shorter than a day.
      final RelDataType timestamp = types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP), true);
      final RexNode now = type == SqlTypeName.DATE ? rexBuilder.makeCast(timestamp, time) : time;
      final RexNode before = type == SqlTypeName.DATE ? rexBuilder.makeCast(timestamp, lag) : lag;
      later = rexBuilder.makeCall(SqlStdOperatorTable.GREATER_THAN, now,
          rexBuilder.makeCall(SqlStdOperatorTable.DATETIME_PLUS, before, rexBuilder.makeIntervalLiteral(
              BigDecimal.valueOf(gap), new SqlIntervalQualifier(TimeUnit.SECOND, null, SqlParserPos.ZERO))));
    } else {
      later = rexBuilder.makeCall(SqlStdOperatorTable.GREATER_THAN, time,
          rexBuilder.makeCall(SqlStdOperatorTable.PLUS, lag, rexBuilder.makeBigintLiteral(BigDecimal.valueOf(gap))));
    }
    final RexNode zero = rexBuilder.makeBigintLiteral(BigDecimal.ZERO);
    final RexNode one = rexBuilder.makeBigintLiteral(BigDecimal.ONE);
    final RexNode starts = rexBuilder.makeCall(SqlStdOperatorTable.CASE,
        rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, time), zero,
        rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, lag), one,
        later, one, zero);
    final RexNode running = rexBuilder.makeOver(bigint, SqlStdOperatorTable.SUM, List.of(starts),
        over.getWindow().partitionKeys, byTime(time), RexWindowBounds.UNBOUNDED_PRECEDING,
        RexWindowBounds.CURRENT_ROW, false, true, false, false, false);
    final RexNode number = rexBuilder.makeCall(SqlStdOperatorTable.CASE,
        rexBuilder.makeCall(SqlStdOperatorTable.IS_NULL, time), rexBuilder.makeNullLiteral(over.getType()),
        rexBuilder.makeCast(over.getType(), running, true, false));
    return number.getType().equals(over.getType()) ? number : rexBuilder.makeCast(over.getType(), number, true, false);
  }

}
