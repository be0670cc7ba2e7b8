package dev.funnelsql.calcite.function;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One bound behavioural aggregate computed over one group at a time, its rows arriving in time order: the streaming
 * form used when FunnelSQL reads the step rows itself, with memory per open group, not per row.
 */
public interface GroupEvaluator {
  /** Starts a new group. */
  void reset();

  /**
   * Takes the group's next row.
   *
   * @param time the row's time on the function's time line, not before the previous row's (ignored by functions
   *     without a time)
   * @param mask bit {@code i} set = condition {@code i + 1} holds
   */
  void accept(long time, int mask);

  /**
   * Takes the group's next row with its value, for a function that keeps a value with each row
   * ({@link BoundAggFunction#takesValue()}, SEQUENCE_NEXT_NODE's event column), which is fed by this method only.
   *
   * @param time the row's time on the function's time line, not before the previous row's
   * @param mask bit {@code i} set = condition {@code i + 1} holds
   * @param value the row's value, never null (rows whose value is NULL are skipped before)
   */
  default void accept(long time, int mask, String value) {
    throw new UnsupportedOperationException("this function takes no value");
  }

  /** Whether later rows of the group can no longer change the result, so they may be skipped. */
  boolean stopped();

  /** The group's result, in Calcite's internal representation. */
  @Nullable Object result();

  /**
   * An evaluator over an accumulator that keeps the group's rows and answers at the end (it never stops early).
   *
   * @param reset forgets the group's rows
   * @param accept takes one row's time and mask
   * @param result the group's result
   */
  static GroupEvaluator buffering(Runnable reset, RowSink accept,
      java.util.function.Supplier<@Nullable Object> result) {
    return new GroupEvaluator() {
      @Override public void reset() {
        reset.run();
      }

      @Override public void accept(long time, int mask) {
        accept.accept(time, mask);
      }

      @Override public boolean stopped() {
        return false;
      }

      @Override public @Nullable Object result() {
        return result.get();
      }
    };
  }

  /** Takes one row: its time and the mask of its conditions. */
  @FunctionalInterface
  interface RowSink {
    /** Takes the row. */
    void accept(long time, int mask);
  }
}
