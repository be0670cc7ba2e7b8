package dev.funnelsql.functions.period;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The units of {@code DATE_TRUNC}: a time truncated to the start of its second, minute, hour, day, ISO week, month,
 * quarter or year on the UTC calendar. Day, week and month are {@link CalendarPeriod}'s own buckets, so a
 * {@code DATE_TRUNC} and a cohort period always agree.
 */
public enum TruncationUnit {
  /** One second. */
  SECOND,
  /** One minute. */
  MINUTE,
  /** One hour. */
  HOUR,
  /** One calendar day. */
  DAY,
  /** One ISO week, Monday to Sunday. */
  WEEK,
  /** One calendar month. */
  MONTH,
  /** One calendar quarter: January, April, July or October to the end of the third month. */
  QUARTER,
  /** One calendar year. */
  YEAR;

  private static final long DAY_MILLIS = 86_400_000L;

  /** The unit names, as a message lists them. */
  public static final String NAMES = "second, minute, hour, day, week, month, quarter or year";

  /** Parses a unit name, ignoring case and surrounding blanks. */
  public static TruncationUnit parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown unit '" + text + "'; use " + NAMES, e);
    }
  }

  /** The start (epoch milliseconds) of the unit that holds {@code epochMillis}. */
  public long start(long epochMillis) {
    switch (this) {
      case SECOND:
        return floor(epochMillis, 1_000L);
      case MINUTE:
        return floor(epochMillis, 60_000L);
      case HOUR:
        return floor(epochMillis, 3_600_000L);
      case DAY:
        return CalendarPeriod.DAY.start(epochMillis);
      case WEEK:
        return CalendarPeriod.WEEK.start(epochMillis);
      case MONTH:
        return CalendarPeriod.MONTH.start(epochMillis);
      default:
        // The day number and back, without the ZoneRules that LocalDate.ofInstant makes per call (JDK 17).
        final long monthStart = CalendarPeriod.MONTH.start(epochMillis);
        final LocalDate month = LocalDate.ofEpochDay(Math.floorDiv(monthStart, DAY_MILLIS));
        final LocalDate start = this == QUARTER
            ? month.withMonth((month.getMonthValue() - 1) / 3 * 3 + 1) : month.withDayOfYear(1);
        return Math.multiplyExact(start.toEpochDay(), DAY_MILLIS);
    }
  }

  private static long floor(long epochMillis, long length) {
    return Math.floorDiv(epochMillis, length) * length;
  }
}
