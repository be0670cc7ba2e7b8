package dev.funnelsql.functions.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalendarPeriodTest {
  private static long at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  void startsOfPeriods() {
    final long wednesday = at("2026-09-30T17:45:12");
    assertEquals(at("2026-09-30T00:00:00"), CalendarPeriod.DAY.start(wednesday));
    assertEquals(at("2026-09-28T00:00:00"), CalendarPeriod.WEEK.start(wednesday));
    assertEquals(at("2026-09-01T00:00:00"), CalendarPeriod.MONTH.start(wednesday));
    assertEquals(at("2026-09-28T00:00:00"), CalendarPeriod.WEEK.start(at("2026-09-28T00:00:00")));
    assertEquals(at("2026-09-28T00:00:00"), CalendarPeriod.WEEK.start(at("2026-10-04T23:59:59")));
    assertEquals(at("1969-12-29T00:00:00"), CalendarPeriod.WEEK.start(at("1969-12-31T12:00:00")));
    assertEquals(at("1969-12-31T12:00:00"), CalendarPeriod.HOUR.start(at("1969-12-31T12:34:56")));
    assertEquals(at("2026-12-30T17:00:00"), CalendarPeriod.HOUR.start(at("2026-12-30T17:59:59")));
  }

  @Test
  void nextPeriodStarts() {
    final long wednesday = at("2026-12-30T17:45:12");
    assertEquals(at("2026-12-31T00:00:00"), CalendarPeriod.DAY.next(CalendarPeriod.DAY.start(wednesday)));
    assertEquals(at("2027-01-04T00:00:00"), CalendarPeriod.WEEK.next(CalendarPeriod.WEEK.start(wednesday)));
    assertEquals(at("2027-01-01T00:00:00"), CalendarPeriod.MONTH.next(CalendarPeriod.MONTH.start(wednesday)));
    assertEquals(at("2026-03-01T00:00:00"), CalendarPeriod.MONTH.next(at("2026-02-01T00:00:00")));
    assertEquals(at("2024-03-01T00:00:00"), CalendarPeriod.MONTH.next(at("2024-02-01T00:00:00")));
    for (CalendarPeriod period : CalendarPeriod.values()) {
      final long next = period.next(period.start(wednesday));
      assertEquals(1, period.between(wednesday, next), period.toString());
      assertEquals(0, period.between(wednesday, next - 1), period.toString());
    }
  }

  @Test
  void periodsBetween() {
    assertEquals(0, CalendarPeriod.WEEK.between(at("2026-09-28T00:00:00"), at("2026-10-04T23:59:59")));
    assertEquals(1, CalendarPeriod.WEEK.between(at("2026-10-04T23:59:59"), at("2026-10-05T00:00:00")));
    assertEquals(1, CalendarPeriod.MONTH.between(at("2026-01-31T10:00:00"), at("2026-02-01T00:00:00")));
    assertEquals(-2, CalendarPeriod.DAY.between(at("2026-03-03T00:00:00"), at("2026-03-01T23:00:00")));
    assertEquals(12, CalendarPeriod.MONTH.between(at("2025-12-15T00:00:00"), at("2026-12-01T00:00:00")));
  }

  @Test
  void betweenMatchesCountingPeriodStartsOneByOne() {
    final SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 3_000; i++) {
      final long a = random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
      final long b = a + random.nextLong(-90L * 86_400_000L, 400L * 86_400_000L);
      for (CalendarPeriod period : CalendarPeriod.values()) {
        long count = 0;
        long cursor = period.start(Math.min(a, b));
        final long end = period.start(Math.max(a, b));
        while (cursor < end) {
          // From a period's start, one day / 7 days / 32 days later always lies in the next period.
          cursor = period.start(cursor + periodLengthGuess(period));
          count++;
        }
        assertEquals(b >= a ? count : -count, period.between(a, b), period + " " + Instant.ofEpochMilli(a) + " "
            + Instant.ofEpochMilli(b));
      }
    }
  }

  /** Every start equals {@code java.time}'s on the UTC calendar, and every count of periods its count of units. */
  @Test
  void startsAndCountsEqualJavaTimesOnRandomTimes() {
    final SplittableRandom random = new SplittableRandom(12);
    for (int i = 0; i < 20_000; i++) {
      final long time = i % 4 == 0 ? random.nextLong(-400L * 365 * 86_400_000L, 400L * 365 * 86_400_000L)
          : Math.floorDiv(random.nextLong(-4_000_000_000_000L, 4_000_000_000_000L), 86_400_000L) * 86_400_000L
              + (i % 4 == 1 ? 0 : i % 4 == 2 ? -1 : random.nextLong(86_400_000L));
      final LocalDate date = LocalDateTime.ofInstant(Instant.ofEpochMilli(time), ZoneOffset.UTC).toLocalDate();
      assertEquals(millis(date), CalendarPeriod.DAY.start(time));
      assertEquals(millis(date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))),
          CalendarPeriod.WEEK.start(time), () -> Instant.ofEpochMilli(time).toString());
      assertEquals(millis(date.withDayOfMonth(1)), CalendarPeriod.MONTH.start(time));
      final long other = time + random.nextLong(-3_000L * 86_400_000L, 3_000L * 86_400_000L);
      final LocalDate otherDate = LocalDateTime.ofInstant(Instant.ofEpochMilli(other), ZoneOffset.UTC).toLocalDate();
      assertEquals(ChronoUnit.DAYS.between(date, otherDate), CalendarPeriod.DAY.between(time, other));
      final LocalDate monday = date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      final LocalDate otherMonday = otherDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      assertEquals(ChronoUnit.WEEKS.between(monday, otherMonday), CalendarPeriod.WEEK.between(time, other));
      assertEquals(ChronoUnit.MONTHS.between(date.withDayOfMonth(1), otherDate.withDayOfMonth(1)),
          CalendarPeriod.MONTH.between(time, other));
    }
  }

  private static long millis(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  private static long periodLengthGuess(CalendarPeriod period) {
    switch (period) {
      case HOUR:
        return 3_600_000L;
      case DAY:
        return 86_400_000L;
      case WEEK:
        return 7L * 86_400_000L;
      default:
        return 32L * 86_400_000L;
    }
  }

  @Test
  void unknownPeriodIsAClearError() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CalendarPeriod.parse("fortnight"));
    assertEquals("unknown period 'fortnight'; use hour, day, week or month", e.getMessage());
  }
}
