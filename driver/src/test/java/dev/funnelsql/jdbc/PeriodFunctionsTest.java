package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PERIOD_START, PERIODS_BETWEEN, DATE_TRUNC and LOCAL_TIME give the same calendar buckets on every store, on UTC and
 * on a connection's local calendar around daylight-saving changes.
 */
class PeriodFunctionsTest {
  /** Zones with daylight saving in each hemisphere, a half-hour offset, a half-hour shift, and none. */
  private static final List<String> ZONES = List.of("America/Los_Angeles", "Europe/Paris", "America/St_Johns",
      "Australia/Lord_Howe", "Asia/Kolkata");
  @ParameterizedTest
  @EnumSource(Kind.class)
  void bucketsMatchTheCalendarOnEveryStore(Kind kind) throws SQLException {
    final SplittableRandom random = new SplittableRandom(3);
    final List<Event> events = new ArrayList<>();
    for (long user = 1; user <= 60; user++) {
      for (int i = 0; i < 1 + random.nextInt(5); i++) {
        events.add(new Event(user, 1_767_225_600_000L + random.nextLong(200L * 86_400_000L), "a"));
      }
    }
    final Map<Long, String> expected = new TreeMap<>();
    for (long user = 1; user <= 60; user++) {
      final long id = user;
      final long min = events.stream().filter(e -> e.userId() == id).mapToLong(Event::epochMillis).min().orElseThrow();
      final long max = events.stream().filter(e -> e.userId() == id).mapToLong(Event::epochMillis).max().orElseThrow();
      expected.put(user, CalendarPeriod.WEEK.start(min) + "|" + CalendarPeriod.MONTH.start(max) + "|"
          + CalendarPeriod.DAY.between(min, max) + "|" + CalendarPeriod.WEEK.between(min, max) + "|"
          + CalendarPeriod.HOUR.start(min) + "|" + CalendarPeriod.HOUR.between(min, max));
    }
    final Map<Long, String> actual = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind,
        EventStores.create(kind, events)));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT user_id, PERIOD_START(MIN(ts), 'week'), "
            + "PERIOD_START(MAX(ts), 'month'), PERIODS_BETWEEN(MIN(ts), MAX(ts), 'day'), "
            + "PERIODS_BETWEEN(MIN(ts), MAX(ts), 'WEEK'), PERIOD_START(MIN(ts), 'hour'), "
            + "PERIODS_BETWEEN(MIN(ts), MAX(ts), 'hour') FROM events GROUP BY user_id")) {
      while (rows.next()) {
        actual.put(rows.getLong(1), rows.getTimestamp(2).getTime() + "|" + rows.getTimestamp(3).getTime() + "|"
            + rows.getLong(4) + "|" + rows.getLong(5) + "|" + rows.getTimestamp(6).getTime() + "|" + rows.getLong(7));
      }
    }
    assertEquals(expected, actual, kind.name());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void localBucketsFollowTheConnectionsTimeZoneAroundDaylightSavingChanges(Kind kind) throws SQLException {
    final SplittableRandom random = new SplittableRandom(4);
    final List<Event> events = new ArrayList<>();
    long user = 0;
    for (String name : ZONES) {
      // Times within two days of each of the zone's changes in 2026 and 2027, and some anywhere in those years.
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      for (int change = 0; change < 4; change++) {
        final ZoneOffsetTransition transition = ZoneId.of(name).getRules().nextTransition(at);
        if (transition == null) {
          break;
        }
        at = transition.getInstant();
        for (int i = 0; i < 25; i++) {
          events.add(new Event(++user, at.toEpochMilli() + random.nextLong(-2 * 86_400L, 2 * 86_400L) * 1000L, "a"));
        }
      }
    }
    for (int i = 0; i < 60; i++) {
      events.add(new Event(++user, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()
          + random.nextLong(730L * 86_400L) * 1000L, "a"));
    }
    final String url = EventStores.funnelUrl(kind, EventStores.create(kind, events));
    for (String name : ZONES) {
      final ZoneId zone = ZoneId.of(name);
      final Map<Long, String> expected = new TreeMap<>();
      for (Event event : events) {
        final LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(event.epochMillis()), zone);
        final LocalDateTime utc = LocalDateTime.ofInstant(Instant.ofEpochMilli(event.epochMillis()), ZoneOffset.UTC);
        expected.put(event.userId(), local.toLocalDate().atStartOfDay() + "|"
            + local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay() + "|"
            + local.toLocalDate().withDayOfMonth(1).atStartOfDay() + "|" + local.truncatedTo(ChronoUnit.HOURS) + "|"
            + local + "|" + local.truncatedTo(ChronoUnit.HOURS) + "|"
            + ChronoUnit.DAYS.between(LocalDate.of(2026, 1, 1), local.toLocalDate()) + "|"
            + utc.toLocalDate().atStartOfDay());
      }
      // DATE_TRUNC has no store spelling, so the second query is computed by FunnelSQL and the first by the store.
      for (String hour : List.of("PERIOD_START(ts, 'hour')", "DATE_TRUNC('hour', ts)")) {
        final String sql = "SELECT user_id, PERIOD_START(ts, 'day'), PERIOD_START(ts, 'week'), "
            + "PERIOD_START(ts, 'month'), PERIOD_START(ts, 'hour'), LOCAL_TIME(ts), " + hour + ", "
            + "PERIODS_BETWEEN(TIMESTAMP '2026-01-01 12:00:00', ts, 'day', '" + name + "'), "
            + "PERIOD_START(ts, 'day', 'UTC') FROM events";
        try (Connection connection = DriverManager.getConnection(url + ";timeZone=" + name)) {
          final String plan = ResultRows.of(connection, "EXPLAIN PLAN FOR " + sql).toString();
          assertEquals(hour.startsWith("PERIOD"), plan.matches("(?s).*JdbcProject\\([^\\n]*LOCAL_TIME.*"), plan);
          assertRows(expected, rows(connection, sql), kind + " " + name + " " + hour, events);
        }
      }
    }
  }

  private static Map<Long, String> rows(Connection connection, String sql) throws SQLException {
    final Map<Long, String> actual = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        final StringBuilder row = new StringBuilder();
        for (int column = 2; column <= 9; column++) {
          row.append(column == 2 ? "" : "|").append(column == 8 ? rows.getString(column)
              : rows.getTimestamp(column).toLocalDateTime());
        }
        actual.put(rows.getLong(1), row.toString());
      }
    }
    return actual;
  }

  private static void assertRows(Map<Long, String> expected, Map<Long, String> actual, String what,
      List<Event> events) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    for (Map.Entry<Long, String> row : expected.entrySet()) {
      assertEquals(row.getValue(), actual.get(row.getKey()), what + ", user " + row.getKey() + " at "
          + Instant.ofEpochMilli(events.get((int) (row.getKey() - 1)).epochMillis()));
    }
  }
}
