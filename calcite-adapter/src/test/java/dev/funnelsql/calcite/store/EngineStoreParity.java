package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.ComparableRows;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What FunnelSQL over an engine (Trino, Spark) must give: the answers it gives over DuckDB (whose answers the
 * reference tests hold to brute force), on the same random events with ties on equal times, NULL times and names,
 * repeated events and users without steps: every behavioural function in every mode, and every table of a model that
 * has every kind of funnel, segmentation, cohort and path; a write refused and an unknown column named by its
 * position. The model's tables are listed from the connection's metadata, so a new kind of table is compared as soon
 * as it exists. Each engine's test class names its engine and tests its own quirks.
 */
abstract class EngineStoreParity extends EngineAgainstDuckDb {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name, properties: [source, score, revenue],
                session: { gap: 1d } }
      funnels:
        f:
          window: 2d
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
            - { name: C, when: "event_name = 'c'" }
          exclusions:
            - { when: "event_name = 'x'", from: 1, to: 3 }
          breakdowns: [busy, origin, source, weekly]
          drivers: [source]
          trend: day
        strict:
          window: 1d
          mode: strict_increase,strict_once
          order: strict
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
        now:
          window: 3d
          as_of: now
          attribution: last_touch
          breakdowns: [busy, source]
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: C, when: "event_name = 'c'" }
        any:
          window: 3d
          order: unordered
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
        per_visit:
          per: session
          window: 1d
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
        by_revenue:
          per: revenue
          window: 3d
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
      segmentations:
        busy:
          rules:
            - { segment: busy, when: "COUNT(DISTINCT session_id) >= 3" }
            - { segment: some, when: "COUNT(*) FILTER (WHERE event_name = 'a') >= 1" }
          otherwise: quiet
          tipping_point: { event: "event_name = 'a'", outcome: "event_name = 'b'", max: 5 }
        origin: { kind: property, property: source, pick: first }
        stage: { kind: funnel_stage, funnel: f }
        life: { kind: lifecycle, period: week, active: "event_name = 'a'" }
        value: { kind: rfm, purchase: "event_name = 'c'", monetary: revenue }
        nps: { kind: nps, score: score }
        often: { kind: frequency, event: "event_name = 'a'", period: week, thresholds: [0.5, 1] }
      cohorts:
        weekly: { entry: "event_name = 'a'", return: "event_name = 'b'", period: week, retention: n_day, periods: 6,
                  breakdowns: [origin, source] }
        daily: { entry: "event_name = 'a'", return: "event_name = 'b'", period: day, retention: bracket,
                 brackets: [[1, 1], [2, 7], [8, 30]], entries: recurring }
      paths:
        after_a: { start: "event_name = 'a'", steps: 4, top: 3 }
        before_c: { end: "event_name = 'c'", steps: 3, collapse: false }
        visits: { steps: 3, per: session }
      """;

  private static final List<String> FUNCTIONS = List.of(
      "FUNNEL_STEP(ts, INTERVAL '2' DAY, event_name = 'a', event_name = 'b', event_name = 'c')",
      "FUNNEL_STEP(ts, INTERVAL '2' DAY, 'strict_deduplication', event_name = 'a', event_name = 'b', "
          + "event_name = 'c')",
      "FUNNEL_STEP(ts, INTERVAL '2' DAY, 'strict_increase,strict_once', event_name = 'a', event_name = 'b')",
      "FUNNEL_STEP(ts, INTERVAL '1' DAY, 'strict_order', event_name = 'a', event_name = 'b')",
      "FUNNEL_STEP(secs, 86400, 'unordered', event_name = 'a', event_name = 'b', event_name = 'c')",
      "FUNNEL_TIMES(ts, INTERVAL '2' DAY, event_name = 'a', event_name = 'b', event_name = 'c')",
      "RETENTION(event_name = 'a', event_name = 'b', event_name = 'c')",
      "SEQUENCE_MATCH('(?1).*(?2)(?t<=86400)(?3)', secs, event_name = 'a', event_name = 'b', event_name = 'c')",
      "SEQUENCE_COUNT('(?1)(?2)', secs, event_name = 'a', event_name = 'b')",
      "WINDOW_FUNNEL(86400, 'deduplication', ts, event_name = 'a', event_name = 'b', event_name = 'c')",
      "WINDOW_FUNNEL(86400, ts, 3, event_name = 'a', event_name = 'b', event_name = 'c')",
      "SEQUENCE_NEXT_NODE('forward', 'first_match', ts, event_name, TRUE, event_name = 'a')",
      "SEQUENCE_NEXT_NODE('backward', 'tail', ts, source, event_name IS NOT NULL, event_name = 'b')");

  /** A check that holds once something happened in the engine. */
  interface Happened {
    boolean yet() throws Exception;
  }

  @Override List<TestEvent> events() {
    return RandomEvents.generate(2026L, 400, 16);
  }

  /** Checks what the engine ran for the model's tables since {@code start} (Trino: how many queries). */
  void checkModelQueries(Instant start, int tables) throws SQLException {
  }

  @Test
  void everyFunctionInEveryModeGivesTheSameAnswers() throws SQLException {
    try (AdapterConnection onEngine = AdapterConnections.open(engine());
        AdapterConnection onDuckDb = AdapterConnections.open(duckDb())) {
      for (String function : FUNCTIONS) {
        final String sql = "SELECT user_id, " + function + " FROM events GROUP BY user_id";
        final List<List<Object>> expected = onDuckDb.rows(sql);
        assertTrue(expected.size() > 300, function + ": " + expected.size() + " users");
        ComparableRows.assertSameRows(expected, onEngine.rows(sql), function);
      }
    }
  }

  @Test
  void everyModelTableGivesTheSameRows() throws SQLException {
    final Instant start = Instant.now();
    try (AdapterConnection onEngine = AdapterConnections.open(engine(), MODEL, new Properties());
        AdapterConnection onDuckDb = AdapterConnections.open(duckDb(), MODEL, new Properties())) {
      final List<String> tables = modelTables(onDuckDb);
      assertEquals(tables, modelTables(onEngine));
      assertTrue(tables.size() > 40, tables.toString());
      int nonEmpty = 0;
      for (String table : tables) {
        final String sql = "SELECT * FROM \"" + table.replace(".", "\".\"") + "\"";
        final List<List<Object>> expected = onDuckDb.rows(sql);
        nonEmpty += expected.isEmpty() ? 0 : 1;
        ComparableRows.assertSameRows(expected, onEngine.rows(sql), table);
      }
      assertTrue(nonEmpty > tables.size() * 9 / 10, nonEmpty + " of " + tables.size() + " tables have rows");
      checkModelQueries(start, tables.size());
    }
  }

  @Test
  void sessionizeGivesTheSameSessions() throws SQLException {
    final String sql = "SELECT user_id, ts, event_name, SESSIONIZE(ts, INTERVAL '12' HOUR) OVER (PARTITION BY user_id "
        + "ORDER BY ts) FROM events";
    try (AdapterConnection onEngine = AdapterConnections.open(engine());
        AdapterConnection onDuckDb = AdapterConnections.open(duckDb())) {
      final List<List<Object>> expected = ComparableRows.sorted(onDuckDb.rows(sql));
      assertTrue(expected.size() > 2000, expected.size() + " rows");
      assertEquals(expected, ComparableRows.sorted(onEngine.rows(sql)));
    }
  }

  @Test
  void aWriteIsRefusedAndAnUnknownColumnNamesItsPosition() throws SQLException {
    try (AdapterConnection onEngine = AdapterConnections.open(engine())) {
      final SQLException write = assertThrows(SQLException.class,
          () -> onEngine.rows("INSERT INTO events (user_id) VALUES (1)"));
      assertTrue(write.getMessage().contains("read-only"), write.getMessage());
      final SQLException unknown = assertThrows(SQLException.class,
          () -> onEngine.rows("SELECT FUNNEL_STEP(ts, 60, event_nam = 'a') FROM events GROUP BY user_id"));
      assertTrue(unknown.getMessage().contains("line 1, column 28"), unknown.getMessage());
    }
  }

  /**
   * Runs a funnel over a three-way self-join whose filter ({@code revenue sum < marker}, a negative number) no row
   * passes, which would run for hours, with {@code funnel.pushdown}; once {@code started}, cancels it and checks
   * that the query failed as cancelled; then waits until {@code stopped}. Each wait gives up after a minute.
   */
  void cancelAnEndlessFunnel(String pushdown, long marker, Happened started, Happened stopped) throws Exception {
    cancelAnEndlessQuery(engine(), pushdown, "SELECT a.user_id, FUNNEL_STEP(a.ts, 60, b.event_name = 'a', "
        + "c.event_name = 'b') FROM events a JOIN events b ON a.user_id >= b.user_id JOIN events c "
        + "ON b.user_id >= c.user_id WHERE a.revenue + b.revenue + c.revenue < " + marker + " GROUP BY a.user_id",
        started, stopped);
  }

  /**
   * Runs {@code sql}, a query that would not end, on {@code store} with {@code funnel.pushdown}; once
   * {@code started}, cancels it and checks that it failed as cancelled; then waits until {@code stopped}. Each wait
   * gives up after a minute.
   */
  void cancelAnEndlessQuery(Store store, String pushdown, String sql, Happened started, Happened stopped)
      throws Exception {
    try (AdapterConnection onEngine = AdapterConnections.open(store, null, pushdown(pushdown));
        Statement statement = onEngine.connection().createStatement()) {
      assertTrue(onEngine.explain(sql).contains("pushdown=[" + pushdown), onEngine.explain(sql));
      final CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
        try (ResultSet rows = statement.executeQuery(sql)) {
          rows.next();
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      });
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!started.yet()) {
        assertTrue(System.nanoTime() < deadline && !query.isDone(), "the engine never ran the query");
        Thread.sleep(50);
      }
      statement.cancel();
      final ExecutionException failed = assertThrows(ExecutionException.class, () -> query.get(60, TimeUnit.SECONDS));
      final String message = failed.getCause().getCause().getMessage();
      assertTrue(message.contains("cancelled"), message);
      while (!stopped.yet()) {
        assertTrue(System.nanoTime() < deadline, "the engine still runs the cancelled query");
        Thread.sleep(50);
      }
    }
  }
}
