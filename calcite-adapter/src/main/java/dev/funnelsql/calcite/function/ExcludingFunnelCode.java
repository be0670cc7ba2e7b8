package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.ExcludingFunnelAccumulator;
import dev.funnelsql.functions.funnel.ExcludingFunnelSpec;
import dev.funnelsql.functions.funnel.FunnelMode;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The two back ends of a model funnel's per-user aggregate (its step times, capped at its exclusions), over the one
 * {@link ExcludingFunnelSpec} the funnel table was bound to.
 */
final class ExcludingFunnelCode implements AccumulatorCode {
  private final ExcludingFunnelSpec spec;

  ExcludingFunnelCode(ExcludingFunnelSpec spec) {
    this.spec = BoundValues.intern(spec);
  }

  @Override public Class<?> stateClass() {
    return ExcludingFunnelAccumulator.class;
  }

  @Override public Expression create() {
    return Expressions.new_(ExcludingFunnelAccumulator.class, Expressions.call(BehaviouralRuntime.class,
        "excludingFunnelSpec", Expressions.constant(BoundValues.number(spec))));
  }

  @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
    return Expressions.call(state, "add", time, mask);
  }

  @Override public Expression result(Expression state) {
    return Expressions.call(BehaviouralRuntime.class, "excludingFunnelTimes", state);
  }

  @Override public boolean readsRowsMatchingNoCondition() {
    return spec.funnel().has(FunnelMode.STRICT_ORDER);
  }

  @Override public GroupEvaluator evaluator() {
    return new ExcludingFunnelEvaluator(spec);
  }

  /** The funnel's step times, capped at its exclusions, unless a start condition scopes it (an unordered funnel). */
  @Override public @Nullable EngineCall engineCall() {
    return spec.startCondition() ? null : new EngineCall.Funnel(spec.funnel(), spec.exclusions(), true);
  }

  @Override public Object spec() {
    return spec;
  }
}
