package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.Connection;
import java.sql.DriverManager;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FunnelSQL over Trino gives DuckDB's answers ({@link EngineStoreParity}) with few Trino queries per model table, and
 * a cancelled query stops in Trino.
 */
class TrinoStoreTest extends EngineStoreParity {
  private static Store trino;
  private static Store duckDb;

  @BeforeAll
  static void createStores() throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(2026L, 400, 16);
    trino = TestEvent.store(StoreKind.TRINO, events);
    duckDb = TestEvent.store(StoreKind.DUCKDB, events);
  }

  @Override Store engine() {
    return trino;
  }

  @Override Store duckDb() {
    return duckDb;
  }

  /** The model's tables ran no store query per row (a nested-loop join's inner input shows up as thousands). */
  @Override void checkModelQueries(Instant start, int tables) throws SQLException {
    final long queries = queriesSince(start, "");
    assertTrue(queries < 8L * tables, queries + " Trino queries for " + tables + " tables");
  }

  /**
   * How many queries Trino ran since {@code start} (its {@code system.runtime.queries}, these counts left out), the
   * FunnelSQL statements' parameterized store queries ({@code EXECUTE statement1 USING …}, which name no table) and
   * metadata lookups included: a plan that ran a store query once per row (a nested-loop join's inner input) shows up
   * as thousands. The tests of a class run one after the other, so the queries are this test's.
   */
  private static long queriesSince(Instant start, String condition) throws SQLException {
    try (Connection connection = DriverManager.getConnection(trino.url());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM system.runtime.queries WHERE created >= "
            + "from_iso8601_timestamp('" + start + "') AND query NOT LIKE '%system.runtime.queries%'" + condition)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * A cancelled funnel stops in Trino, whether Trino sends the step rows (client) or computes the funnel (engine):
   * a three-way self-join whose filter no row passes runs for minutes without holding memory.
   */
  @ParameterizedTest
  @ValueSource(strings = {"client", "engine"})
  void aCancelledFunnelStopsItsQueryInTrino(String pushdown) throws Exception {
    final Instant start = Instant.now();
    final Properties settings = new Properties();
    settings.setProperty("funnel.pushdown", pushdown);
    try (AdapterConnection onTrino = AdapterConnections.open(trino, null, settings);
        Statement statement = onTrino.connection().createStatement()) {
      final String sql = "SELECT a.user_id, FUNNEL_STEP(a.ts, 60, b.event_name = 'a', c.event_name = 'b') "
          + "FROM events a JOIN events b ON a.user_id >= b.user_id JOIN events c ON b.user_id >= c.user_id "
          + "WHERE a.revenue + b.revenue + c.revenue < 0 GROUP BY a.user_id";
      assertTrue(onTrino.explain(sql).contains("pushdown=[" + pushdown), onTrino.explain(sql));
      final CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
        try (ResultSet rows = statement.executeQuery(sql)) {
          rows.next();
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      });
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (running(start) == 0) {
        assertTrue(System.nanoTime() < deadline && !query.isDone(), "Trino never ran the query");
        Thread.sleep(50);
      }
      statement.cancel();
      final ExecutionException failed = assertThrows(ExecutionException.class, () -> query.get(60, TimeUnit.SECONDS));
      final String message = failed.getCause().getCause().getMessage();
      assertTrue(message.contains("cancelled"), message);
      while (running(start) > 0) {
        assertTrue(System.nanoTime() < deadline, "Trino still runs the cancelled query");
        Thread.sleep(50);
      }
    }
  }

  /** How many queries that started since {@code start} Trino is running now. */
  private static long running(Instant start) throws SQLException {
    return queriesSince(start, " AND state = 'RUNNING'");
  }
}
