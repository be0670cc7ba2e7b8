package dev.funnelsql.functions.period;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Calendar periods for cohorts, lifecycles and transitions: the start of the period holding a time, and how many
 * whole periods lie between two times. Times are epoch milliseconds on the UTC calendar; hours start on the hour,
 * weeks on Monday (ISO 8601), months on the 1st.
 */
public enum CalendarPeriod {
  /** One hour. */
  HOUR,
  /** One calendar day. */
  DAY,
  /** One ISO week, Monday to Sunday. */
  WEEK,
  /** One calendar month. */
  MONTH;

  private static final long DAY_MILLIS = 86_400_000L;

  /** Parses {@code hour}, {@code day}, {@code week} or {@code month}, ignoring case. */
  public static CalendarPeriod parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown period '" + text + "'; use hour, day, week or month", e);
    }
  }

  /**
   * The start (epoch milliseconds) of the period that holds {@code epochMillis}: arithmetic on the day number, with a
   * {@link LocalDate} for months only; {@code java.time}'s own route through a UTC {@code LocalDateTime} made a new
   * {@code ZoneRules} per call (JDK 17), a tenth of the samples of the thread that evaluates a funnel trend.
   */
  public long start(long epochMillis) {
    if (this == HOUR) {
      return Math.floorDiv(epochMillis, 3_600_000L) * 3_600_000L;
    }
    final long day = Math.floorDiv(epochMillis, DAY_MILLIS);
    final long startDay;
    switch (this) {
      case DAY:
        startDay = day;
        break;
      case WEEK:
        // 1970-01-01 was a Thursday, day 3 of an ISO week counted from 0 on Monday.
        startDay = day - Math.floorMod(day + 3, 7L);
        break;
      default:
        startDay = LocalDate.ofEpochDay(day).withDayOfMonth(1).toEpochDay();
        break;
    }
    return Math.multiplyExact(startDay, DAY_MILLIS);
  }

  /**
   * The start (epoch milliseconds) of the period after the one that starts at {@code start} (a value of {@link
   * #start}); arithmetic for days and weeks, so that a caller that already has the start pays for no calendar.
   */
  public long next(long start) {
    switch (this) {
      case HOUR:
        return start + 3_600_000L;
      case DAY:
        return start + 86_400_000L;
      case WEEK:
        return start + 7 * 86_400_000L;
      default:
        return start(start + 31 * 86_400_000L);
    }
  }

  /**
   * The number of periods from the period holding {@code from} to the period holding {@code to}: 0 in the same
   * period, 1 in the next one, negative when {@code to} is earlier.
   */
  public long between(long from, long to) {
    if (this == HOUR) {
      return (start(to) - start(from)) / 3_600_000L;
    }
    final long a = Math.floorDiv(start(from), DAY_MILLIS);
    final long b = Math.floorDiv(start(to), DAY_MILLIS);
    switch (this) {
      case DAY:
        return b - a;
      case WEEK:
        // Both are Mondays.
        return (b - a) / 7;
      default:
        return ChronoUnit.MONTHS.between(LocalDate.ofEpochDay(a), LocalDate.ofEpochDay(b));
    }
  }
}
