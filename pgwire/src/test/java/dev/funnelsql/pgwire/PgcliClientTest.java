package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgcli (Debian's package, on psycopg 3) against the wire server: its completion refresh, run with pgcli's own
 * {@code PGExecute} ({@code src/test/python/pgcli_refresh.py}), gets the search path, schemas, tables apart from
 * views, their columns and FunnelSQL's functions without an error; and a session fed on standard input prints a
 * funnel chart and lists the model's views.
 */
class PgcliClientTest {
  @RegisterExtension
  static final ShopServer SHOP = new ShopServer(120);

  @TempDir
  static Path home;

  @Test
  void pgclisCompletionRefreshReadsTheCatalogWithoutAnError() throws Exception {
    final Path python = ExternalClients.require("python3", "/usr/bin/python3");
    ExternalClients.requirePythonModules(python, "pgcli", "pgcli.pgexecute");
    final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(List.of(python.toString(),
        Path.of("src/test/python/pgcli_refresh.py").toAbsolutePath().toString(), "127.0.0.1",
        Integer.toString(SHOP.port()), "analyst"), Map.of("HOME", home.toString()), 120));
    final JsonNode json = new ObjectMapper().readTree(result.stdout());
    json.fields().forEachRemaining(step -> assertFalse(step.getValue().has("error"),
        step.getKey() + ": " + step.getValue()));
    assertEquals("[\"pg_catalog\",\"PUBLIC\"]", json.get("search_path").toString());
    final List<String> schemata = new ArrayList<>();
    json.get("schemata").forEach(schema -> schemata.add(schema.asText()));
    assertTrue(schemata.containsAll(List.of("PUBLIC", "cohorts", "funnels", "segments")), schemata.toString());
    assertEquals("[[\"PUBLIC\",\"EVENTS\"]]", json.get("tables").toString(), "tables only, no views");
    assertTrue(json.get("views").toString().contains("[\"funnels\",\"checkout_chart\"]"), json.get("views")
        .toString());
    assertFalse(json.get("views").toString().contains("EVENTS"), "views only, no tables");
    assertEquals(4, json.get("table_columns").size(), json.get("table_columns").toString());
    assertTrue(json.get("view_columns").toString().contains("[\"funnels\",\"checkout_chart\",\"step_label\""),
        json.get("view_columns").toString());
    assertTrue(json.get("functions").toString().contains("\"funnel_step\""), json.get("functions").toString());
  }

  @Test
  void aPgcliSessionPrintsAFunnelChartAndListsTheViews() throws Exception {
    final Path pgcli = ExternalClients.require("pgcli", "/usr/bin/pgcli");
    final Path rc = Files.writeString(home.resolve("pgclirc"), "[main]\nlog_file = " + home.resolve("pgcli.log")
        + "\nhistory_file = " + home.resolve("history") + "\n");
    final Path input = Files.writeString(home.resolve("input.sql"),
        "SELECT step_label, users FROM funnels.checkout_chart ORDER BY step_label\n\\dv funnels.*\n");
    // From a pipe, as a user would pipe a script: pgcli reads nothing from a redirected regular file.
    final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(List.of("/bin/sh", "-c",
        "cat " + input + " | " + pgcli + " --pgclirc " + rc + " -h 127.0.0.1 -p " + SHOP.port()
        + " -U analyst -w --less-chatty funnelsql"), Map.of("HOME", home.toString()), 120));
    try (Connection direct = SHOP.shop().direct()) {
      for (List<Object> row : Rows.of(direct, "SELECT step_label, users FROM funnels.checkout_chart")) {
        assertTrue(result.stdout().contains("| " + row.get(0)) && result.stdout().contains(" " + row.get(1) + " "),
            row + " in\n" + result.stdout());
      }
    }
    assertTrue(result.stdout().contains("| funnels | checkout_summary"), result.stdout());
  }
}
