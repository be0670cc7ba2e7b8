package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults at the source, on a PostgreSQL server of this test's own (stopped and restarted here, so the shared one in
 * {@link EventStores} is never disturbed): the store going away mid-query, a cancelled or timed-out funnel query, and
 * connections opened and closed many times. A view that sleeps 1 ms per row makes the source part of a funnel
 * query last about 20 s, so a stop, cancel or timeout surely lands while the store is still working.
 */
class SourceFaultsTest {
  /** The idle store connections a closed FunnelSQL connection may leave in the shared pool (its idle limit). */
  private static final int IDLE_KEPT = 2;

  /** Generous: a query that is stopped ends within this; one that is not would take about 20 s at the source. */
  private static final long BOUND_SECONDS = 60;
  private static final int USERS = 4_000;
  private static final String LONG_FUNNEL = "SELECT COUNT(*), SUM(l) FROM (SELECT user_id, FUNNEL_STEP(ts, INTERVAL "
      + "'1' DAY, event_name = 'a', event_name = 'b', event_name = 'c') AS l FROM slow_events GROUP BY user_id) t";
  private static final String ACTIVE_SLOW_QUERIES = "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' "
      + "AND query LIKE '%slow_events%' AND pid <> pg_backend_pid()";
  private static final String CLIENT_SESSIONS = "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = 'postgres' "
      + "AND backend_type = 'client backend' AND pid <> pg_backend_pid()";

  @TempDir
  static Path dataDir;
  private static int port;
  private static EmbeddedPostgres server;

  @BeforeAll
  static void startServer() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    server = start();
    try (Connection connection = direct(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events AS SELECT (g % " + USERS + ")::bigint AS user_id, TIMESTAMP "
          + "'2026-01-01' + g * INTERVAL '1 minute' AS ts, (ARRAY['a', 'b', 'c', 'x'])[1 + g % 4]::varchar(16) "
          + "AS event_name FROM generate_series(1, 20000) g");
      statement.execute("CREATE FUNCTION slow(id bigint) RETURNS bigint LANGUAGE plpgsql VOLATILE AS "
          + "$$ BEGIN PERFORM pg_sleep(0.001); RETURN id; END $$");
      statement.execute("CREATE VIEW slow_events AS SELECT slow(user_id) AS user_id, ts, event_name FROM events");
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Starts (or restarts) the server on the same port and data directory. */
  private static EmbeddedPostgres start() throws Exception {
    return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
  }

  private static String sourceUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
  }

  private static Connection direct() throws SQLException {
    return DriverManager.getConnection(sourceUrl(), "postgres", "postgres");
  }

  private static Connection funnel() throws SQLException {
    return DriverManager.getConnection("jdbc:funnelsql:url='" + sourceUrl() + "';password=postgres");
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Waits (bounded) until the store is running the slow source query of a funnel. */
  private static void awaitSlowQuery(Connection observer, CompletableFuture<?> query) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
    while (count(observer, ACTIVE_SLOW_QUERIES) == 0) {
      assertFalse(query.isDone(), "the query ended before the store ran it");
      assertTrue(System.nanoTime() < deadline, "the store never ran the funnel's source query");
      Thread.sleep(50);
    }
  }

  /** The text of the slow queries the store runs, for a failure's message. */
  private static String activeQueries(Connection observer) {
    final List<String> queries = new ArrayList<>();
    try (Statement statement = observer.createStatement(); ResultSet rows = statement.executeQuery(
        ACTIVE_SLOW_QUERIES.replace("COUNT(*)", "backend_type || ': ' || query"))) {
      while (rows.next()) {
        queries.add(rows.getString(1));
      }
    } catch (SQLException e) {
      queries.add(e.getMessage());
    }
    return queries.toString();
  }

