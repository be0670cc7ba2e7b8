package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.FunnelMode;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The two back ends of a model funnel's trend aggregate (the level reached per entry period), over the one
 * {@link FunnelTrendSpec} the trend table was bound to.
 */
final class FunnelTrendCode implements AccumulatorCode {
  private final FunnelTrendSpec spec;

  FunnelTrendCode(FunnelTrendSpec spec) {
    this.spec = BoundValues.intern(spec);
  }

  @Override public Class<?> stateClass() {
    return FunnelTrendAccumulator.class;
  }

  @Override public Expression create() {
    return Expressions.new_(FunnelTrendAccumulator.class, Expressions.call(BehaviouralRuntime.class,
        "funnelTrendSpec", Expressions.constant(BoundValues.number(spec))));
  }

  @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
    return Expressions.call(state, "add", time, mask);
  }

  @Override public Expression result(Expression state) {
    return Expressions.call(state, "result");
  }

  @Override public boolean readsRowsMatchingNoCondition() {
    return spec.funnel().funnel().has(FunnelMode.STRICT_ORDER);
  }

  @Override public GroupEvaluator evaluator() {
    return new FunnelTrendEvaluator(spec);
  }

  @Override public Object spec() {
    return spec;
  }
}
