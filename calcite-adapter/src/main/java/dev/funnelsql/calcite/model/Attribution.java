package dev.funnelsql.calcite.model;

/**
 * Which step's event gives a user their value of a column breakdown (a funnel's {@code attribution:}): the step-1
 * event ({@code first_touch}, the default), the event of the last step reached ({@code last_touch}), or the event of
 * one step ({@code step: N}; users who did not reach it have none).
 *
 * @param step the step whose event counts (1-based), or 0 for the last step reached
 */
public record Attribution(int step) {
  /** The value on the step-1 event. */
  public static final Attribution FIRST_TOUCH = new Attribution(1);
  /** The value on the event of the last step reached. */
  public static final Attribution LAST_TOUCH = new Attribution(0);

  /** The 0-based index of the step whose event counts for a user who reached {@code level} steps, or -1. */
  public int stepIndex(int level) {
    if (step == 0) {
      return level - 1;
    }
    return level >= step ? step - 1 : -1;
  }

  @Override public String toString() {
    return step == 0 ? "last_touch" : step == 1 ? "first_touch" : "step " + step;
  }
}
