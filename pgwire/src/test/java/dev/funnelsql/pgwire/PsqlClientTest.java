package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.pgwire.auth.AuthMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * psql (Debian's postgresql-client) against the wire server: its backslash commands, which send psql's own catalog
 * queries, and a funnel query from a script file, whose rows must be those of a direct FunnelSQL connection.
 */
class PsqlClientTest {
  private static final String PASSWORD = "psql-pass";
  private static ShopFixture shop;
  private static PgServer server;
  private static Path psql;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() throws Exception {
    psql = ExternalClients.require("postgresql-client", "/usr/bin/psql", "/usr/local/bin/psql");
    shop = ShopFixture.create(200);
    server = shop.serve(AuthMethod.SCRAM_SHA_256, Map.of("analyst", PASSWORD));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Runs psql with unaligned, tuples-only output; returns its lines. */
  private static List<String> psql(String... arguments) throws Exception {
    final List<String> command = new ArrayList<>(List.of(psql.toString(), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1",
        "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", "analyst", "-d", "funnelsql"));
    command.addAll(List.of(arguments));
    final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(command,
        Map.of("PGPASSWORD", PASSWORD, "PGCONNECT_TIMEOUT", "60"), 120));
    assertTrue(!result.stderr().contains("ERROR"), result.stderr());
    return result.stdout().lines().filter(line -> !line.isBlank()).toList();
  }

  @Test
  void backslashDtListsTheStoresTablesAndBackslashDvTheModelsViews() throws Exception {
    assertEquals(List.of("PUBLIC|EVENTS|table|analyst"), psql("-c", "\\dt"));
    assertEquals(List.of("funnels|checkout|view|analyst", "funnels|checkout_chart|view|analyst",
        "funnels|checkout_drivers|view|analyst", "funnels|checkout_paths|view|analyst",
        "funnels|checkout_summary|view|analyst", "funnels|checkout_time_to_convert|view|analyst",
        "funnels|checkout_trend|view|analyst"),
        psql("-c", "\\dv funnels.*"));
    final List<String> all = psql("-c", "\\dtv *.*");
    assertTrue(all.containsAll(List.of("PUBLIC|EVENTS|table|analyst", "cohorts|weekly_matrix|view|analyst",
        "segments|engagement_sizes|view|analyst")), all.toString());
  }

  @Test
  void backslashDNameDescribesColumnsWithPostgreSqlTypes() throws Exception {
    final List<String> events = psql("-c", "\\d events");
    assertEquals(List.of("USER_ID|bigint||not null|", "EVENT_TIME|timestamp without time zone|||",
        "EVENT_NAME|character varying(32)|||", "REVENUE|numeric(10,2)|||"), events);
    final List<String> summary = psql("-c", "\\d funnels.checkout_summary");
    assertTrue(summary.contains("step_label|character varying|||"), summary.toString());
    assertTrue(summary.contains("users|bigint|||"), summary.toString());
    assertTrue(summary.contains("conversion_from_start|double precision|||"), summary.toString());
  }

  @Test
  void backslashLAndDnListTheDatabaseAndSchemas() throws Exception {
    assertTrue(psql("-c", "\\l").get(0).startsWith("funnelsql|analyst|UTF8|"));
    assertEquals(List.of("PUBLIC|analyst", "cohorts|analyst", "funnels|analyst", "paths|analyst",
        "segments|analyst"),
        psql("-c", "\\dn"));
  }

  @Test
  void backslashDfListsFunnelSqlsFunctionsFromTheRegistry() throws Exception {
    final List<String> all = psql("-c", "\\df");
    assertEquals(13, all.size(), all.toString());
    assertTrue(all.contains("PUBLIC|sessionize|BIGINT|ts, gap|window"), all.toString());
    assertTrue(all.contains("PUBLIC|window_funnel|INTEGER|window, mode, ts, cond1, ..., condN|agg"), all.toString());
    assertTrue(all.contains("PUBLIC|local_time|TIMESTAMP|ts [, zone]|func"), all.toString());
    assertTrue(all.contains("PUBLIC|funnel_step|INTEGER|ts, window, [mode,] cond1, ..., condN|agg"), all.toString());
    assertTrue(all.contains("PUBLIC|segment_of|VARCHAR|segmentation, user_id [, as_of]|func"), all.toString());
    assertEquals(List.of("PUBLIC|retention|BOOLEAN ARRAY|cond1, ..., condN|agg"), psql("-c", "\\df retention"));
    assertEquals(List.of(), psql("-c", "\\df no_such_function"));
  }

  @Test
  void aFunnelQueryFromAScriptGivesTheRowsOfADirectConnection() throws Exception {
    final String query = "SELECT step_label, users FROM funnels.checkout_summary WHERE segment IS NULL ORDER BY step";
    final Path script = dir.resolve("funnel.sql");
    Files.writeString(script, "-- a funnel, as an analyst would script it\nSET search_path TO funnels;\n"
        + "SELECT step_label, users\n  FROM checkout_summary\n WHERE segment IS NULL\n ORDER BY step;\n");
    final List<String> expected = new ArrayList<>();
    try (Connection direct = shop.direct()) {
      for (List<Object> row : Rows.of(direct, query)) {
        expected.add(row.get(0) + "|" + row.get(1));
      }
    }
    assertEquals(4, expected.size());
    assertEquals(expected, psql("-q", "-f", script.toString()));
  }
}
