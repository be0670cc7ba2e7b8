package dev.funnelsql.functions.period;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
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

  /** Parses {@code hour}, {@code day}, {@code week} or {@code month}, ignoring case. */
  public static CalendarPeriod parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown period '" + text + "'; use hour, day, week or month", e);
    }
  }

  /** The start (epoch milliseconds) of the period that holds {@code epochMillis}. */
  public long start(long epochMillis) {
    if (this == HOUR) {
      return Math.floorDiv(epochMillis, 3_600_000L) * 3_600_000L;
    }
    final LocalDate date = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).toLocalDate();
    final LocalDate start;
    switch (this) {
      case DAY:
        start = date;
        break;
      case WEEK:
        start = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        break;
      default:
        start = date.withDayOfMonth(1);
        break;
    }
    return start.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
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
    final LocalDate a = LocalDate.ofInstant(Instant.ofEpochMilli(start(from)), ZoneOffset.UTC);
    final LocalDate b = LocalDate.ofInstant(Instant.ofEpochMilli(start(to)), ZoneOffset.UTC);
    switch (this) {
      case DAY:
        return ChronoUnit.DAYS.between(a, b);
      case WEEK:
        return ChronoUnit.WEEKS.between(a, b);
      default:
        return ChronoUnit.MONTHS.between(a, b);
    }
  }
}
