package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reading a result set's rows through the driver, which takes a short path for the getters of the current row: the
 * values and {@code wasNull} as Calcite gives them, a bad column an error with a SQLState, and the statement and
 * metadata still handed out guarded.
 */
class ResultSetReadsTest {
  private static final List<Event> EVENTS = List.of(new Event(1, 1_000L, "a"), new Event(2, 2_000L, null));

  @Test
  void gettersReadTheCurrentRowAndWasNullFollowsThem() throws SQLException {
    read("SELECT user_id, event_name FROM events ORDER BY user_id", (connection, rows) -> {
      assertTrue(rows.next());
      assertEquals(1L, rows.getLong(1));
      assertFalse(rows.wasNull());
      assertEquals("a", rows.getString("event_name"));
      assertTrue(rows.next());
      assertEquals(2, rows.getInt("user_id"));
      assertNull(rows.getObject(2));
      assertTrue(rows.wasNull());
      assertEquals(Long.valueOf(2), rows.getObject(1, Long.class));
      assertFalse(rows.next());
    });
  }

  @Test
  void aColumnThatIsNotThereIsAnErrorWithASqlState() throws SQLException {
    read("SELECT user_id FROM events", (connection, rows) -> {
      assertTrue(rows.next());
      final SQLException byIndex = assertThrows(SQLException.class, () -> rows.getString(3));
      assertNotNull(byIndex.getSQLState(), byIndex.getMessage());
      final SQLException byLabel = assertThrows(SQLException.class, () -> rows.getLong("no_such_column"));
      assertNotNull(byLabel.getSQLState(), byLabel.getMessage());
      assertTrue(byLabel.getMessage().contains("no_such_column"), byLabel.getMessage());
    });
  }

  @Test
  void theStatementAndMetadataOfAResultSetAreStillGuarded() throws SQLException {
    read("SELECT user_id FROM events", (connection, rows) -> {
      assertTrue(Proxy.isProxyClass(rows.getStatement().getClass()));
      assertTrue(Proxy.isProxyClass(rows.getMetaData().getClass()));
      assertSame(connection, rows.getStatement().getConnection());
    });
  }

  /** What a test asserts of a query's result set, read on a connection of its own. */
  @FunctionalInterface
  private interface Check {
    void on(Connection connection, ResultSet rows) throws SQLException;
  }

  private static void read(String sql, Check check) throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(Kind.H2,
        EventStores.create(Kind.H2, EVENTS)));
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      check.on(connection, rows);
    }
  }
}
