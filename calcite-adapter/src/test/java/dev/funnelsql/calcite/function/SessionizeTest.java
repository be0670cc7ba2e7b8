package dev.funnelsql.calcite.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Causes;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestStores;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.calcite.runtime.CalciteContextException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code SESSIONIZE(ts, gap) OVER (PARTITION BY user ORDER BY ts)} numbers each user's sessions exactly as a brute
 * force does (each user's times sorted, a new session after every gap longer than {@code gap}), on random rows stored
 * in random order, with many rows at one instant, gaps exactly equal to {@code gap}, NULL times and NULL users, over
 * a TIMESTAMP, an integer and a DATE time, on H2, DuckDB and PostgreSQL; the store computes it, as {@code LAG} and a
 * running {@code SUM}.
 */
class SessionizeTest {
  private static final long BASE = 1_767_571_200_000L;
  private static final long MINUTE = 60_000L;
  private static final String COLUMNS = "id BIGINT, user_id BIGINT, ts TIMESTAMP, secs BIGINT, d DATE, "
      + "event_name VARCHAR(8)";
  private static final int ROUNDS = 4;

  /** One stored row. */
  private record Row(long id, Long user, Long millis, Long days) {
  }

  private static List<Row> rows(SplittableRandom random, int users, int slots) {
    final List<Row> rows = new ArrayList<>();
    long id = 0;
    for (long user = 1; user <= users; user++) {
      final int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        // Times on 10-minute slots, so that many rows share an instant and many gaps are exactly 30 minutes.
        final Long millis = random.nextInt(15) == 0 ? null : BASE + 10 * MINUTE * random.nextInt(slots);
        rows.add(new Row(++id, random.nextInt(40) == 0 ? null : user, millis,
            millis == null ? null : (long) random.nextInt(slots / 10)));
      }
    }
    Collections.shuffle(rows, new java.util.Random(random.nextLong()));
    return rows;
  }

  private static Store store(StoreKind kind, List<Row> rows) throws SQLException {
    final List<Object[]> stored = new ArrayList<>();
    for (Row row : rows) {
      stored.add(new Object[] {row.id(), row.user(), row.millis() == null ? null : new Timestamp(row.millis()),
          row.millis() == null ? null : row.millis() / 1000, row.days() == null ? null
          : Date.valueOf(java.time.LocalDate.ofEpochDay(20_000 + row.days())), "e" + row.id() % 3});
    }
    return TestStores.create(kind, "events", COLUMNS, stored);
  }

  /**
   * The brute force: per user (NULL users together, as a window partition holds them), the rows with a time sorted
   * by it; session 1 at the first, one more after each gap longer than {@code gap}. Rows without a time get none.
   */
  static Map<Long, Long> reference(List<Row> rows, Function<Row, Long> time, long gap) {
    final Map<Long, List<Row>> byUser = new HashMap<>();
    for (Row row : rows) {
      if (time.apply(row) != null) {
        byUser.computeIfAbsent(row.user() == null ? Long.MIN_VALUE : row.user(), u -> new ArrayList<>()).add(row);
      }
    }
    final Map<Long, Long> sessions = new TreeMap<>();
    for (List<Row> own : byUser.values()) {
      own.sort((a, b) -> Long.compare(time.apply(a), time.apply(b)));
      long session = 0;
      Long previous = null;
      for (Row row : own) {
        final long t = time.apply(row);
        if (previous == null || t - previous > gap) {
          session++;
        }
        previous = t;
        sessions.put(row.id(), session);
      }
    }
    return sessions;
  }

  private static Map<Long, Long> sessions(AdapterConnection connection, String call) throws SQLException {
    final Map<Long, Long> sessions = new TreeMap<>();
    for (List<Object> row : connection.rows("SELECT id, " + call + " FROM events")) {
      if (row.get(1) != null) {
        sessions.put(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue());
      }
    }
    return sessions;
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void numbersSessionsAsTheBruteForceDoes(StoreKind kind) throws SQLException {
    int partitions = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(7000L * round + kind.ordinal());
      final List<Row> rows = rows(random, 300, 30 + 40 * round);
      partitions += 300;
      try (AdapterConnection connection = AdapterConnections.open(store(kind, rows))) {
        final String where = kind + ", round " + round;
        final Function<Row, Long> millis = Row::millis;
        final Function<Row, Long> secs = row -> row.millis() == null ? null : row.millis() / 1000;
        final Function<Row, Long> days = Row::days;
        assertEquals(reference(rows, millis, 30 * MINUTE), sessions(connection,
            "SESSIONIZE(ts, INTERVAL '30' MINUTE) OVER (PARTITION BY user_id ORDER BY ts)"), where + ": 30 minutes");
        assertEquals(reference(rows, millis, 20 * MINUTE), sessions(connection,
            "SESSIONIZE(ts, 1200) OVER (PARTITION BY user_id ORDER BY ts)"), where + ": 1200 seconds");
        assertEquals(reference(rows, millis, 0), sessions(connection,
            "SESSIONIZE(ts, 0) OVER (PARTITION BY user_id ORDER BY ts)"), where + ": no gap");
        assertEquals(reference(rows, millis, 10 * MINUTE - 1), sessions(connection,
            "SESSIONIZE(ts, INTERVAL '599.999' SECOND) OVER (PARTITION BY user_id)"), where + ": 599.999 s");
        assertEquals(reference(rows, secs, 3600), sessions(connection,
            "SESSIONIZE(secs, 3600) OVER (PARTITION BY user_id ORDER BY secs)"), where + ": integer time");
        assertEquals(reference(rows, days, 1), sessions(connection,
            "SESSIONIZE(d, INTERVAL '1' DAY) OVER (PARTITION BY user_id ORDER BY d)"), where + ": dates");
        // The window's own order does not change the numbers: sessions follow the time.
        assertEquals(reference(rows, millis, 30 * MINUTE), sessions(connection,
            "SESSIONIZE(ts, 1800) OVER (PARTITION BY user_id ORDER BY id DESC)"), where + ": other order");
      }
    }
    assertTrue(partitions >= 1000, "users: " + partitions);
  }

  /** The store computes the numbers (as LAG and a running SUM), in the same query as a filter over them. */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void theStoreComputesTheSessions(StoreKind kind) throws SQLException {
    final List<Row> rows = rows(new SplittableRandom(5), 50, 40);
    try (AdapterConnection connection = AdapterConnections.open(store(kind, rows))) {
      final String sql = "SELECT user_id, s, COUNT(*) AS n FROM (SELECT user_id, event_name, SESSIONIZE(ts, "
          + "INTERVAL '30' MINUTE) OVER (PARTITION BY user_id ORDER BY ts) AS s FROM events) AS e "
          + "WHERE event_name = 'e1' GROUP BY user_id, s";
      final String plan = connection.explain(sql);
      assertTrue(plan.contains("LAG("), plan);
      assertFalse(plan.contains("SESSIONIZE"), plan);
      assertFalse(plan.contains("EnumerableWindow"), plan);
      assertTrue(plan.startsWith("JdbcToEnumerableConverter"), plan);
      final Map<Long, Long> reference = reference(rows, Row::millis, 30 * MINUTE);
      final Map<List<Object>, Long> expected = new HashMap<>();
      for (Row row : rows) {
        if (row.user() != null && row.millis() != null && row.id() % 3 == 1) {
          expected.merge(List.of(row.user(), reference.get(row.id())), 1L, Long::sum);
        }
      }
      final Map<List<Object>, Long> actual = new HashMap<>();
      for (List<Object> row : connection.rows(sql)) {
        if (row.get(0) != null && row.get(1) != null) {
          actual.put(List.of(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue()),
              ((Number) row.get(2)).longValue());
        }
      }
      assertEquals(expected, actual);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      negative gap      | SESSIONIZE(ts, -5)                 | the gap must not be negative, got -5 seconds
      negative interval | SESSIONIZE(ts, INTERVAL '-1' HOUR) | the gap must not be negative, got -3600 seconds
      gap not constant  | SESSIONIZE(ts, secs)               | the gap (argument 2) must be a constant
      month gap         | SESSIONIZE(ts, INTERVAL '1' MONTH) | a gap in months or years has no fixed length
      interval on secs  | SESSIONIZE(secs, INTERVAL '1' HOUR) | the time is a number, so the gap must be a number
      text time         | SESSIONIZE(event_name, 60)         | the time (argument 1) must be a TIMESTAMP, DATE
      text gap          | SESSIONIZE(ts, 'x')                | the gap (argument 2) must be INTERVAL '7' DAY or 604800
      """)
  void aWrongArgumentFailsAtPrepareTimeNamingIt(String name, String call, String message) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(store(StoreKind.H2, List.of()))) {
      final String sql = "SELECT " + call + " OVER (PARTITION BY user_id) FROM events";
      final SQLException e = assertThrows(SQLException.class, () -> connection.connection().prepareStatement(sql));
      final String actual = Causes.find(e, CalciteContextException.class).getMessage();
      assertTrue(actual.contains("SESSIONIZE: " + message), name + ": " + actual);
    }
  }

  @Test
  void itIsAWindowFunction() throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(store(StoreKind.H2, List.of()))) {
      final SQLException e = assertThrows(SQLException.class, () -> connection.connection().prepareStatement(
          "SELECT user_id, SESSIONIZE(ts, 60) FROM events GROUP BY user_id"));
      assertTrue(String.valueOf(Causes.find(e, CalciteContextException.class).getMessage())
          .contains("OVER clause is necessary for window functions"), e.getMessage());
    }
  }
}
