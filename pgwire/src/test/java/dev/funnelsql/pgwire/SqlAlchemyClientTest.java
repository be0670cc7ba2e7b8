package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Superset's database stack — Python's SQLAlchemy 1.4 with psycopg2, from Debian's packages — against the wire
 * server: the Inspector reflects every schema, table, view, column, key and index, and the statements Superset's
 * PostgreSQL engine spec and chart queries send run ({@code src/test/python/superset_stack.py}).
 */
class SqlAlchemyClientTest {
  private static final String PASSWORD = "superset-pass";

  @Test
  void supersetsStackReflectsTheModelAndChartsAFunnel() throws Exception {
    final Path python = ExternalClients.require("python3", "/usr/bin/python3");
    ExternalClients.requirePythonModules(python, "python3-sqlalchemy python3-psycopg2", "sqlalchemy", "psycopg2");
    final ShopFixture shop = ShopFixture.create(250);
    try (PgServer server = shop.serve(AuthMethod.SCRAM_SHA_256, Map.of("superset", PASSWORD))) {
      final String url = "postgresql+psycopg2://superset:" + PASSWORD + "@127.0.0.1:" + server.port() + "/funnelsql";
      final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(List.of(python.toString(),
          Path.of("src/test/python/superset_stack.py").toAbsolutePath().toString(), url, "funnels"), Map.of(), 300));
      final JsonNode json = new ObjectMapper().readTree(result.stdout());
      assertTrue(json.get("sqlalchemy").asText().startsWith("1.4"), json.get("sqlalchemy").asText());
      assertEquals("[9,6,0]", json.get("server_version_info").toString());
      assertEquals("[\"PUBLIC\",\"cohorts\",\"funnels\",\"paths\",\"segments\"]", json.get("schemas").toString());
      assertEquals("[\"EVENTS\"]", json.get("tables").get("PUBLIC").toString());
      assertEquals("[\"checkout\",\"checkout_chart\",\"checkout_drivers\",\"checkout_paths\",\"checkout_summary\","
          + "\"checkout_time_to_convert\",\"checkout_trend\"]",
          json.get("views").get("funnels").toString());
      final JsonNode summary = json.get("reflected").get("funnels.checkout_summary");
      assertEquals("[\"step\",\"INTEGER\",true]", summary.get("columns").get(0).toString());
      assertEquals("[\"step_label\",\"VARCHAR\",true]", summary.get("columns").get(2).toString());
      assertEquals("[\"users\",\"BIGINT\",true]", summary.get("columns").get(5).toString());
      assertEquals("[\"conversion_from_start\",\"DOUBLE_PRECISION\",true]", summary.get("columns").get(6).toString());
      assertEquals("[]", summary.get("pk").toString());
      assertEquals("[]", summary.get("indexes").toString());
      assertEquals("[]", summary.get("fks").toString());
      final JsonNode events = json.get("reflected").get("PUBLIC.EVENTS");
      assertEquals("[[\"USER_ID\",\"BIGINT\",false],[\"EVENT_TIME\",\"TIMESTAMP\",true],"
          + "[\"EVENT_NAME\",\"VARCHAR(32)\",true],[\"REVENUE\",\"NUMERIC(10, 2)\",true]]",
          events.get("columns").toString());
      assertEquals(1 + 7 + 2 + 6 + 2, json.get("reflected").size(), "every table and view reflected");
      assertEquals("[\"funnelsql\"]", json.get("databases").toString());
      assertEquals("funnels", json.get("current_schema").asText());
      assertTrue(json.get("backend_pid").asInt() > 0);
      assertEquals("25006", json.get("write").asText(), "writes are refused");
      final List<String> expected = new ArrayList<>();
      try (Connection direct = shop.direct()) {
        for (List<Object> row : Rows.of(direct, "SELECT step_label, users FROM funnels.checkout_summary "
            + "WHERE segment IS NULL ORDER BY users DESC")) {
          expected.add("[\"" + row.get(0) + "\"," + row.get(1) + "]");
        }
        assertEquals(expected.toString().replace(", ", ","), json.get("funnel_chart").toString());
        final long rows = (Long) Rows.of(direct, "SELECT COUNT(*) FROM funnels.checkout_summary").get(0).get(0);
        assertEquals(rows, json.get("unqualified").asLong(), "search_path resolves unqualified names");
        long weekly = 0;
        for (JsonNode row : json.get("weekly")) {
          assertTrue(row.get(0).asText().matches("(2025-12|2026-0[12])-\\d\\dT00:00:00"), row.toString());
          weekly += row.get(1).asLong();
        }
        assertEquals((Long) Rows.of(direct, "SELECT COUNT(*) FROM funnels.checkout WHERE reached_at "
            + ">= TIMESTAMP '2026-01-01 00:00:00' AND reached_at < TIMESTAMP '2026-03-01 00:00:00'").get(0).get(0),
            weekly);
      }
      assertTrue(json.get("now_trunc").asText().endsWith(" 00:00:00"), json.get("now_trunc").asText());
    }
  }
}
