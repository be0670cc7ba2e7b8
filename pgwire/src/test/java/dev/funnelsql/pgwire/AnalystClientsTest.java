package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnelsql.pgwire.auth.AuthMethod;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Python clients analysts read a chart with, against the wire server ({@code src/test/python/analyst_clients.py}):
 * psycopg 3 with a parameter bound at the server and with a named cursor, and pandas' {@code read_sql} and
 * {@code read_sql_table} through SQLAlchemy; each gets the chart a direct FunnelSQL connection gets.
 */
class AnalystClientsTest {
  @Test
  void psycopg3AndPandasReadTheFunnelChart() throws Exception {
    final Path python = ExternalClients.require("python3", "/usr/bin/python3");
    ExternalClients.requirePythonModules(python, "python3-psycopg python3-pandas python3-sqlalchemy "
        + "python3-psycopg2", "psycopg", "pandas", "sqlalchemy", "psycopg2");
    final ShopFixture shop = ShopFixture.create(180);
    final List<String> expected = new ArrayList<>();
    try (Connection direct = shop.direct()) {
      for (List<Object> row : Rows.of(direct, "SELECT step_label, users FROM funnels.checkout_chart "
          + "ORDER BY step_label")) {
        expected.add("[\"" + row.get(0) + "\"," + row.get(1) + "]");
      }
    }
    final String rows = "[" + String.join(",", expected) + "]";
    try (PgServer server = shop.serve(AuthMethod.TRUST, Map.of())) {
      final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(List.of(python.toString(),
          Path.of("src/test/python/analyst_clients.py").toAbsolutePath().toString(), "127.0.0.1",
          Integer.toString(server.port()), "analyst"), Map.of(), 300));
      final JsonNode json = new ObjectMapper().readTree(result.stdout());
      assertEquals(rows, json.get("psycopg_bound").toString(), "psycopg 3, a parameter bound at the server");
      assertEquals(rows, json.get("psycopg_named").toString(), "psycopg 3, a named cursor fetching 3 rows at a time");
      assertEquals("[\"step_label\",\"users\"]", json.get("read_sql").get("columns").toString());
      assertEquals(rows, json.get("read_sql").get("rows").toString(), "pandas.read_sql");
      assertEquals("[\"step_label\",\"users\",\"entered_at\"]",
          json.get("read_sql_table").get("columns").toString());
      assertEquals(expected.size(), json.get("read_sql_table").get("rows").asInt(), "pandas.read_sql_table");
    }
  }
}
