package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SparkServer;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FunnelSQL over Spark's Thrift server gives DuckDB's answers ({@link EngineStoreParity}), and a cancelled query
 * cancels its Spark job.
 */
class SparkStoreTest extends EngineStoreParity {
  private static Store spark;
  private static Store duckDb;

  @BeforeAll
  static void createStores() throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(2026L, 400, 16);
    spark = TestEvent.store(StoreKind.SPARK, events);
    duckDb = TestEvent.store(StoreKind.DUCKDB, events);
  }

  @Override Store engine() {
    return spark;
  }

  @Override Store duckDb() {
    return duckDb;
  }

  /**
   * A cancelled funnel cancels its job in Spark, whether Spark sends the step rows (client) or computes the funnel
   * (engine): a three-way self-join whose filter no row passes would run for hours. Spark's log shows the query run,
   * then its job group cancelled (a running task stops when it next checks, which a nested-loop join does seldom: 33 s
   * after the cancel here) and the query closed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"client", "engine"})
  void aCancelledFunnelCancelsItsSparkJob(String pushdown) throws Exception {
    final String marker = Long.toString(-1_000_000L - pushdown.length());
    final Properties settings = new Properties();
    settings.setProperty("funnel.pushdown", pushdown);
    try (AdapterConnection onSpark = AdapterConnections.open(spark, null, settings);
        Statement statement = onSpark.connection().createStatement()) {
      final String sql = "SELECT a.user_id, FUNNEL_STEP(a.ts, 60, b.event_name = 'a', c.event_name = 'b') "
          + "FROM events a JOIN events b ON a.user_id >= b.user_id JOIN events c ON b.user_id >= c.user_id "
          + "WHERE a.revenue + b.revenue + c.revenue < " + marker + " GROUP BY a.user_id";
      assertTrue(onSpark.explain(sql).contains("pushdown=[" + pushdown), onSpark.explain(sql));
      final int before = SparkServer.log().length();
      final CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
        try (ResultSet rows = statement.executeQuery(sql)) {
          rows.next();
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      });
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!afterMarker(before, marker).contains("Running query with ")) {
        assertTrue(System.nanoTime() < deadline && !query.isDone(), "Spark never ran the query");
        Thread.sleep(50);
      }
      statement.cancel();
      final ExecutionException failed = assertThrows(ExecutionException.class, () -> query.get(60, TimeUnit.SECONDS));
      final String message = failed.getCause().getCause().getMessage();
      assertTrue(message.contains("cancelled"), message);
      final Matcher cancel = Pattern.compile("Cancel query with (\\S+)").matcher(afterMarker(before, marker));
      assertTrue(cancel.find(), "FunnelSQL's cancel never reached Spark");
      final String operation = cancel.group(1);
      while (!afterMarker(before, marker).contains("Asked to cancel job group " + operation)
          || !afterMarker(before, marker).contains("Close statement with " + operation)) {
        assertTrue(System.nanoTime() < deadline, "Spark kept the cancelled query's jobs or the query open");
        Thread.sleep(50);
      }
    }
  }

  /** Spark's log since {@code before}, from the query holding {@code marker} on; empty until it is submitted. */
  private static String afterMarker(int before, String marker) throws IOException {
    final String log = SparkServer.log().substring(before);
    final int at = log.indexOf(marker);
    return at < 0 ? "" : log.substring(at);
  }
}
