package dev.funnelsql.calcite.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Causes;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.runtime.CalciteContextException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every statement that would change the store is refused while it is prepared, as a {@link ReadOnlyException} at the
 * statement's position, whether Calcite parses it (DML, DDL, also under EXPLAIN) or not (another dialect's write, a
 * row lock); session and transaction commands are {@link UnsupportedStatementException}s; nothing reaches the store.
 */
class ReadOnlyRefusalTest {
  private static Store store;
  private static AdapterConnection connection;

  @BeforeAll
  static void connect() throws SQLException {
    store = TestEvent.store(StoreKind.H2, List.of(TestEvent.of(1, 1_000L, "a")));
    connection = AdapterConnections.open(store);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static SQLException refusal(String sql) {
    return assertThrows(SQLException.class, () -> {
      try (Statement statement = connection.connection().createStatement()) {
        statement.execute(sql);
      }
    }, sql);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      INSERT INTO events (user_id) VALUES (2)                  | From line 1, column 1 to line 1, column 39: INSERT
      UPDATE events SET user_id = 2                            | From line 1, column 1 to line 1, column 29: UPDATE
      DELETE FROM events                                       | From line 1, column 1 to line 1, column 18: DELETE
      EXPLAIN PLAN FOR DELETE FROM events                      | From line 1, column 18 to line 1, column 35: DELETE
      CREATE TABLE t (x INT)                                   | From line 1, column 1 to line 1, column 6: CREATE
      DROP TABLE events                                        | From line 1, column 1 to line 1, column 4: DROP
      TRUNCATE TABLE events                                    | From line 1, column 1 to line 1, column 8: TRUNCATE
      """)
  void aWriteIsRefusedAtItsPosition(String sql, String refusal) {
    final SQLException e = refusal(sql);
    Causes.find(e, ReadOnlyException.class);
    final String[] parts = refusal.split(": ");
    assertEquals(parts[0] + ": FunnelSQL is read-only: " + parts[1]
        + " statements are refused and nothing was sent to the event store",
        Causes.find(e, CalciteContextException.class).getMessage());
  }

  @Test
  void aRowLockIsARefusedWrite() {
    final SQLException e = refusal("SELECT * FROM events FOR UPDATE");
    assertEquals("FunnelSQL is read-only: row locks (SELECT … FOR UPDATE or FOR SHARE) are refused and nothing was "
        + "sent to the event store", Causes.find(e, ReadOnlyException.class).getMessage());
  }

  @Test
  void sessionSettingsAndTransactionsAreNotSupported() {
    final String set = Causes.find(refusal("SET schema = 'x'"), UnsupportedStatementException.class).getMessage();
    assertTrue(set.contains("jdbc:funnelsql:"), set);
    final String commit = Causes.find(refusal("COMMIT"), UnsupportedStatementException.class).getMessage();
    assertTrue(commit.contains("no transaction to control"), commit);
  }

  @Test
  void theStoreIsUnchangedAfterTheRefusals() throws SQLException {
    refusal("DELETE FROM events");
    refusal("DROP TABLE events");
    try (Connection direct = DriverManager.getConnection(store.url());
        Statement statement = direct.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
      rows.next();
      assertEquals(1, rows.getInt(1));
    }
    assertEquals(List.of(List.of(1L)), connection.rows("SELECT COUNT(*) FROM events"));
  }
}
