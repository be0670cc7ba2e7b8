package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.funnel.FunnelAccumulator;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The virtual tables of a model ({@code funnels.*}, {@code segments.*}) and {@code SEGMENT_OF}, on H2, DuckDB and
 * PostgreSQL holding the same random events, checked against answers computed in the test from the events alone.
 */
class ModelTablesEndToEndTest {
  private static final long BASE = 1_767_225_600_000L;
  private static final String[] NAMES = {"a", "b", "c", "x", null};
  private static final List<String> STEPS = List.of("Saw 'a'; then", "b", "c");
  private static List<Event> events;
  private static Map<Long, List<Event>> byUser;

  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(7L);
    events = new ArrayList<>();
    for (long user = 1; user <= 150; user++) {
      final int count = random.nextInt(22);
      for (int i = 0; i < count; i++) {
        final Long millis = random.nextInt(25) == 0 ? null : BASE + 60_000L * random.nextInt(30);
        events.add(new Event(user, millis, NAMES[random.nextInt(NAMES.length)]));
      }
    }
    byUser = EventStores.byUser(events);
  }

  private static Path model(Kind kind, String url) throws IOException {
    final String credentials = kind == Kind.POSTGRES ? ", user: postgres, password: \"${PGPASS_NOT_USED:-}\"" : "";
    final String yaml = """
        source: { url: "%s"%s }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          abc:
            window: 10m
            steps:
              - { name: "Saw 'a'; then", when: "event_name = 'a'" }
              - { name: b, when: "event_name = 'b'" }
              - { name: c, when: "event_name = 'c'" }
            breakdowns: [activity]
            as_of: now   # the references below take each segment over all the events
          abx:
            window: 10m
            as_of: now
            steps:
              - { name: a, when: "event_name = 'a'" }
              - { name: b, when: "event_name = 'b'" }
              - { name: c, when: "event_name = 'c'" }
            exclusions:
              - { when: "event_name = 'x'", from: 1, to: 3 }
        segmentations:
          activity:
            rules:
              - { segment: heavy, when: "COUNT(*) >= 15" }
              - { segment: light, when: "COUNT(*) FILTER (WHERE event_name = 'a') >= 2" }
            otherwise: idle
          first_event: { kind: property, property: event_name, pick: first }
        """.formatted(url.replace("\"", "\\\""), credentials.replace(", password: \"${PGPASS_NOT_USED:-}\"", ""));
    final Path file = dir.resolve(kind.name().toLowerCase() + "-model.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static Connection connect(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final String password = kind == Kind.POSTGRES ? ";password=postgres" : "";
    return DriverManager.getConnection("jdbc:funnelsql:model=" + model(kind, url) + password);
  }

  private static FunnelAccumulator funnel(List<Event> rows) {
    final FunnelAccumulator accumulator = new FunnelAccumulator(FunnelSpec.of(3, 600_000L, Set.of()));
    for (Event event : rows) {
      if (event.epochMillis() != null) {
        final int mask = "a".equals(event.name()) ? 1 : "b".equals(event.name()) ? 2 : "c".equals(event.name()) ? 4 : 0;
        accumulator.add(event.epochMillis(), mask);
      }
    }
    return accumulator;
  }

  private static String activity(List<Event> rows) {
    if (rows.size() >= 15) {
      return "heavy";
    }
    return rows.stream().filter(event -> "a".equals(event.name())).count() >= 2 ? "light" : "idle";
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void funnelTableHasOneRowPerUserPerStepReached(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final Set<String> expected = new TreeSet<>();
      byUser.forEach((user, userRows) -> {
        final FunnelAccumulator accumulator = funnel(userRows);
        final long[] times = accumulator.times();
        for (int step = 1; step <= accumulator.level(); step++) {
          expected.add(user + "|" + step + "|" + STEPS.get(step - 1) + "|" + times[0] + "|" + times[step - 1] + "|"
              + (times[step - 1] - times[0]) / 1000 + "|" + activity(userRows));
        }
      });
      final Set<String> actual = new TreeSet<>();
      for (List<Object> row : ResultRows.of(connection, "SELECT user_id, step, step_name, entered_at, reached_at, "
          + "seconds_since_entry, activity FROM funnels.abc")) {
        actual.add(row.stream().map(String::valueOf).reduce((a, b) -> a + "|" + b).orElse(""));
      }
      assertEquals(expected, actual, kind.name());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void funnelTablesComputeTheirFunnelAsAStepScanOverTheStepRowsOnly(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      for (String table : List.of("funnels.abc", "funnels.abc_summary", "funnels.abx")) {
        final StringBuilder plan = new StringBuilder();
        for (List<Object> row : ResultRows.of(connection, "EXPLAIN PLAN FOR SELECT * FROM " + table)) {
          plan.append(row.get(0));
        }
        assertTrue(plan.toString().contains("StepScanAggregate"), table + ": " + plan);
        assertTrue(plan.toString().matches("(?s).*sql=\\[SELECT .* AS \"mask\"\\s+FROM [^\\]]*WHERE [^\\]]*"
            + "IN \\('a', 'b', 'c'" + (table.equals("funnels.abx") ? ", 'x'" : "") + "\\)[^\\]]*]\\).*"),
            table + " reads only step and exclusion rows: " + plan);
        assertFalse(plan.toString().contains("UNION"), table + " needs no other rows: " + plan);
      }
      try (LogCapture log = LogCapture.of("dev.funnelsql.calcite.stepscan")) {
        ResultRows.of(connection, "SELECT * FROM funnels.abc_summary");
        assertEquals(1, log.count("step scan bucketed"), "the summary reads its funnel table's rows once, not once "
            + "per part: " + log.messages());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void virtualTablesGiveTheSameRowsWhateverSchemaTheConnectionIsSetTo(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final String sql = "SELECT breakdown, segment, step, users FROM funnels.abc_summary ORDER BY 1, 2, 3";
      final List<List<Object>> expected = ResultRows.of(connection, sql);
      connection.setSchema("funnels");
      assertEquals(expected, ResultRows.of(connection, sql), kind + " with schema funnels");
      assertEquals(expected, ResultRows.of(connection, "SELECT breakdown, segment, step, users FROM abc_summary "
          + "ORDER BY 1, 2, 3"), kind + " unqualified");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void anExclusionBetweenStepsKeepsTheUserAtTheFromStep(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final Map<Long, Long> expected = new TreeMap<>();
      byUser.forEach((user, userRows) -> {
        final FunnelAccumulator accumulator = funnel(userRows);
        final int level = accumulator.level();
        final long[] times = accumulator.times();
        int cap = level;
        if (level > 1) {
          final long from = times[0];
          final long upper = times[Math.min(level, 3) - 1];
          final boolean excluded = userRows.stream().anyMatch(event -> "x".equals(event.name())
              && event.epochMillis() != null && event.epochMillis() > from && event.epochMillis() < upper);
          cap = excluded ? 1 : level;
        }
        if (cap > 0) {
          expected.put(user, (long) cap);
        }
      });
      final Map<Long, Long> actual = new TreeMap<>();
      ResultRows.of(connection, "SELECT user_id, MAX(step) FROM funnels.abx GROUP BY user_id")
          .forEach(row -> actual.put((Long) row.get(0), (Long) row.get(1)));
      assertEquals(expected, actual, kind.name());
      assertTrue(expected.values().stream().filter(level -> level == 1).count()
          > byUser.values().stream().filter(rows -> funnel(rows).level() == 1).count(), "some users are excluded");
    }
  }

  /**
   * {@code funnels.<f>_paths}: per step before the last, the users whose chain stopped there by the first event after
   * their step (strictly later; at one instant, the first by name), against the funnel's chains computed here.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void pathsTableTellsWhereTheUsersWhoStoppedAtAStepWentNext(Kind kind) throws Exception {
    final Map<String, Long> expected = new TreeMap<>();
    final Map<Integer, Long> stopped = new TreeMap<>();
    byUser.forEach((user, rows) -> {
      final FunnelAccumulator accumulator = funnel(rows);
      final int level = accumulator.level();
      if (level >= 1 && level < 3) {
        final long after = accumulator.times()[level - 1];
        final String next = rows.stream().filter(e -> e.epochMillis() != null && e.name() != null
            && e.epochMillis() > after).min(Comparator.comparing(Event::epochMillis).thenComparing(Event::name))
            .map(Event::name).orElse("(no later event)");
        expected.merge(level + "|" + next, 1L, Long::sum);
        stopped.merge(level, 1L, Long::sum);
      }
    });
    final Map<String, Long> actual = new TreeMap<>();
    try (Connection connection = connect(kind); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT step, step_label, next_event, users, share_of_dropped "
            + "FROM funnels.abc_paths")) {
      while (rows.next()) {
        final int step = rows.getInt(1);
        assertEquals(step + ". " + STEPS.get(step - 1), rows.getString(2));
        actual.put(step + "|" + rows.getString(3), rows.getLong(4));
        assertEquals((double) rows.getLong(4) / stopped.get(step), rows.getDouble(5), 1e-12);
      }
    }
    assertEquals(expected, actual, kind.name());
    assertTrue(expected.keySet().stream().anyMatch(key -> key.endsWith("(no later event)")), expected.toString());
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void summaryCountsUsersPerStepOverallAndPerSegment(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final Map<String, long[]> reached = new TreeMap<>();
      byUser.forEach((user, userRows) -> {
        final int level = funnel(userRows).level();
        for (String key : List.of("", activity(userRows))) {
          final long[] counts = reached.computeIfAbsent(key, k -> new long[4]);
          for (int step = 1; step <= level; step++) {
            counts[step]++;
          }
        }
      });
      final List<List<Object>> summary = ResultRows.of(connection, "SELECT breakdown, segment, step, users, drop_off, "
          + "conversion_from_start, conversion_from_previous, step_label FROM funnels.abc_summary");
      for (List<Object> row : summary) {
        final String key = row.get(1) == null ? "" : (String) row.get(1);
        final long[] counts = reached.get(key);
        final int step = ((Number) row.get(2)).intValue();
        assertEquals(counts[step], ((Number) row.get(3)).longValue(), kind + " " + row);
        assertEquals(counts[step] - (step < 3 ? counts[step + 1] : 0), ((Number) row.get(4)).longValue(),
            kind + " drop-off " + row);
        assertEquals((double) counts[step] / counts[1], (Double) row.get(5), 1e-9, kind + " " + row);
        assertEquals(step + ". " + STEPS.get(step - 1), row.get(7));
      }
      final long overall = summary.stream().filter(row -> row.get(0) == null).count();
      assertEquals(3, overall, kind + " one overall row per step");
      assertEquals(3L * (reached.size() - 1), summary.size() - overall, kind + " every step for every segment");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void segmentTablesAndSegmentOfAgreeWithTheRules(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final Map<Long, String> expected = new TreeMap<>();
      byUser.forEach((user, userRows) -> expected.put(user, activity(userRows)));
      final Map<Long, String> table = new TreeMap<>();
      ResultRows.of(connection, "SELECT user_id, segment FROM segments.activity")
          .forEach(row -> table.put((Long) row.get(0), (String) row.get(1)));
      assertEquals(expected, table, kind + " segments.activity");

      final Map<Long, String> function = new TreeMap<>();
      ResultRows.of(connection, "SELECT user_id, SEGMENT_OF('activity', user_id) FROM events GROUP BY user_id")
          .forEach(row -> function.put((Long) row.get(0), (String) row.get(1)));
      assertEquals(expected, function, kind + " SEGMENT_OF in SELECT");

      final Map<String, Long> sizes = new TreeMap<>();
      expected.values().forEach(segment -> sizes.merge(segment, 1L, Long::sum));
      final Map<String, Long> actualSizes = new TreeMap<>();
      ResultRows.of(connection, "SELECT segment, users, share FROM segments.activity_sizes").forEach(row -> {
        actualSizes.put((String) row.get(0), (Long) row.get(1));
        assertEquals((double) (Long) row.get(1) / expected.size(), (Double) row.get(2), 1e-9);
      });
      assertEquals(sizes, actualSizes, kind + " sizes");

      final Map<String, Long> grouped = new TreeMap<>();
      ResultRows.of(connection, "SELECT SEGMENT_OF('activity', user_id) AS s, COUNT(DISTINCT user_id) FROM events "
          + "WHERE SEGMENT_OF('activity', user_id) <> 'idle' GROUP BY SEGMENT_OF('activity', user_id)")
          .forEach(row -> grouped.put((String) row.get(0), (Long) row.get(1)));
      final Map<String, Long> expectedGrouped = new TreeMap<>(sizes);
      expectedGrouped.remove("idle");
      assertEquals(expectedGrouped, grouped, kind + " SEGMENT_OF in WHERE and GROUP BY");

      final Map<Long, String> first = new TreeMap<>();
      byUser.forEach((user, userRows) -> userRows.stream()
          .filter(event -> event.name() != null && event.epochMillis() != null)
          .min(Comparator.comparing(Event::epochMillis).thenComparing(Event::name))
          .ifPresent(event -> first.put(user, event.name())));
      final Map<Long, String> property = new TreeMap<>();
      ResultRows.of(connection, "SELECT user_id, segment FROM segments.first_event")
          .forEach(row -> property.put((Long) row.get(0), (String) row.get(1)));
      assertEquals(first, property, kind + " property segmentation");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void segmentOfAsOfUsesOnlyTheEventsUpToThatTime(Kind kind) throws Exception {
    final long asOf = BASE + 15 * 60_000L;
    try (Connection connection = connect(kind)) {
      final Map<Long, String> expected = new TreeMap<>();
      byUser.forEach((user, userRows) -> {
        final List<Event> before = userRows.stream()
            .filter(event -> event.epochMillis() != null && event.epochMillis() <= asOf).toList();
        expected.put(user, before.isEmpty() ? null : activity(before));
      });
      final Map<Long, String> actual = new TreeMap<>();
      ResultRows.of(connection, "SELECT user_id, SEGMENT_OF('activity', user_id, TIMESTAMP '2026-01-01 00:15:00') "
          + "FROM events GROUP BY user_id").forEach(row -> actual.put((Long) row.get(0), (String) row.get(1)));
      assertEquals(expected, actual, kind.name());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void catalogListsTheVirtualTablesWithTheirColumns(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final DatabaseMetaData metaData = connection.getMetaData();
      final Set<String> tables = new TreeSet<>();
      try (ResultSet rows = metaData.getTables(null, null, "%", null)) {
        while (rows.next()) {
          tables.add(rows.getString("TABLE_SCHEM") + "." + rows.getString("TABLE_NAME"));
        }
      }
      assertTrue(tables.containsAll(List.of("funnels.abc", "funnels.abc_summary", "segments.activity",
          "segments.activity_sizes", "segments.first_event", "PUBLIC.EVENTS")), tables.toString());
      final Map<String, Integer> columns = new TreeMap<>();
      try (ResultSet rows = metaData.getColumns(null, "funnels", "abc", "%")) {
        while (rows.next()) {
          columns.put(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"));
        }
      }
      assertEquals(Map.of("user_id", java.sql.Types.BIGINT, "step", java.sql.Types.INTEGER, "step_name",
          java.sql.Types.VARCHAR, "entered_at", java.sql.Types.TIMESTAMP, "reached_at", java.sql.Types.TIMESTAMP,
          "seconds_since_entry", java.sql.Types.BIGINT, "activity", java.sql.Types.VARCHAR, "first_event",
          java.sql.Types.VARCHAR), columns);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void aStepOnAnUnknownColumnIsReportedAtItsModelLine(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve("bad.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          f:
            window: 1h
            steps:
              - { name: one, when: "event_name = 'a'" }
              - { name: two, when: "revenu > 0" }
        """.formatted(url));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertTrue(e.getMessage().contains("bad.yaml:8:"), e.getMessage());
    assertTrue(e.getMessage().contains("revenu"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void aFunnelPerAnUnknownColumnIsReportedAtItsModelLine(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve("bad-per.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          f:
            window: 1h
            per: acount_id
            steps:
              - { name: one, when: "event_name = 'a'" }
        """.formatted(url));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertEquals("bad-per.yaml:6:10: funnels.f.per: the events table has no column 'acount_id' to count the "
        + "funnel per", e.getMessage().substring(e.getMessage().indexOf("bad-per.yaml")));
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void aBreakdownThatIsNeitherASegmentationNorAColumnIsReportedAtItsModelLine(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve("bad-breakdown.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          f:
            window: 1h
            breakdowns: [habit, revenu]
            steps:
              - { name: one, when: "event_name = 'a'" }
        segmentations:
          habit: { rules: [ { segment: regular, when: "COUNT(*) >= 4" } ] }
        """.formatted(url));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertEquals("bad-breakdown.yaml:6:25: funnels.f.breakdowns[2]: breakdown 'revenu' is neither a segmentation "
        + "of this model (segmentations: habit), a cohort, nor a column of the events table",
        e.getMessage().substring(e.getMessage().indexOf("bad-breakdown.yaml")));
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void aDriverOnAnUnknownColumnIsReportedAtItsModelLine(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve("bad-driver.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          f:
            window: 1h
            drivers: [plann]
            steps:
              - { name: one, when: "event_name = 'a'" }
              - { name: two, when: "event_name = 'b'" }
        """.formatted(url));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertEquals("bad-driver.yaml:6:15: funnels.f.drivers[1]: the events table has no column 'plann' to weigh as a "
        + "driver", e.getMessage().substring(e.getMessage().indexOf("bad-driver.yaml")));
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void aBadTippingPointConditionIsReportedAtItsModelLine(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve("bad-tipping.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        segmentations:
          habit:
            rules: [ { segment: regular, when: "COUNT(*) >= 4" } ]
            otherwise: occasional
            tipping_point: { event: "event_name = 'a'", outcome: "evnt = 'b'" }
        """.formatted(url));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertTrue(e.getMessage().contains("bad-tipping.yaml:7:"), e.getMessage());
    assertTrue(e.getMessage().contains("EVNT") || e.getMessage().contains("evnt"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = "H2")
  void aRuleThatIsNotBooleanIsReportedAtItsOwnLine(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve("bad-rule.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        segmentations:
          habit:
            rules:
              - { segment: regular, when: "COUNT(*) >= 4" }
              - { segment: some, when: "COUNT(*)" }
            otherwise: occasional
        """.formatted(url));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertTrue(e.getMessage().contains("bad-rule.yaml:7:"), e.getMessage());
    assertTrue(e.getMessage().contains("segmentations.habit.rules[2].when"), e.getMessage());
  }
}
