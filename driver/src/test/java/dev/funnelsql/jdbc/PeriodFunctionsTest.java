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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PERIOD_START and PERIODS_BETWEEN give the same calendar buckets on every store. */
class PeriodFunctionsTest {
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
}
