package dev.funnelsql.calcite.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.ReferenceTransitions;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import dev.funnelsql.calcite.testing.TestStores;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rules segmentation's analysis tables, {@code _sizes}, {@code _check}, {@code _transitions} and
 * {@code _tipping_points}, as the README defines them, against references computed in Java from random events with
 * equal timestamps, NULL times, events of a NULL user, users absent for weeks and periods by day, ISO week and month
 * (the events span week starts and month ends), on UTC and on local calendars, on H2, DuckDB and PostgreSQL.
 */
class SegmentAnalysisTablesTest {
  private static final int MAX = 4;

  static Stream<Arguments> cases() {
    return Stream.of(Arguments.of(StoreKind.H2, 11L, "week"), Arguments.of(StoreKind.H2, 12L, "day"),
        Arguments.of(StoreKind.DUCKDB, 13L, "week"), Arguments.of(StoreKind.DUCKDB, 14L, "month"),
        Arguments.of(StoreKind.POSTGRES, 15L, "week"), Arguments.of(StoreKind.POSTGRES, 16L, "month"),
        Arguments.of(StoreKind.H2, 17L, "month"), Arguments.of(StoreKind.DUCKDB, 18L, "day"))
        .map(arguments -> Arguments.of(arguments.get()[0], arguments.get()[1], arguments.get()[2], "UTC"));
  }

  /** Local calendars: the periods are the zone's, on the wall clock (days start at 16:00 or 03:30 UTC here). */
  static Stream<Arguments> zones() {
    return Stream.of(Arguments.of(StoreKind.H2, 21L, "day", "America/Los_Angeles"),
        Arguments.of(StoreKind.DUCKDB, 22L, "week", "America/Los_Angeles"),
        Arguments.of(StoreKind.POSTGRES, 23L, "day", "America/St_Johns"),
        Arguments.of(StoreKind.H2, 24L, "month", "Asia/Kolkata"),
        Arguments.of(StoreKind.DUCKDB, 25L, "day", "Asia/Kolkata"),
        Arguments.of(StoreKind.POSTGRES, 26L, "week", "Pacific/Auckland"));
  }

  private static String model(String unit, String zone) {
    return "time_zone: " + zone + "\n"
        + "events: { table: events, user: user_id, time: ts, event: event_name }\n"
        + "segmentations:\n"
        + "  engagement:\n"
        + "    rules:\n"
        + "      - { segment: heavy,   when: \"COUNT(*) FILTER (WHERE event_name = 'a') >= 2\" }\n"
        + "      - { segment: spender, when: \"SUM(revenue) > 30\" }\n"
        + "    otherwise: quiet\n"
        + "    period: " + unit + "\n"
        + "    tipping_point: { event: \"event_name = 'a'\", outcome: \"event_name = 'b'\", max: " + MAX + " }\n";
  }

  /** An event of a possibly NULL user. */
  private record Row(Long user, TestEvent event) {
  }

  private static List<Row> rows(long seed) {
    final List<Row> rows = new ArrayList<>();
    RandomEvents.generate(seed, 250, 14).forEach(e -> rows.add(new Row(e.userId(), e)));
    // Events of no user count in no pair, but as a user of their own in the sizes.
    RandomEvents.generate(seed + 100, 2, 10).forEach(e -> rows.add(new Row(null, e)));
    return rows;
  }

  private static Store store(StoreKind kind, List<Row> rows) throws SQLException {
    final List<Object[]> values = new ArrayList<>();
    for (Row row : rows) {
      final Long millis = row.event().millis();
      values.add(new Object[] {row.user(), millis == null ? null : new Timestamp(millis), null, row.event().name(),
          row.event().source(), row.event().score(), row.event().revenue()});
    }
    return TestStores.create(kind, "events", TestEvent.COLUMNS, values);
  }

  /** The wall-clock time in {@code zone} of an instant, as the UTC millis that the periods of a calendar take. */
  private static long wallClock(long millis, ZoneId zone) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static boolean heavy(List<TestEvent> events) {
    return events.stream().filter(e -> "a".equals(e.name())).count() >= 2;
  }

  private static boolean spender(List<TestEvent> events) {
    return events.stream().map(TestEvent::revenue).filter(Objects::nonNull).mapToInt(r -> r).sum() > 30;
  }

  private static String segment(List<TestEvent> events) {
    return heavy(events) ? "heavy" : spender(events) ? "spender" : "quiet";
  }

