package dev.funnelsql.pgwire.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.pgwire.protocol.ResultTable;
import dev.funnelsql.pgwire.sql.SqlLexer;
import dev.funnelsql.pgwire.sql.SqlTree;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Statements;
import dev.funnelsql.pgwire.sql.Token;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog statements SQLAlchemy 1.4 sends while reflecting (as captured from a real PostgreSQL), answered from
 * a real FunnelSQL catalog — and the same answers for the same statements respelled: other white space, upper-case
 * words, another schema or table.
 */
class CatalogQueriesTest {
  private static Connection connection;
  private static CatalogContext context;
  private static List<String> statements;

  @TempDir
  static Path dir;

  @BeforeAll
  static void open() throws Exception {
    final String url = "jdbc:h2:mem:catalog-queries;DB_CLOSE_DELAY=-1";
    try (Connection store = DriverManager.getConnection(url); Statement statement = store.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT NOT NULL, ts TIMESTAMP, event_name VARCHAR(16))");
      statement.execute("COMMENT ON TABLE events IS 'raw events'");
    }
    final Path model = dir.resolve("model.yaml");
    Files.writeString(model, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          checkout:
            window: 1d
            steps:
              - { name: A, when: "event_name = 'a'" }
              - { name: B, when: "event_name = 'b'" }
        """.formatted(url));
    connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model);
    context = new ConnectionContext(connection);
    try (InputStream in = CatalogQueriesTest.class.getResourceAsStream("sqlalchemy-1.4-reflection.sql")) {
      statements = Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n----\n"))
          .map(String::strip).toList();
    }
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** A session as the catalog sees it, over a real FunnelSQL connection. */
  private record ConnectionContext(Connection connection) implements CatalogContext {
    @Override public PgCatalog catalog() throws SQLException {
      return PgCatalog.read(connection.getMetaData());
    }

    @Override public String database() {
      return "funnelsql";
    }

    @Override public String user() {
      return "analyst";
    }

    @Override public String currentSchema() throws SQLException {
      return connection.getSchema();
    }

    @Override public int processId() {
      return 4242;
    }

    @Override public String versionString() {
      return "PostgreSQL 9.6.0 on FunnelSQL";
    }

    @Override public @Nullable String setting(String name) {
      return name.equals("search_path") ? "public" : null;
    }

    @Override public Map<String, String> allSettings() {
      return Map.of("search_path", "public");
    }
  }

  private static String statement(String marker) {
    return statements.stream().filter(s -> s.contains(marker)).findFirst().orElseThrow();
  }

  private static int oid(String schema, String table) throws SQLException {
    return context.catalog().relation(schema, table).oid();
  }

  private static List<List<Object>> answer(String sql) throws SQLException {
    final Group statement = Statements.split(sql).get(0);
    assertTrue(CatalogQueries.isCatalogQuery(statement), sql);
    final ResultTable table = CatalogQueries.answer(statement, context);
    final List<List<Object>> rows = new ArrayList<>();
    for (Object[] row : table.rows()) {
      assertEquals(table.columns().size(), row.length);
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  private static String fill(String template, String schema, String table) throws SQLException {
    return template.replace("{schema}", schema).replace("{table}", table)
        .replace("{oid}", Integer.toString(oid(schema, table)));
  }

  /** The same statement with other white space and every unquoted word in upper case. */
  private static String respelled(String sql, SplittableRandom random) {
    return SqlLexer.tokenize(sql).stream().map(token -> {
      if (token.kind() == Token.Kind.SPACE) {
        return random.nextBoolean() ? " " : "\n\t  ";
      }
      if (token.kind() == Token.Kind.COMMENT) {
        return token.text().startsWith("--") ? token.text() + "\n" : token.text();
      }
      return token.kind() == Token.Kind.WORD ? token.text().toUpperCase(Locale.ROOT) : token.text();
    }).collect(Collectors.joining());
  }

  @Test
  void schemaNamesAreFunnelSqlsSchemasWithoutCalcitesOwn() throws Exception {
    assertEquals(List.of(List.of("PUBLIC"), List.of("cohorts"), List.of("funnels"), List.of("paths"),
          List.of("segments")),
        answer(statement("FROM pg_namespace WHERE")));
  }

  @Test
  void tableAndViewNamesFollowTheRelationKind() throws Exception {
    final String tables = statement("c.relkind in ('r', 'p')");
    final String views = statement("WHERE n.nspname = '{schema}' AND c.relkind IN ('v', 'm')");
    assertEquals(List.of(List.of("EVENTS")), answer(fill(tables, "PUBLIC", "EVENTS")));
    assertEquals(List.of(List.of("EVENTS")), answer(fill(tables, "public", "EVENTS")));
    assertEquals(List.of(), answer(fill(tables, "funnels", "checkout")));
    assertEquals(List.of(List.of("checkout"), List.of("checkout_chart"), List.of("checkout_drivers"),
        List.of("checkout_paths"), List.of("checkout_summary"), List.of("checkout_time_to_convert"),
        List.of("checkout_trend")), answer(fill(views, "funnels", "checkout")));
    assertEquals(List.of(), answer(fill(statement("c.relkind = 'f'"), "funnels", "checkout")));
  }

  @Test
  void aKindListInAnyFiltersLikeInAndTheSearchPathIsASetOfRows() throws Exception {
    for (String kinds : List.of("ANY('{r,p,f}')", "ANY(ARRAY['r', 'p', 'f'])", "ANY ('{\"r\",p}'::\"char\"[])")) {
      assertEquals(List.of(List.of("PUBLIC", "EVENTS")), answer("SELECT n.nspname, c.relname FROM "
          + "pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = "
          + kinds), kinds);
    }
    final List<List<Object>> views = answer("SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relkind = "
        + "ANY('{v,m}')");
    assertTrue(views.contains(List.of("checkout_chart")) && !views.contains(List.of("EVENTS")), views.toString());
    assertEquals(List.of(List.of("pg_catalog"), List.of("PUBLIC")),
        answer("SELECT * FROM unnest(current_schemas(true))"));
    assertEquals(List.of(List.of("PUBLIC")), answer("SELECT * FROM current_schemas(false)"));
  }

  @Test
  void columnsComeFromTheRelationsOidWithPostgreSqlTypeNames() throws Exception {
    final String oidLookup = statement("SELECT c.oid");
    assertEquals(List.of(List.of(oid("funnels", "checkout_summary"))),
        answer(fill(oidLookup, "funnels", "checkout_summary")));
    final List<List<Object>> columns = answer(fill(statement("pg_catalog.format_type(a.atttypid, a.atttypmod)"),
        "PUBLIC", "EVENTS"));
    assertEquals(List.of("USER_ID", "bigint", true),
        List.of(columns.get(0).get(0), columns.get(0).get(1), columns.get(0).get(3)));
    assertEquals(List.of("TS", "timestamp without time zone", false),
        List.of(columns.get(1).get(0), columns.get(1).get(1), columns.get(1).get(3)));
    assertEquals(List.of("EVENT_NAME", "character varying(16)", false),
        List.of(columns.get(2).get(0), columns.get(2).get(1), columns.get(2).get(3)));
    assertEquals(3, columns.size());
  }

  @Test
  void keysIndexesConstraintsDomainsAndEnumsAreEmptyWithTheirColumns() throws Exception {
    for (String marker : List.of("typname = 'hstore'", "t.typtype = 'd'", "t.typtype = 'e'", "ix.indisprimary\n",
        "r.contype = 'p'", "r.contype = 'f'", "pg_am am", "cons.contype = 'u'")) {
      final String sql = fill(statement(marker), "funnels", "checkout");
      final Group statement = Statements.split(sql).get(0);
      final ResultTable table = CatalogQueries.answer(statement, context);
      assertEquals(List.of(), table.rows(), marker);
      assertFalse(table.columns().isEmpty(), marker);
    }
  }

  @Test
  void commentsViewDefinitionsAndDatabases() throws Exception {
    final List<List<Object>> comment = answer(fill(statement("table_comment"), "PUBLIC", "EVENTS"));
    assertTrue(comment.isEmpty() || comment.get(0).get(0) == null || comment.get(0).get(0).equals("raw events"),
        comment.toString());
    final List<List<Object>> definition = answer(fill(statement("pg_get_viewdef"), "funnels", "checkout"));
    assertEquals(1, definition.size());
    assertTrue(String.valueOf(definition.get(0).get(0)).contains("funnels.checkout"));
    assertEquals(List.of(List.of("funnelsql")), answer(statement("pg_database")));
  }

  @Test
  void respelledStatementsGetTheSameAnswers() throws Exception {
    final SplittableRandom random = new SplittableRandom(11);
    for (String template : statements) {
      for (String[] target : List.of(new String[] {"funnels", "checkout_summary"}, new String[] {"PUBLIC",
          "EVENTS"})) {
        final String sql = fill(template, target[0], target[1]);
        final List<List<Object>> expected = answer(sql);
        for (int i = 0; i < 5; i++) {
          assertEquals(expected, answer(respelled(sql, random)), sql);
        }
      }
    }
  }

  @Test
  void serverFunctionsWithoutFrom() throws Exception {
    assertEquals(List.of(List.of("PostgreSQL 9.6.0 on FunnelSQL")), answer("select pg_catalog.version()"));
    assertEquals(List.of(List.of("PUBLIC", 4242, "analyst")),
        answer("SELECT current_schema(), pg_backend_pid(), current_user"));
    assertEquals(List.of(List.of("public")), answer("SELECT current_setting('search_path')"));
    assertFalse(CatalogQueries.isCatalogQuery(Statements.split("SELECT 1, CURRENT_TIMESTAMP").get(0)));
    assertFalse(CatalogQueries.isCatalogQuery(Statements.split("SELECT * FROM funnels.checkout").get(0)));
  }

  @Test
  void informationSchemaTablesAndColumns() throws Exception {
    assertEquals(List.of(List.of("checkout", "VIEW"), List.of("checkout_chart", "VIEW"),
        List.of("checkout_drivers", "VIEW"), List.of("checkout_paths", "VIEW"), List.of("checkout_summary", "VIEW"),
        List.of("checkout_time_to_convert", "VIEW"), List.of("checkout_trend", "VIEW")),
        answer("SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'funnels' "
            + "ORDER BY table_name"));
    assertEquals(List.of(List.of("USER_ID", "bigint", "NO"), List.of("TS", "timestamp without time zone", "YES"),
        List.of("EVENT_NAME", "character varying", "YES")),
        answer("select column_name, data_type, is_nullable from information_schema.columns "
            + "where table_schema = 'PUBLIC' and table_name = 'EVENTS'"));
  }

  @Test
  void everyCapturedStatementIsACatalogQuery() throws SQLException {
    for (String sql : statements) {
      final String filled = fill(sql, "funnels", "checkout");
      assertFalse(SqlTree.parse(SqlLexer.tokenize(filled)).significant().isEmpty());
      assertTrue(CatalogQueries.isCatalogQuery(Statements.split(filled).get(0)), filled);
    }
  }
}
