package dev.funnelsql.calcite.function;

import org.apache.calcite.linq4j.tree.Expression;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The two back ends of a bound behavioural aggregate, over the one value it was bound to: the Java code it generates
 * (how to create its accumulator, feed it one row and read its result, through {@link BehaviouralRuntime}) and the
 * {@link GroupEvaluator} the step scan runs.
 */
interface AccumulatorCode {
  /** The accumulator's class, the aggregate's state. */
  Class<?> stateClass();

  /** An expression creating a fresh accumulator. */
  Expression create();

  /**
   * An expression feeding one row to the accumulator.
   *
   * @param state the accumulator
   * @param time the row's time, a {@code long} on the function's time line (never NULL: rows without a time are
   *     skipped before), or null if the function takes no time
   * @param mask the {@code int} bit-mask of the conditions that are true for the row
   */
  Expression add(Expression state, @Nullable Expression time, Expression mask);

  /** An expression reading the result in Calcite's internal representation. */
  Expression result(Expression state);

  /** A new evaluator computing the same result over rows given in time order. */
  GroupEvaluator evaluator();

  /** The validated value the call was bound to: a {@code FunnelSpec}, a {@code SequencePattern}, a count. */
  Object spec();

  /** Whether rows that match none of the conditions can change the result. */
  default boolean readsRowsMatchingNoCondition() {
    return false;
  }
}
