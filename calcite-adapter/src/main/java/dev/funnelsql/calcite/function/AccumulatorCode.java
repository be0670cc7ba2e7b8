package dev.funnelsql.calcite.function;

import org.apache.calcite.linq4j.tree.Expression;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Java code a bound behavioural aggregate generates: how to create its accumulator, feed it one row and read
 * its result. Implementations call the plain-Java accumulators of {@code sql-functions} through {@link
 * BehaviouralRuntime}.
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

  /** Whether rows that match none of the conditions can change the result. */
  default boolean readsRowsMatchingNoCondition() {
    return false;
  }
}
