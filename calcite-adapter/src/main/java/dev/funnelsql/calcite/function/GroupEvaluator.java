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

  /** Whether later rows of the group can no longer change the result, so they may be skipped. */
  boolean stopped();

  /** The group's result, in Calcite's internal representation. */
  @Nullable Object result();
}