  @ParameterizedTest(name = "{0} seed {1} per {2} in {3}")
  @MethodSource({"cases", "zones"})
  void sizesCheckTransitionsAndTippingPointsMatchJava(StoreKind kind, long seed, String unitName, String zoneName)
      throws SQLException {
    final CalendarPeriod unit = CalendarPeriod.parse(unitName);
    final ZoneId zone = ZoneId.of(zoneName);
    final List<Row> rows = rows(seed);
    final Map<Long, List<TestEvent>> byUser = new HashMap<>();
    final List<TestEvent> noUser = new ArrayList<>();
    rows.forEach(r -> {
      if (r.user() == null) {
        noUser.add(r.event());
      } else {
        byUser.computeIfAbsent(r.user(), k -> new ArrayList<>()).add(r.event());
      }
    });

    // _sizes: every user with events, and the NULL user as one more.
    final Map<String, Long> sizes = new TreeMap<>();
    byUser.values().forEach(events -> sizes.merge(segment(events), 1L, Long::sum));
    sizes.merge(segment(noUser), 1L, Long::sum);

    // _check: users (not NULL) for whom both rules hold, and those for whom none does.
    final long both = byUser.values().stream().filter(e -> heavy(e) && spender(e)).count();
    final long none = byUser.values().stream().filter(e -> !heavy(e) && !spender(e)).count();

    // Per user and period with events (time not NULL): the segment over that period's events.
    final Map<Long, TreeMap<Long, List<TestEvent>>> periods = new HashMap<>();
    byUser.forEach((user, events) -> events.stream().filter(e -> e.millis() != null).forEach(e ->
        periods.computeIfAbsent(user, k -> new TreeMap<>()).computeIfAbsent(unit.start(wallClock(e.millis(), zone)),
            k -> new ArrayList<>()).add(e)));
    final long hi = unit.start(wallClock(byUser.values().stream().flatMap(List::stream).map(TestEvent::millis)
        .filter(Objects::nonNull).mapToLong(t -> t).max().orElseThrow(), zone));
    final Map<Long, TreeMap<Long, String>> segments = new HashMap<>();
    periods.forEach((user, own) -> own.forEach((period, events) -> segments.computeIfAbsent(user,
        k -> new TreeMap<>()).put(period, segment(events))));
    final Map<List<String>, Long> transitions = ReferenceTransitions.of(segments, unit);
    final Map<Integer, long[]> byFrequency = new TreeMap<>();
    periods.values().forEach(own -> own.forEach((period, events) -> {
      final long next = unit.next(period);
      if (period < hi) {
        final int frequency = (int) events.stream().filter(e -> "a".equals(e.name())).count();
        final boolean hit = own.containsKey(next) && own.get(next).stream().anyMatch(e -> "b".equals(e.name()));
        byFrequency.computeIfAbsent(frequency, k -> new long[2])[0]++;
        byFrequency.get(frequency)[1] += hit ? 1 : 0;
      }
    }));
    final StringBuilder tipping = new StringBuilder();
    for (int k = 1; k <= MAX; k++) {
      long n = 0;
      long h = 0;
      long nb = 0;
      long hb = 0;
      for (Map.Entry<Integer, long[]> f : byFrequency.entrySet()) {
        if (f.getKey() >= k) {
          n += f.getValue()[0];
          h += f.getValue()[1];
        } else {
          nb += f.getValue()[0];
          hb += f.getValue()[1];
        }
      }
      tipping.append(List.of(k, n, h, nb, hb)).append('\n');
    }

    try (AdapterConnection connection = AdapterConnections.open(store(kind, rows), model(unitName, zoneName),
        new Properties())) {
      final Map<String, Long> actualSizes = new TreeMap<>();
      double share = 0;
      for (List<Object> row : connection.rows("SELECT segment, users, share FROM segments.engagement_sizes")) {
        actualSizes.put((String) row.get(0), ((Number) row.get(1)).longValue());
        share += ((Number) row.get(2)).doubleValue();
      }
      assertEquals(sizes, actualSizes, "sizes");
      assertEquals(1.0, share, 1e-9, "shares");

      final Set<String> check = new TreeSet<>();
      connection.rows("SELECT finding, segment, other_segment, users FROM segments.engagement_check "
          + "WHERE finding IN ('overlap', 'no rule')").forEach(row -> check.add(("no rule".equals(row.get(0))
          ? "(none)" : row.get(1)) + "/" + row.get(2) + "=" + ((Number) row.get(3)).longValue()));
      assertEquals(Set.of("heavy/spender=" + both, "(none)/null=" + none), check, "check");

      assertEquals(transitions, ReferenceTransitions.actual(connection, "engagement"), "transitions");

      final StringBuilder actualTipping = new StringBuilder();
      for (List<Object> row : connection.rows("SELECT threshold, users_at_or_above, outcome_rate_at_or_above, "
          + "users_below, outcome_rate_below FROM segments.engagement_tipping_points ORDER BY threshold")) {
        final long n = ((Number) row.get(1)).longValue();
        final long nb = ((Number) row.get(3)).longValue();
        final long h = row.get(2) == null ? 0 : Math.round(((Number) row.get(2)).doubleValue() * n);
        final long hb = row.get(4) == null ? 0 : Math.round(((Number) row.get(4)).doubleValue() * nb);
        actualTipping.append(List.of(((Number) row.get(0)).intValue(), n, h, nb, hb)).append('\n');
      }
      assertEquals(tipping.toString(), actualTipping.toString(), "tipping points");
    }
  }
}
