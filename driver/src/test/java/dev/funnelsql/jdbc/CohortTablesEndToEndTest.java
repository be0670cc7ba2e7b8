package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cohort tables of a model ({@code cohorts.<c>} and {@code cohorts.<c>_matrix}) on H2, DuckDB and PostgreSQL
 * holding the same random events over ten weeks, checked row for row against a brute force over the events.
 */
class CohortTablesEndToEndTest {
  /** 2026-01-01T00:00Z, a Thursday: weeks and the events' span do not line up. */
  private static final long BASE = 1_767_225_600_000L;
  private static final long SPAN = 70L * 86_400_000L;
  private static final String[] NAMES = {"a", "b", "b", "c", null};

  /** The cohorts of the test model: name, period, retention, periods, the return event names. */
  private record Cohort(String name, CalendarPeriod period, boolean unbounded, int periods, Set<String> returns) {
  }

  private static final List<Cohort> COHORTS = List.of(
      new Cohort("weekly", CalendarPeriod.WEEK, false, 6, Set.of("b")),
      new Cohort("weekly_ever", CalendarPeriod.WEEK, true, 6, Set.of("b")),
      new Cohort("daily", CalendarPeriod.DAY, false, 20, Set.of("b")),
      new Cohort("monthly", CalendarPeriod.MONTH, true, 2, Set.of("a", "b")));

