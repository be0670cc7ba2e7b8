package dev.funnelsql.calcite.schema;

/**
 * How the SQL of the model's tables counts calendar periods on the model's calendar. Event times are instants; a
 * period's start is a label on the calendar's wall clock. A call on event times names no zone (the planner gives it
 * the connection's, which is the model's); a call on labels, which are on the wall clock already, names UTC, so that
 * they are not moved a second time; and an event time is compared with a label through its wall-clock time.
 */
public final class PeriodSql {
  private PeriodSql() {
  }

  /**
   * The label of the period that holds the wall-clock time of the instant {@code time} moved by an interval
   * ({@code shift} such as {@code + INTERVAL '7' DAY}): a week after a Sunday night is the next week's Sunday night
   * on the wall clock, whatever daylight saving did in between.
   */
  public static String shiftedStart(String time, String shift, String unitLiteral) {
    return wallClockShiftedStart(wallClock(time), shift, unitLiteral);
  }

  /** {@link #shiftedStart} of a time already on the wall clock ({@link #wallClock}). */
  public static String wallClockShiftedStart(String wallClockTime, String shift, String unitLiteral) {
    return "PERIOD_START(" + wallClockTime + " " + shift + ", " + unitLiteral + ", 'UTC')";
  }

  /** The number of periods from the label {@code from} to the label {@code to}. */
  public static String startsBetween(String from, String to, String unitLiteral) {
    return "PERIODS_BETWEEN(" + from + ", " + to + ", " + unitLiteral + ", 'UTC')";
  }

  /** The wall-clock time of the instant {@code time}, comparable with labels (the time itself on UTC). */
  public static String wallClock(String time) {
    return "LOCAL_TIME(" + time + ")";
  }
}
