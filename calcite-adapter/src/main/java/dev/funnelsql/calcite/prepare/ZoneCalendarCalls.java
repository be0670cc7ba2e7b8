package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.function.PeriodFunction;
import dev.funnelsql.functions.period.LocalCalendar;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Planning step that gives every calendar call without a zone argument ({@code PERIOD_START(ts, 'day')}, also in
 * the SQL of the model's views) the connection's zone as its last argument, so that the call means the same in
 * FunnelSQL and in the store it is pushed to; and that replaces {@code LOCAL_TIME} on UTC by the time itself, so that
 * the model's SQL, which compares wall-clock times, costs nothing more on the UTC calendar.
 */
final class ZoneCalendarCalls implements Program {
  private final LocalCalendar calendar;

  ZoneCalendarCalls(LocalCalendar calendar) {
    this.calendar = calendar;
  }

  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    final RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
    final RexShuttle zoned = new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        final RexCall visited = (RexCall) super.visitCall(call);
        if (!(visited.getOperator() instanceof PeriodFunction)) {
          return visited;
        }
        final PeriodFunction function = (PeriodFunction) visited.getOperator();
        final List<RexNode> operands = new ArrayList<>(visited.getOperands());
        final boolean zoneless = operands.size() == function.operandsWithoutZone();
        if (function == PeriodFunction.LOCAL_TIME && (zoneless ? calendar.isUtc() : isUtc(operands.get(1)))) {
          // The wall clock of UTC is the time itself.
          return rexBuilder.makeCast(visited.getType(), operands.get(0), true, false);
        }
        if (!zoneless || calendar.isUtc()) {
          return visited;
        }
        operands.add(rexBuilder.makeLiteral(calendar.zone().getId()));
        return visited.clone(visited.getType(), operands);
      }
    };
    return rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        return super.visit(other).accept(zoned);
      }
    });
  }

  private static boolean isUtc(RexNode zone) {
    final @Nullable String text = zone instanceof RexLiteral ? ((RexLiteral) zone).getValueAs(String.class) : null;
    return text != null && LocalCalendar.of(text).isUtc();
  }
}
