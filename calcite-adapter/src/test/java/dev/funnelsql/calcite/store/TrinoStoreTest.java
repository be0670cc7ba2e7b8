package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TrinoServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FunnelSQL over Trino gives DuckDB's answers ({@link EngineStoreParity}) with few Trino queries per model table, and
 * a cancelled query stops in Trino.
 */
class TrinoStoreTest extends EngineStoreParity {
  @Override StoreKind kind() {
    return StoreKind.TRINO;
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
  private long queriesSince(Instant start, String condition) throws SQLException {
    try (Connection connection = DriverManager.getConnection(TrinoServer.url());
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
    cancelAnEndlessFunnel(pushdown, -1, () -> running(start) > 0, () -> running(start) == 0);
  }
  /** How many queries that started since {@code start} Trino is running now. */
  private long running(Instant start) throws SQLException {
    return queriesSince(start, " AND state = 'RUNNING'");
  }
}
