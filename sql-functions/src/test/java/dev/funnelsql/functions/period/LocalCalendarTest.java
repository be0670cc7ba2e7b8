package dev.funnelsql.functions.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LocalCalendarTest {
  /** Zones with daylight saving (north and south, a 30-minute shift, a midnight shift) and an odd fixed offset. */
  static final List<String> ZONES = List.of("America/Los_Angeles", "Europe/Paris", "Australia/Lord_Howe",
      "America/Santiago", "America/Sao_Paulo", "Asia/Kolkata", "Pacific/Chatham");

  /**
   * Zones whose clocks go back by part of an hour or off the hour: one local hour then holds two stretches of time
   * with another hour between them, so it has no one end.
   */
  private static final List<String> PART_HOUR_SHIFTS = List.of("Australia/Lord_Howe", "Pacific/Chatham");

  private static long at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** The reference: the period's start on the zone's wall clock, by java.time alone. */
  private static LocalDateTime referenceStart(ZoneId zone, CalendarPeriod period, long instant) {
    final ZonedDateTime local = Instant.ofEpochMilli(instant).atZone(zone);
    final LocalDate date = local.toLocalDate();
    switch (period) {
      case HOUR:
        return local.toLocalDateTime().truncatedTo(ChronoUnit.HOURS);
      case DAY:
        return date.atStartOfDay();
      case WEEK:
        return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
      default:
        return date.withDayOfMonth(1).atStartOfDay();
    }
  }

  /** Random instants, a third of them within a day of one of the zone's transitions. */
  private static long instant(SplittableRandom random, ZoneId zone) {
    final long any = random.nextLong(at("2015-01-01T00:00:00"), at("2030-01-01T00:00:00"));
    if (random.nextInt(3) != 0) {
      return any;
    }
    final var transition = zone.getRules().nextTransition(Instant.ofEpochMilli(any));
    final long near = transition == null ? any : transition.getInstant().toEpochMilli();
    return near + random.nextLong(-86_400_000L, 86_400_000L) / 60_000L * 60_000L;
  }

  @Test
  void periodStartsAreTheZonesWallClockPeriods() {
    final SplittableRandom random = new SplittableRandom(5);
    for (String name : ZONES) {
      final ZoneId zone = ZoneId.of(name);
      final LocalCalendar calendar = LocalCalendar.of(name);
      for (int i = 0; i < 4_000; i++) {
        final long instant = instant(random, zone);
        for (CalendarPeriod period : CalendarPeriod.values()) {
          final long expected = referenceStart(zone, period, instant).toInstant(ZoneOffset.UTC).toEpochMilli();
          assertEquals(expected, calendar.periodStart(period, instant), name + " " + period + " " + instant);
        }
      }
    }
  }

  @Test
  void aPeriodEndsWhereTheNextPeriodsFirstInstantIs() {
    final SplittableRandom random = new SplittableRandom(6);
    for (String name : ZONES) {
      final ZoneId zone = ZoneId.of(name);
      final LocalCalendar calendar = LocalCalendar.of(name);
      for (int i = 0; i < 2_000; i++) {
        final long instant = instant(random, zone);
        for (CalendarPeriod period : CalendarPeriod.values()) {
          if (period == CalendarPeriod.HOUR && PART_HOUR_SHIFTS.contains(name)) {
            continue;
          }
          final long start = calendar.periodStart(period, instant);
          final long end = calendar.periodEnd(period, start);
          assertTrue(end > instant, name + " " + period);
          assertEquals(start, calendar.periodStart(period, end - 1), name + " " + period + " " + instant);
          assertNotEquals(start, calendar.periodStart(period, end), name + " " + period + " " + instant);
          // More than one where the clock skips the next hour's label (02:00 on a spring-forward night).
          final long between = calendar.periodsBetween(period, end - 1, end);
          assertEquals(period == CalendarPeriod.HOUR ? (calendar.toLocal(end) - calendar.toLocal(end - 1) - 1)
              / 3_600_000L + 1 : 1, between, name + " " + period);
        }
      }
    }
  }

  @Test
  void periodsBetweenCountsTheZonesWallClockPeriods() {
    final SplittableRandom random = new SplittableRandom(7);
    for (String name : ZONES) {
      final ZoneId zone = ZoneId.of(name);
      final LocalCalendar calendar = LocalCalendar.of(name);
      for (int i = 0; i < 2_000; i++) {
        final long from = instant(random, zone);
        final long to = from + random.nextLong(-40L * 86_400_000L, 400L * 86_400_000L);
        for (CalendarPeriod period : CalendarPeriod.values()) {
          final LocalDateTime a = referenceStart(zone, period, from);
          final LocalDateTime b = referenceStart(zone, period, to);
          final ChronoUnit unit = period == CalendarPeriod.HOUR ? ChronoUnit.HOURS
              : period == CalendarPeriod.DAY ? ChronoUnit.DAYS
              : period == CalendarPeriod.WEEK ? ChronoUnit.WEEKS : ChronoUnit.MONTHS;
          assertEquals(unit.between(a, b), calendar.periodsBetween(period, from, to), name + " " + period);
        }
      }
    }
  }

  @Test
  void mondaysSignupsInLosAngelesStayOnMonday() {
    final LocalCalendar pacific = LocalCalendar.of("America/Los_Angeles");
    // 2026-03-10 06:30 UTC is Monday 9 March, 23:30 in Los Angeles (PDT since 8 March).
    assertEquals(at("2026-03-09T00:00:00"), pacific.periodStart(CalendarPeriod.DAY, at("2026-03-10T06:30:00")));
    assertEquals(at("2026-03-10T00:00:00"), LocalCalendar.UTC.periodStart(CalendarPeriod.DAY,
        at("2026-03-10T06:30:00")));
    // The day of the spring change has 23 hours, the day of the autumn change 25.
    assertEquals(at("2026-03-09T07:00:00"), pacific.periodEnd(CalendarPeriod.DAY, at("2026-03-08T00:00:00")));
    assertEquals(at("2026-11-02T08:00:00"), pacific.periodEnd(CalendarPeriod.DAY, at("2026-11-01T00:00:00")));
    // Both 01:00 hours of 1 November fall in one local hour, which ends at 02:00 PST.
    assertEquals(at("2026-11-01T01:00:00"), pacific.periodStart(CalendarPeriod.HOUR, at("2026-11-01T08:30:00")));
    assertEquals(at("2026-11-01T01:00:00"), pacific.periodStart(CalendarPeriod.HOUR, at("2026-11-01T09:30:00")));
    assertEquals(at("2026-11-01T10:00:00"), pacific.periodEnd(CalendarPeriod.HOUR, at("2026-11-01T01:00:00")));
  }

  @Test
  void truncationFollowsTheWallClock() {
    final LocalCalendar kolkata = LocalCalendar.of("Asia/Kolkata");
    assertEquals(at("2026-03-10T12:00:00"), kolkata.truncate(TruncationUnit.HOUR, at("2026-03-10T06:45:00")));
    assertEquals(at("2026-01-01T00:00:00"), kolkata.truncate(TruncationUnit.YEAR, at("2025-12-31T19:00:00")));
    assertEquals(at("2026-03-10T06:45:00"), kolkata.toInstant(kolkata.toLocal(at("2026-03-10T06:45:00"))));
  }

  @Test
  void utcAndItsSpellingsAreOneCalendar() {
    assertSame(LocalCalendar.UTC, LocalCalendar.of("UTC"));
    assertSame(LocalCalendar.UTC, LocalCalendar.of("Z"));
    assertSame(LocalCalendar.UTC, LocalCalendar.of("+00:00"));
    assertTrue(LocalCalendar.UTC.isUtc());
    assertEquals(LocalCalendar.of("Europe/Paris"), LocalCalendar.of(" Europe/Paris "));
  }

  @Test
  void anUnknownZoneIsNamedInTheError() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LocalCalendar.of("Mars/Olympus"));
    assertEquals("unknown time zone 'Mars/Olympus'; use an IANA zone such as America/Los_Angeles or Europe/Paris, "
        + "or UTC", e.getMessage());
  }
}