  /** Waits (bounded) until the store runs no slow query any more; returns how many are left. */
  private static long awaitNoSlowQuery(Connection observer) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long active = count(observer, ACTIVE_SLOW_QUERIES);
    while (active > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      active = count(observer, ACTIVE_SLOW_QUERIES);
    }
    return active;
  }

  /** The error of a query run in the background, waited for within the generous bound. */
  private static SQLException failureOf(CompletableFuture<?> query) throws Exception {
    try {
      query.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertTrue(e.getCause() instanceof SQLException, "an SQLException, not " + e.getCause());
      return (SQLException) e.getCause();
    }
    throw new AssertionError("the query was not stopped: it completed");
  }

  private static CompletableFuture<Void> runInBackground(Statement statement, String sql) {
    return CompletableFuture.runAsync(() -> {
      try (ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    });
  }

  @Test
  void cancelStopsALongFunnelQueryAtTheSourceAndTheStatementRunsAgain() throws Exception {
    try (Connection connection = funnel(); Connection observer = direct();
        Statement statement = connection.createStatement()) {
      final CompletableFuture<Void> query = runInBackground(statement, LONG_FUNNEL);
      awaitSlowQuery(observer, query);
      statement.cancel();
      final SQLException e = failureOf(query);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
      assertEquals(0, awaitNoSlowQuery(observer), "the store still runs the cancelled query");
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
        rows.next();
        assertEquals(20_000, rows.getLong(1), "the statement works after a cancel");
      }
    }
  }

  /** Waits until the store is at work on a model table's query. */
  @FunctionalInterface
  private interface AtWork {
    void await(Connection observer, CompletableFuture<Void> query) throws Exception;
  }

  /**
   * Reads a table of a model over {@code slow_events} whose own part is {@code tables}, cancels the read once the
   * store is at work, and checks that it fails with 57014 and leaves no query running at the store.
   */
  private static void cancelAModelTable(String tables, String sql, AtWork atWork) throws Exception {
    final Path model = dataDir.resolveSibling(dataDir.getFileName() + "-slow-model.yaml");
    Files.writeString(model, """
        source: { url: "%s" }
        events: { table: slow_events, user: user_id, time: ts, event: event_name }
        """.formatted(sourceUrl()) + tables);
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model + ";password=postgres");
        Connection observer = direct(); Statement statement = connection.createStatement()) {
      final CompletableFuture<Void> query = runInBackground(statement, sql);
      atWork.await(observer, query);
      statement.cancel();
      final SQLException e = failureOf(query);
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertEquals(0, awaitNoSlowQuery(observer), () -> "the store still runs a query of the cancelled " + sql + ": "
          + activeQueries(observer));
    } finally {
      Files.deleteIfExists(model);
    }
  }

  @Test
  void cancelStopsAFunnelTableAndTheMembershipsItReadsBesideItAtTheSource() throws Exception {
    // Taken now, the breakdown is a query of its own beside the step scan (taken at entry, its count would be
    // computed in the step scan's own query).
    cancelAModelTable("""
        funnels:
          slow:
            window: 1d
            steps:
              - { name: a, when: "event_name = 'a'" }
              - { name: b, when: "event_name = 'b'" }
            as_of: now
            breakdowns: [busy]
        segmentations:
          busy:
            rules:
              - { segment: busy, when: "COUNT(*) >= 5" }
            otherwise: quiet
        """, "SELECT * FROM funnels.slow_summary", (observer, query) -> {
          final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
          // Both at work: the step scan, and the membership query (the only one with the rule's threshold in it).
          while (count(observer, ACTIVE_SLOW_QUERIES + " AND query NOT LIKE '%>= 5%'") == 0
              || count(observer, ACTIVE_SLOW_QUERIES + " AND query LIKE '%>= 5%'") == 0) {
            assertFalse(query.isDone(), "the table ended before the store ran its step scan and its memberships");
            assertTrue(System.nanoTime() < deadline, "the store never ran both queries of the table");
            Thread.sleep(50);
          }
        });
  }

  @Test
  void cancelStopsAPathTableAtTheSource() throws Exception {
    cancelAModelTable("""
        paths:
          slow: { start: "event_name = 'a'", steps: 3 }
        """, "SELECT * FROM paths.slow", SourceFaultsTest::awaitSlowQuery);
  }

  @Test
  void aQueryTimeoutStopsALongFunnelQueryAtTheSource() throws Exception {
    try (Connection connection = funnel(); Connection observer = direct();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(2);
      assertEquals(2, statement.getQueryTimeout());
      final CompletableFuture<Void> query = runInBackground(statement, LONG_FUNNEL);
      final SQLException e = failureOf(query);
      assertTrue(e instanceof SQLTimeoutException, e.toString());
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("timeout of 2 s"), e.getMessage());
      assertEquals(0, awaitNoSlowQuery(observer), "the store still runs the timed-out query");
      assertEquals(20_000, count(connection, "SELECT COUNT(*) FROM events"), "a short query within the timeout");
    }
  }

  @Test
  void theStoreGoingAwayMidQueryIsAClearErrorAndTheConnectionWorksAgainOnceItIsBack() throws Exception {
    try (Connection connection = funnel(); Statement statement = connection.createStatement()) {
      assertTrue(connection.isValid(5));
      final CompletableFuture<Void> query = runInBackground(statement, LONG_FUNNEL);
      try (Connection observer = direct()) {
        awaitSlowQuery(observer, query);
      }
      server.close();
      final SQLException e = failureOf(query);
      assertNotNull(e.getSQLState());
      assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + ": " + e.getMessage());
      assertTrue(e.getMessage().startsWith("the connection to the event store failed"), e.getMessage());
      assertFalse(connection.isValid(5), "the store is down");
      final SQLException down = failureOf(CompletableFuture.runAsync(() -> {
        try {
          count(connection, "SELECT COUNT(*) FROM events");
        } catch (SQLException failure) {
          throw new CompletionException(failure);
        }
      }));
      assertTrue(down.getSQLState().startsWith("08"), down.getSQLState() + ": " + down.getMessage());

      server = start();
      assertTrue(connection.isValid(5), "the store is back");
      assertEquals(20_000, count(connection, "SELECT COUNT(*) FROM events"), "the same connection works again");
      assertEquals(List.of(List.of(4_000L)), ResultRows.of(connection,
          "SELECT COUNT(DISTINCT user_id) FROM events"));
    }
  }

  @Test
  void closingConnectionsLeavesNoSourceConnectionOpen() throws Exception {
    try (Connection observer = direct()) {
      final long before = count(observer, CLIENT_SESSIONS);
      for (int i = 0; i < 40; i++) {
        final Connection connection = funnel();
        final Statement statement = connection.createStatement();
        final ResultSet open = statement.executeQuery("SELECT user_id FROM events");
        assertTrue(open.next());
        if (i % 2 == 0) {
          assertEquals(20_000, count(connection, "SELECT COUNT(*) FROM events"));
        }
        final long during = count(observer, CLIENT_SESSIONS);
        assertTrue(during >= 1 && during <= before + IDLE_KEPT + 2,
            during + " source sessions while one connection reads: the earlier ones left none behind");
        connection.close();
        assertTrue(open.isClosed() && statement.isClosed(), "closing the connection closes what is under it");
      }
      // A closed session leaves pg_stat_activity once its backend has exited, a moment after the client closed it.
      // The store's pool keeps at most IDLE_KEPT idle sessions for the next connection (a minute on PostgreSQL).
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      long after = count(observer, CLIENT_SESSIONS);
      while (after > before + IDLE_KEPT && System.nanoTime() < deadline) {
        Thread.sleep(50);
        after = count(observer, CLIENT_SESSIONS);
      }
      assertTrue(after <= before + IDLE_KEPT, (after - before) + " source sessions left after 40 connections");
    }
  }

  @Test
  void closingConnectionsLeavesNoH2SessionOpen() throws Exception {
    final List<Event> events = new ArrayList<>();
    for (long user = 0; user < 3_000; user++) {
      events.add(new Event(user, 1_000L * user, "a"));
    }
    final String source = EventStores.create(Kind.H2, events);
    try (Connection observer = DriverManager.getConnection(source)) {
      final String sessions = "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS";
      final long before = count(observer, sessions);
      for (int i = 0; i < 40; i++) {
        final Connection connection = DriverManager.getConnection(EventStores.funnelUrl(Kind.H2, source));
        final ResultSet open = connection.createStatement().executeQuery("SELECT user_id FROM events");
        assertTrue(open.next());
        assertEquals(3_000, count(connection, "SELECT COUNT(DISTINCT user_id) FROM events"));
        assertTrue(count(observer, sessions) > before, "the open result set holds a source session");
        connection.close();
      }
      assertEquals(before, count(observer, sessions), "H2 sessions left after 40 connections");
    }
  }
}
