package dev.funnelsql.calcite.stepscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Store;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * Compares a store's bulk read of step rows ({@code funnel.transfer=auto}) with its driver's getters
 * ({@code funnel.transfer=jdbc}) on the same queries: the plans must say which read each takes, and the rows must be
 * equal.
 */
final class TransferComparison {
  /**
   * Queries whose step rows are of every kind: integer, NULL, SMALLINT and absent keys, TIMESTAMP and integer times
   * with NULLs, a value (SEQUENCE_NEXT_NODE's event column).
   */
  static final List<String> STEP_ROW_KINDS = List.of(
      "SELECT user_id, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b', event_name = 'c'), "
          + "FUNNEL_TIMES(ts, 86400, event_name = 'a', event_name = 'b') FROM events GROUP BY user_id",
      "SELECT score, FUNNEL_STEP(secs, 86400, 'strict_order', event_name = 'a', event_name = 'b') "
          + "FROM events GROUP BY score",
      "SELECT CAST(revenue AS SMALLINT), RETENTION(event_name = 'a', event_name = 'b', event_name = 'c') "
          + "FROM events GROUP BY CAST(revenue AS SMALLINT)",
      "SELECT FUNNEL_STEP(ts, 172800, event_name = 'a', event_name = 'c') FROM events",
      "SELECT user_id, SEQUENCE_NEXT_NODE('forward', 'head', ts, event_name, TRUE, event_name = 'a') "
          + "FROM events GROUP BY user_id");

  private TransferComparison() {
  }

  /** Connection properties choosing how step rows are read. */
  static Properties transfer(String value) {
    final Properties properties = new Properties();
    properties.setProperty(StepScanSettings.TRANSFER, value);
    return properties;
  }

  /** A query's rows in a fixed order. */
  static String sortedRows(AdapterConnection connection, String sql) throws SQLException {
    final List<List<Object>> rows = connection.rows(sql);
    rows.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
    return rows.toString();
  }

  /**
   * Asserts that every query plans the bulk read by default and not with the getters, and answers the same rows both
   * ways.
   *
   * @param read the plan's item for the bulk read, e.g. {@code transfer=[copy]}
   */
  static void assertSameRows(Store store, List<String> queries, String read) throws SQLException {
    try (AdapterConnection bulk = AdapterConnections.open(store, null, new Properties());
        AdapterConnection getters = AdapterConnections.open(store, null, transfer("jdbc"))) {
      for (String sql : queries) {
        assertTrue(bulk.explain(sql).contains(read), sql);
        assertFalse(getters.explain(sql).contains(read), sql);
        assertEquals(sortedRows(getters, sql), sortedRows(bulk, sql), sql);
      }
    }
  }
}
