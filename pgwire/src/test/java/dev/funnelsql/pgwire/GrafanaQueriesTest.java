package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Grafana's PostgreSQL data source sends (its plugin 13.0.x, read in its source; each statement written here
 * from what it sends, as a simple-protocol query): the health check's ping, the version and TimescaleDB detection,
 * and its query builder's schema, table and column lists. Each must answer what Grafana reads.
 */
class GrafanaQueriesTest {
  private static final String SEARCH_PATH = "quote_ident(table_schema) IN (SELECT CASE WHEN trim(s[i]) = '\"$user\"'"
      + " THEN user ELSE trim(s[i]) END FROM generate_series(array_lower(string_to_array(current_setting("
      + "'search_path'),','),1), array_upper(string_to_array(current_setting('search_path'),','),1)) as i, "
      + "string_to_array(current_setting('search_path'),',') s)";
  @RegisterExtension
  static final ShopServer SHOP = new ShopServer(60);

  private static Connection connect() throws SQLException {
    return SHOP.connect("grafana", "&preferQueryMode=simple");
  }

  @Test
  void theHealthCheckVersionAndTimescaleDbDetectionAnswerAsGrafanaReads() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      assertFalse(statement.execute("-- ping"), "an empty query");
      try (ResultSet rows = statement.executeQuery(
          "SELECT current_setting('server_version_num')::int/100 as version")) {
        assertTrue(rows.next());
        assertEquals(906, rows.getInt("version"));
      }
      assertEquals(List.of(), Rows.of(connection,
          "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"), "no TimescaleDB");
    }
  }

  @Test
  void theQueryBuildersSchemaTableAndColumnListsAreFiltered() throws SQLException {
    try (Connection connection = connect()) {
      assertEquals(List.of(List.of("PUBLIC"), List.of("cohorts"), List.of("funnels"), List.of("paths"),
          List.of("segments")),
          Rows.of(connection, "SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT IN "
              + "('information_schema', 'pg_catalog', 'pg_toast', '_timescaledb_cache', '_timescaledb_catalog', "
              + "'_timescaledb_internal', '_timescaledb_config', 'timescaledb_information', "
              + "'timescaledb_experimental') ORDER BY schema_name"));
      assertEquals(List.of(List.of("checkout"), List.of("checkout_chart"), List.of("checkout_drivers"),
          List.of("checkout_paths"), List.of("checkout_summary"), List.of("checkout_time_to_convert"),
          List.of("checkout_trend")),
          Rows.of(connection, "SELECT quote_ident(table_name) AS \"table\" FROM information_schema.tables "
              + "WHERE quote_ident(table_schema) = quote_ident('funnels') ORDER BY 1"));
      final List<List<Object>> expected = List.of(List.of("step_label", "character varying"),
          List.of("users", "bigint"), List.of("entered_at", "timestamp without time zone"));
      for (String table : List.of("funnels.checkout_chart", "checkout_chart")) {
        assertEquals(expected, Rows.of(connection, "SELECT quote_ident(column_name) AS \"column\", data_type AS "
            + "\"type\" FROM information_schema.columns WHERE CASE WHEN array_length(parse_ident('" + table
            + "'),1) = 2 THEN quote_ident(table_schema) = (parse_ident('" + table + "'))[1] AND "
            + "quote_ident(table_name) = (parse_ident('" + table + "'))[2] ELSE quote_ident(table_name) = '"
            + table + "' AND " + SEARCH_PATH + " END"), table);
      }
      final List<List<Object>> unqualified = Rows.of(connection, "SELECT CASE WHEN " + SEARCH_PATH + " THEN "
          + "quote_ident(table_name) ELSE quote_ident(table_schema) || '.' || quote_ident(table_name) END AS "
          + "\"table\" FROM information_schema.tables WHERE quote_ident(table_schema) NOT IN ('information_schema',"
          + " 'pg_catalog', '_timescaledb_cache') ORDER BY CASE WHEN " + SEARCH_PATH + " THEN 0 ELSE 1 END, 1");
      assertTrue(unqualified.contains(List.of("EVENTS")) && unqualified.contains(List.of("funnels.checkout_chart")),
          unqualified.toString());
    }
  }
}
