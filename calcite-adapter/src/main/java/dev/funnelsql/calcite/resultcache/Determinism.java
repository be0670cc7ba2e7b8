package dev.funnelsql.calcite.resultcache;

import dev.funnelsql.calcite.segment.SegmentOfFunction;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlOperator;

/**
 * Finds whether a logical plan gives the same rows on every run over the same data: no call of a dynamic function
 * (one that reads the clock or the session, e.g. {@code CURRENT_TIMESTAMP}, {@code CURRENT_USER}) or of a
 * non-deterministic one ({@code RAND}), in expressions, aggregates, window functions and sub-queries. {@code
 * SEGMENT_OF} counts as stable: it is declared non-deterministic so that Calcite never folds it, but its answer is
 * itself cached for as long as a cached result lives.
 */
final class Determinism extends RexShuttle {
  private boolean stable = true;

  private Determinism() {
  }

  /** Whether {@code plan} calls only stable functions. */
  static boolean isStable(RelNode plan) {
    final Determinism check = new Determinism();
    check.visit(plan);
    return check.stable;
  }

  private void visit(RelNode rel) {
    if (!stable) {
      return;
    }
    rel.accept(this);
    if (rel instanceof Aggregate) {
      for (AggregateCall call : ((Aggregate) rel).getAggCallList()) {
        check(call.getAggregation());
      }
    }
    if (rel instanceof Window) {
      for (Window.Group group : ((Window) rel).groups) {
        for (Window.RexWinAggCall call : group.aggCalls) {
          check(call.getOperator());
        }
      }
    }
    for (RelNode input : rel.getInputs()) {
      visit(input);
    }
  }

  private void check(SqlOperator operator) {
    if (operator != SegmentOfFunction.INSTANCE && (operator.isDynamicFunction() || !operator.isDeterministic())) {
      stable = false;
    }
  }

  @Override public RexNode visitCall(RexCall call) {
    check(call.getOperator());
    return super.visitCall(call);
  }

  @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
    check(subQuery.getOperator());
    visit(subQuery.rel);
    return super.visitSubQuery(subQuery);
  }
}
