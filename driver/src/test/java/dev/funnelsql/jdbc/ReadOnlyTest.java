package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statements that would change the event store are refused before anything reaches it — whatever the statement's
 * dialect and whichever JDBC call sends it — and the store's rows are the same afterwards, on every store.
 */
class ReadOnlyTest {
  /** Writes Calcite parses: refused by kind. */
  private static final List<String> PARSED_WRITES = List.of(
      "INSERT INTO events (user_id, event_name) VALUES (9, 'x')",
      "INSERT INTO events SELECT * FROM events",
      "UPSERT INTO events (user_id, event_name) VALUES (9, 'x')",
      "UPDATE events SET event_name = 'y' WHERE user_id = 1",
      "DELETE FROM events",
      "MERGE INTO events e USING (VALUES (1)) v(id) ON e.user_id = v.id WHEN MATCHED THEN UPDATE SET event_name = 'z'",
      "CALL some_procedure(1)",
      "EXPLAIN PLAN FOR DELETE FROM events",
      "EXPLAIN PLAN FOR INSERT INTO events (user_id) VALUES (2)");
  /** Writes in the store's own dialect, which Calcite's parser rejects: refused by their words. */
  private static final List<String> DIALECT_WRITES = List.of(
      "CREATE TABLE t (x INT)",
      "CREATE VIEW v AS SELECT 1",
      "CREATE INDEX i ON events (user_id)",
      "DROP TABLE events",
      "drop table events cascade",
      "ALTER TABLE events ADD COLUMN z INT",
      "TRUNCATE TABLE events",
      "GRANT SELECT ON events TO PUBLIC",
      "REVOKE SELECT ON events FROM PUBLIC",
      "COPY events FROM '/tmp/events.csv'",
      "COPY events TO '/tmp/events.csv'",
      "VACUUM events",
      "LOCK TABLE events",
      "REPLACE INTO events VALUES (1, NULL, NULL, 'x')",
      "  /* a comment */ -- and another\n DELETE FROM events WHERE user_id IN (SELECT 1) RETURNING *",
      "WITH gone AS (DELETE FROM events RETURNING *) SELECT * FROM gone",
      "SELECT * FROM events FOR UPDATE",
      "SELECT * FROM events FOR SHARE",
      "SELECT * FROM events FOR NO KEY UPDATE",
      "SELECT user_id FROM events WHERE user_id = 1 FOR UPDATE OF events");
  /** Not writes, but statements FunnelSQL does not run: refused as not supported. */
  private static final List<String> UNSUPPORTED = List.of("SET search_path = evil", "ALTER SESSION SET x = 1",
      "COMMIT", "ROLLBACK", "BEGIN", "START TRANSACTION");

  private static void assertRefused(String sql, String state, Executable call) {
    final SQLException e = assertThrows(SQLException.class, call, sql);
    assertEquals(state, e.getSQLState(), sql + ": " + e.getMessage());
    final String expected = state.equals("25006") ? "FunnelSQL is read-only" : "not supported";
    assertTrue(e.getMessage().contains(expected), sql + ": " + e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  private static List<String> writes() {
    final List<String> all = new ArrayList<>(PARSED_WRITES);
    all.addAll(DIALECT_WRITES);
    return all;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void writesAreRefusedThroughEveryCallAndTheDataIsUnchanged(Kind kind) throws Exception {
    final String source = EventStores.create(kind, List.of(new Event(1, 1_000L, "a"), new Event(2, 2_000L, "a"),
        new Event(2, null, null)));
    final StoreContents before = StoreContents.of(kind, source);
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      for (String sql : writes()) {
        try (Statement statement = connection.createStatement()) {
          assertRefused(sql, "25006", () -> statement.execute(sql));
          assertRefused(sql, "25006", () -> statement.executeQuery(sql));
          assertRefused(sql, "25006", () -> statement.executeUpdate(sql));
          assertRefused(sql, "25006", () -> statement.executeLargeUpdate(sql));
          assertRefused(sql, "25006", () -> connection.prepareStatement(sql));
          statement.addBatch(sql);
          assertRefused(sql, "25006", statement::executeBatch);
        }
      }
      for (String sql : UNSUPPORTED) {
        try (Statement statement = connection.createStatement()) {
          assertRefused(sql, "0A000", () -> statement.execute(sql));
        }
      }
      assertRefused("prepareCall", "0A000", () -> connection.prepareCall("CALL some_procedure(1)"));
      assertEquals(List.of(List.of(3L)), ResultRows.of(connection, "SELECT COUNT(*) FROM events"), kind.name());
    }
    assertEquals(before, StoreContents.of(kind, source), kind + ": the store's rows are unchanged");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theConnectionIsReadOnlyAndStaysSo(Kind kind) throws Exception {
    final String source = EventStores.create(kind, List.of(new Event(1, 1_000L, "a")));
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      assertTrue(connection.isReadOnly());
      connection.setReadOnly(false);
      assertTrue(connection.isReadOnly(), "setReadOnly(false) is a hint FunnelSQL does not follow");
      assertTrue(connection.getMetaData().isReadOnly());
      try (Statement statement = connection.createStatement()) {
        assertRefused("after setReadOnly(false)", "25006", () -> statement.execute("DELETE FROM events"));
        assertTrue(statement.getConnection() == connection, "statements hand back the FunnelSQL connection");
      }
      assertTrue(connection.getMetaData().getConnection() == connection);
    }
  }
}
