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

  /**
   * Whether the argument after the time is a value kept with each row (SEQUENCE_NEXT_NODE's event column) rather
   * than a condition; such a function is fed by {@link #addWithValue}, and its {@link #evaluator()} by
   * {@link GroupEvaluator#accept(long, int, String)}.
   */
  default boolean takesValue() {
    return false;
  }

  /**
   * An expression feeding one row and its value to the accumulator (only if {@link #takesValue()}).
   *
   * @param value the row's value, never NULL (rows with a NULL value are skipped before)
   */
  default Expression addWithValue(Expression state, @Nullable Expression time, Expression value, Expression mask) {
    throw new UnsupportedOperationException("takes no value");
  }

  /** Whether a row with a NULL condition is skipped, as ClickHouse's sequenceNextNode does, rather than read. */
  default boolean dropsRowsWithNullConditions() {
    return false;
  }

  /** Whether rows that match none of the conditions can change the result. */
  default boolean readsRowsMatchingNoCondition() {
    return false;
  }

  /** What an engine computes in its own SQL for this aggregate (a plain funnel, a retention), or null if none. */
  default @Nullable EngineCall engineCall() {
    return null;
  }
}
