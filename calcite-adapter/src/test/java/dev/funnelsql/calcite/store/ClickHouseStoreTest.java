package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.ClickHouseServer;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * FunnelSQL over ClickHouse (26, embedded as chDB behind ClickHouse's HTTP interface, reached with ClickHouse's own
 * JDBC driver) gives DuckDB's answers ({@link EngineStoreParity}), and a cancelled query stops in ClickHouse.
 */
class ClickHouseStoreTest extends EngineStoreParity {
  @Override StoreKind kind() {
    return StoreKind.CLICKHOUSE;
  }

  /**
   * A cancelled funnel stops its query in ClickHouse: over a table of random rows without end
   * ({@code GenerateRandom}, names of at most one character, so that a step's name comes now and then), the step rows
   * that ClickHouse sends (client) stream until FunnelSQL's cancel reaches it as {@code KILL QUERY} with the query's
   * id, which stops the query before its next block. (The embedded engine cannot stop a query that sends no block
   * before its end, as one computing the funnel does; see the test's HTTP front.)
   */
  @Test
  void aCancelledFunnelStopsItsQueryInClickHouse() throws Exception {
    // A database of its own: the events' catalog, read before, is kept a while by every connection of the JVM.
    final Store endless = new Store(StoreKind.CLICKHOUSE, engine().url(), engine().schema() + "_endless");
    try (Connection direct = DriverManager.getConnection(endless.url());
        Statement statement = direct.createStatement()) {
      statement.execute("CREATE DATABASE IF NOT EXISTS " + endless.schema());
      statement.execute("CREATE TABLE IF NOT EXISTS " + endless.schema() + ".events (user_id Int64, ts "
          + "DateTime64(3), event_name String) ENGINE = GenerateRandom(1, 1, 1)");
    }
    cancelAnEndlessQuery(endless, "client", "SELECT user_id, FUNNEL_STEP(ts, 60, event_name = 'a', event_name = 'b') "
        + "FROM events GROUP BY user_id", () -> ClickHouseServer.queriesRunning() > 0,
        () -> ClickHouseServer.queriesRunning() == 0);
    assertEquals(0, ClickHouseServer.queriesRunning(), "ClickHouse still runs the cancelled query");
  }
}
