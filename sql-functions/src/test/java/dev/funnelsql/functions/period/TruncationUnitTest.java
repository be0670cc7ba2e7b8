package dev.funnelsql.functions.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TruncationUnitTest {
  private static long at(String text) {
    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  @Test
  void truncatesToEachUnit() {
    final long t = at("2026-08-19T13:47:21.654");
    assertEquals(at("2026-08-19T13:47:21"), TruncationUnit.SECOND.start(t));
    assertEquals(at("2026-08-19T13:47:00"), TruncationUnit.MINUTE.start(t));
    assertEquals(at("2026-08-19T13:00:00"), TruncationUnit.HOUR.start(t));
    assertEquals(at("2026-08-19T00:00:00"), TruncationUnit.DAY.start(t));
    assertEquals(at("2026-08-17T00:00:00"), TruncationUnit.WEEK.start(t));
    assertEquals(at("2026-08-01T00:00:00"), TruncationUnit.MONTH.start(t));
    assertEquals(at("2026-07-01T00:00:00"), TruncationUnit.QUARTER.start(t));
    assertEquals(at("2026-01-01T00:00:00"), TruncationUnit.YEAR.start(t));
    assertEquals(at("1969-12-31T23:59:00"), TruncationUnit.MINUTE.start(at("1969-12-31T23:59:59.999")));
    assertEquals(at("1969-10-01T00:00:00"), TruncationUnit.QUARTER.start(at("1969-12-31T23:59:59.999")));
  }

  /** The brute-force reference: step back from the time until the unit's boundary condition holds. */
  private static long reference(TruncationUnit unit, long epochMillis) {
    LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).withNano(0);
    while (!boundary(unit, t)) {
      // The largest step that cannot jump over a boundary: seconds until a whole minute, minutes until a whole hour.
      t = t.getSecond() != 0 ? t.minusSeconds(1) : t.getMinute() != 0 ? t.minusMinutes(1) : t.minusHours(1);
    }
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static boolean boundary(TruncationUnit unit, LocalDateTime t) {
    final boolean midnight = t.getHour() == 0 && t.getMinute() == 0 && t.getSecond() == 0;
    switch (unit) {
      case SECOND:
        return true;
      case MINUTE:
        return t.getSecond() == 0;
      case HOUR:
        return t.getMinute() == 0 && t.getSecond() == 0;
      case DAY:
        return midnight;
      case WEEK:
        return midnight && t.getDayOfWeek() == DayOfWeek.MONDAY;
      case MONTH:
        return midnight && t.getDayOfMonth() == 1;
      case QUARTER:
        return midnight && t.getDayOfMonth() == 1 && (t.getMonthValue() - 1) % 3 == 0;
      default:
        return midnight && t.getDayOfYear() == 1;
    }
  }

  @Test
  void matchesSteppingBackToTheBoundaryOnRandomTimes() {
    final SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 2_000; i++) {
      final long t = random.nextLong(-3_000_000_000_000L, 5_000_000_000_000L);
      for (TruncationUnit unit : TruncationUnit.values()) {
        if (unit == TruncationUnit.YEAR && i % 20 != 0) {
          continue; // stepping back hour by hour through a year is slow; a tenth of the times suffice
        }
        assertEquals(reference(unit, t), unit.start(t), unit + " " + Instant.ofEpochMilli(t));
      }
    }
  }

  @Test
  void unknownUnitIsAClearError() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TruncationUnit.parse("fortnight"));
    assertEquals("unknown unit 'fortnight'; use second, minute, hour, day, week, month, quarter or year",
        e.getMessage());
    assertEquals(TruncationUnit.QUARTER, TruncationUnit.parse(" Quarter "));
  }
}
