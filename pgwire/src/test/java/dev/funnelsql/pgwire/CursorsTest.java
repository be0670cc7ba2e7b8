package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Server-side cursors as Tableau and psycopg's named cursors use them: DECLARE, FETCH in pieces, MOVE, CLOSE, a
 * cursor's life within its transaction block (or past it WITH HOLD), and the errors PostgreSQL gives; the rows
 * fetched in pieces are the query's rows in order, compared with a direct FunnelSQL connection.
 */
class CursorsTest {
  private static final String QUERY = "SELECT user_id, event_name FROM events ORDER BY user_id, event_time, "
      + "event_name";
  @RegisterExtension
  static final ShopServer SHOP = new ShopServer(150);
  private static List<List<Object>> expected;

  @BeforeAll
  static void start() throws Exception {
    try (Connection direct = SHOP.shop().direct()) {
      expected = Rows.of(direct, QUERY);
    }
  }

  private static Connection connect() throws SQLException {
    return SHOP.connect("tableau", "&preferQueryMode=simple");
  }

  private static List<List<Object>> fetch(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      return Rows.read(rows);
    }
  }

  @Test
  void fetchReadsTheResultInPiecesInOrderAndMoveSkips() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      statement.execute("DECLARE c NO SCROLL CURSOR FOR " + QUERY);
      final List<List<Object>> read = new ArrayList<>(fetch(statement, "FETCH 10 FROM c"));
      read.addAll(fetch(statement, "FETCH FORWARD 5 IN c"));
      read.addAll(fetch(statement, "FETCH NEXT FROM c"));
      read.addAll(fetch(statement, "FETCH c"));
      assertEquals(17, read.size());
      statement.execute("MOVE FORWARD 3 IN c");
      assertEquals("MOVE 3", tag(statement));
      final List<List<Object>> rest = fetch(statement, "FETCH ALL FROM c");
      assertEquals(expected.subList(0, 17), read);
      assertEquals(expected.subList(20, expected.size()), rest);
      assertEquals(List.of(), fetch(statement, "FETCH 5 FROM c"), "past the end");
      statement.execute("CLOSE c");
      final SQLException closed = assertThrows(SQLException.class, () -> fetch(statement, "FETCH 1 FROM c"));
      assertEquals("34000", closed.getSQLState(), closed.getMessage());
      statement.execute("ROLLBACK");
    }
  }

  private static String tag(Statement statement) throws SQLException {
    return statement.getUpdateCount() >= 0 ? "MOVE " + statement.getUpdateCount() : "?";
  }

  @Test
  void aCursorWithoutHoldNeedsATransactionBlockAndEndsWithIt() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      final SQLException outside = assertThrows(SQLException.class,
          () -> statement.execute("DECLARE c CURSOR FOR " + QUERY));
      assertEquals("25P01", outside.getSQLState(), outside.getMessage());
      statement.execute("BEGIN");
      statement.execute("DECLARE c CURSOR FOR " + QUERY);
      statement.execute("DECLARE \"Kept\" CURSOR WITH HOLD FOR " + QUERY);
      final SQLException twice = assertThrows(SQLException.class,
          () -> statement.execute("DECLARE c CURSOR FOR SELECT 1"));
      assertEquals("42P03", twice.getSQLState(), twice.getMessage());
      statement.execute("ROLLBACK");
      statement.execute("BEGIN");
      statement.execute("DECLARE c CURSOR FOR " + QUERY);
      assertEquals(expected.subList(0, 2), fetch(statement, "FETCH 2 FROM c"));
      statement.execute("COMMIT");
      final SQLException ended = assertThrows(SQLException.class, () -> fetch(statement, "FETCH 1 FROM c"));
      assertEquals("34000", ended.getSQLState(), ended.getMessage());
      assertEquals(expected.subList(0, 3), fetch(statement, "FETCH 3 FROM \"Kept\""), "WITH HOLD outlives COMMIT");
      statement.execute("CLOSE ALL");
      final SQLException backward = assertThrows(SQLException.class, () -> {
        statement.execute("BEGIN");
        statement.execute("DECLARE b CURSOR FOR " + QUERY);
        fetch(statement, "FETCH PRIOR FROM b");
      });
      assertEquals("55000", backward.getSQLState(), backward.getMessage());
      statement.execute("ROLLBACK");
    }
  }

  @Test
  void psycopg2NamedCursorsIterateTheWholeResult() throws Exception {
    final Path python = ExternalClients.require("python3", "/usr/bin/python3");
    ExternalClients.requirePythonModules(python, "python3-psycopg2", "psycopg2");
    final String script = String.join("\n",
        "import sys, psycopg2",
        "c = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), dbname='funnelsql', user='analyst')",
        "cur = c.cursor('pieces')",
        "cur.itersize = 37",
        "cur.execute(sys.argv[2])",
        "rows = [row for row in cur]",
        "cur.close()",
        "c.commit()",
        "print(len(rows), rows[0][0], rows[-1][0])");
    final ExternalClients.Result result = ExternalClients.succeeded(ExternalClients.run(List.of(python.toString(),
        "-c", script, Integer.toString(SHOP.port()), QUERY), Map.of(), 120));
    assertEquals(expected.size() + " " + expected.get(0).get(0) + " " + expected.get(expected.size() - 1).get(0),
        result.stdout().trim());
  }
}
