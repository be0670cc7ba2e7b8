package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Statements that would change the event store are refused before anything reaches it, on every store. */
class ReadOnlyTest {
  private static final List<String> WRITES = List.of(
      "INSERT INTO events (user_id, event_name) VALUES (9, 'x')",
      "UPDATE events SET event_name = 'y' WHERE user_id = 1",
      "DELETE FROM events",
      "MERGE INTO events e USING (VALUES (1)) v(id) ON e.user_id = v.id WHEN MATCHED THEN UPDATE SET event_name = 'z'",
      "EXPLAIN PLAN FOR DELETE FROM events");

  private static long count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events WHERE event_name = 'a'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void writesAreRefusedAndTheDataIsUnchanged(Kind kind) throws SQLException {
    final String source = EventStores.create(kind, List.of(new Event(1, 1_000L, "a"), new Event(2, 2_000L, "a")));
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      for (String sql : WRITES) {
        final SQLException e = assertThrows(SQLException.class, () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
          }
        }, sql);
        assertEquals("25006", e.getSQLState(), sql + ": " + e.getMessage());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
      }
      assertEquals(2, count(connection));
    }
  }
}