  private static List<Event> events;

  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(11L);
    events = new ArrayList<>();
    for (long user = 1; user <= 150; user++) {
      final int count = random.nextInt(25);
      // Users start at different times, so later cohorts exist and some offsets are not yet observable.
      final long start = BASE + (long) (random.nextDouble() * SPAN);
      for (int i = 0; i < count; i++) {
        final Long millis = random.nextInt(30) == 0 ? null : start + (long) (random.nextDouble() * (BASE + SPAN
            - start));
        events.add(new Event(user, millis, NAMES[random.nextInt(NAMES.length)]));
      }
    }
  }

  private static Connection connect(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final StringBuilder yaml = new StringBuilder("source: { url: \"" + url.replace("\"", "\\\"") + "\""
        + (kind == Kind.POSTGRES ? ", user: postgres" : "") + " }\n"
        + "events: { table: events, user: user_id, time: ts, event: event_name }\ncohorts:\n");
    for (Cohort cohort : COHORTS) {
      final String returns = cohort.returns().size() == 1 ? "event_name = 'b'" : "event_name IN ('a', 'b')";
      yaml.append("  ").append(cohort.name()).append(": { entry: \"event_name = 'a'\", return: \"").append(returns)
          .append("\", period: ").append(cohort.period().name().toLowerCase()).append(", retention: ")
          .append(cohort.unbounded() ? "unbounded" : "n_day").append(", periods: ").append(cohort.periods())
          .append(" }\n");
    }
    final Path file = dir.resolve(kind.name().toLowerCase() + "-cohorts.yaml");
    Files.writeString(file, yaml);
    final String password = kind == Kind.POSTGRES ? ";password=postgres" : "";
    return DriverManager.getConnection("jdbc:funnelsql:model=" + file + password);
  }

  /** The time of each user's first entry event ('a'), ignoring events without a time. */
  private static Map<Long, Long> firstEntries() {
    final Map<Long, Long> first = new TreeMap<>();
    for (Event event : events) {
      if ("a".equals(event.name()) && event.epochMillis() != null) {
        first.merge(event.userId(), event.epochMillis(), Math::min);
      }
    }
    return first;
  }

  /** Brute force of {@code cohorts.<c>}: user|cohort_period|period_offset|period_start. */
  private static Set<String> expectedDetail(Cohort cohort) {
    final Map<Long, Long> first = firstEntries();
    final Set<String> rows = new TreeSet<>();
    for (Event event : events) {
      final Long entered = first.get(event.userId());
      if (entered == null || event.epochMillis() == null || event.name() == null
          || !cohort.returns().contains(event.name())) {
        continue;
      }
      final long offset = cohort.period().between(entered, event.epochMillis());
      if (offset >= 0 && offset <= cohort.periods()) {
        rows.add(event.userId() + "|" + cohort.period().start(entered) + "|" + offset + "|"
            + cohort.period().start(event.epochMillis()));
      }
    }
    return rows;
  }

  /** Brute force of {@code cohorts.<c>_matrix}: cohort_period|period_offset|cohort_users|users|retention_rate. */
  private static Set<String> expectedMatrix(Cohort cohort) {
    final Map<Long, Long> first = firstEntries();
    final long last = events.stream().filter(event -> event.epochMillis() != null)
        .mapToLong(Event::epochMillis).max().orElseThrow();
    final Map<Long, Long> sizes = new TreeMap<>();
    first.values().forEach(entered -> sizes.merge(cohort.period().start(entered), 1L, Long::sum));
    // user -> offsets active (0..periods)
    final Map<Long, Set<Long>> active = new TreeMap<>();
    for (String row : expectedDetail(cohort)) {
      final String[] parts = row.split("\\|");
      active.computeIfAbsent(Long.parseLong(parts[0]), k -> new TreeSet<>()).add(Long.parseLong(parts[2]));
    }
    final Set<String> rows = new TreeSet<>();
    sizes.forEach((period, size) -> {
      for (long k = 0; k <= cohort.periods() && k <= cohort.period().between(period, last); k++) {
        final long offset = k;
        final long users = first.entrySet().stream()
            .filter(user -> cohort.period().start(user.getValue()) == period)
            .map(user -> active.getOrDefault(user.getKey(), Set.of()))
            .filter(offsets -> cohort.unbounded() ? offsets.stream().anyMatch(o -> o >= offset)
                : offsets.contains(offset))
            .count();
        rows.add(period + "|" + k + "|" + size + "|" + users + "|" + (double) users / size);
      }
    });
    return rows;
  }

  private static Set<String> rows(Connection connection, String sql) throws SQLException {
    final Set<String> result = new TreeSet<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      final int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        final StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          final Object value = rows.getObject(i);
          row.append(i > 1 ? "|" : "").append(value instanceof Timestamp ? ((Timestamp) value).getTime()
              : value instanceof Number && !(value instanceof Double) ? ((Number) value).longValue() : value);
        }
        assertTrue(result.add(row.toString()), "duplicate row " + row);
      }
    }
    return result;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void cohortTablesMatchABruteForceOverTheEvents(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      long zeros = 0;
      for (Cohort cohort : COHORTS) {
        final Set<String> detail = expectedDetail(cohort);
        assertFalse(detail.isEmpty());
        assertEquals(detail, rows(connection, "SELECT user_id, cohort_period, period_offset, period_start FROM "
            + "cohorts." + cohort.name()), kind + " cohorts." + cohort.name());
        final Set<String> matrix = expectedMatrix(cohort);
        zeros += matrix.stream().filter(row -> row.endsWith("|0|0.0")).count();
        assertEquals(matrix, rows(connection, "SELECT cohort_period, period_offset, cohort_users, users, "
            + "retention_rate FROM cohorts." + cohort.name() + "_matrix"), kind + " cohorts." + cohort.name()
            + "_matrix");
      }
      assertTrue(zeros > 0, "observable cells nobody returned in are rows with 0 users");
    }
  }

  @Test
  void catalogListsTheCohortTablesWithTheirTypes() throws Exception {
    try (Connection connection = connect(Kind.H2)) {
      final DatabaseMetaData metaData = connection.getMetaData();
      final Map<String, Integer> columns = new TreeMap<>();
      try (ResultSet rows = metaData.getColumns(null, "cohorts", "weekly%", "%")) {
        while (rows.next()) {
          columns.put(rows.getString("TABLE_NAME") + "." + rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE"));
        }
      }
      final int ts = java.sql.Types.TIMESTAMP;
      final int bigint = java.sql.Types.BIGINT;
      final Map<String, Integer> expected = new TreeMap<>(Map.of("user_id", bigint, "cohort_period", ts,
          "period_offset", bigint, "period_start", ts));
      final Map<String, Integer> all = new TreeMap<>();
      for (String table : List.of("weekly", "weekly_ever")) {
        expected.forEach((column, type) -> all.put(table + "." + column, type));
        Map.of("cohort_period", ts, "period_offset", bigint, "cohort_users", bigint, "users", bigint,
            "retention_rate", java.sql.Types.DOUBLE, "period_offset_end", bigint, "breakdown", java.sql.Types.VARCHAR,
            "segment", java.sql.Types.VARCHAR).forEach((column, type) -> all.put(table + "_matrix." + column, type));
      }
      assertEquals(all, columns);
    }
  }

  @Test
  void anEntryOnAnUnknownColumnIsReportedAtItsModelLine() throws Exception {
    final String url = EventStores.create(Kind.H2, events);
    final Path file = dir.resolve("bad-cohort.yaml");
    Files.writeString(file, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        cohorts:
          c:
            return: "event_name = 'b'"
            entry: "evnt_name = 'a'"
            period: week
        """.formatted(url));
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file));
    assertEquals("F0000", e.getSQLState());
    assertTrue(e.getMessage().contains("bad-cohort.yaml:6:"), e.getMessage());
    assertTrue(e.getMessage().contains("evnt_name"), e.getMessage());
  }
}
