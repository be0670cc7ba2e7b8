package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.source.SourcePool;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second line of defence: the connections FunnelSQL opens to the store are read-only at the store itself where
 * its driver allows, so even a write that got past FunnelSQL's own refusal would be refused by the store.
 */
class SourceReadOnlyTest {
  private static final List<Event> EVENTS = List.of(new Event(1, 1_000L, "a"), new Event(2, 2_000L, "b"));

  @TempDir
  static Path dir;

  private static Properties postgresCredentials() {
    final Properties credentials = new Properties();
    credentials.setProperty("user", "postgres");
    credentials.setProperty("password", "postgres");
    return credentials;
  }

  private static SQLException writeThrough(BasicDataSource pool) throws SQLException {
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      return assertThrows(SQLException.class,
          () -> statement.executeUpdate("INSERT INTO events (user_id, event_name) VALUES (3, 'x')"));
    } finally {
      pool.close();
    }
  }

  @Test
  void postgresRefusesWritesOnFunnelSqlsConnectionsEvenInAutoCommit() throws Exception {
    final String url = EventStores.create(Kind.POSTGRES, EVENTS);
    final SQLException e = writeThrough(SourcePool.open(url, postgresCredentials()));
    assertEquals("25006", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("read-only transaction"), e.getMessage());
    assertEquals(2, StoreContents.of(Kind.POSTGRES, url).rows());
  }

  @Test
  void duckDbOpensTheFileReadOnly() throws Exception {
    final String url = EventStores.create(Kind.DUCKDB, EVENTS);
    final SQLException e = writeThrough(SourcePool.open(url, new Properties()));
    assertTrue(e.getMessage().contains("read-only mode"), e.getMessage());
    assertEquals(2, StoreContents.of(Kind.DUCKDB, url).rows());
  }

  @Test
  void duckDbFileOpenReadWriteInThisProcessIsOpenedTheSameWayAndWritesAreStillRefusedByFunnelSql()
      throws Exception {
    final String url = EventStores.create(Kind.DUCKDB, EVENTS);
    try (Connection writer = DriverManager.getConnection(url);
        Connection funnel = DriverManager.getConnection(EventStores.funnelUrl(Kind.DUCKDB, url))) {
      assertEquals(List.of(List.of(2L)), ResultRows.of(funnel, "SELECT COUNT(*) FROM events"));
      final SQLException e = assertThrows(SQLException.class, () -> ResultRows.of(funnel, "DELETE FROM events"));
      assertEquals("25006", e.getSQLState());
      assertFalse(writer.isReadOnly());
    }
  }

  @Test
  void aDuckDbFileFunnelSqlHasOpenCannotBeOpenedReadWriteInTheSameProcess() throws Exception {
    final String url = EventStores.create(Kind.DUCKDB, EVENTS);
    try (Connection funnel = DriverManager.getConnection(EventStores.funnelUrl(Kind.DUCKDB, url))) {
      assertEquals(List.of(List.of(2L)), ResultRows.of(funnel, "SELECT COUNT(*) FROM events"));
      final SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url).close());
      assertTrue(e.getMessage().contains("different configuration"), e.getMessage());
    }
  }

  @Test
  void h2TakesReadOnlyAsAHintUnlessTheUrlSaysAccessModeDataR() throws Exception {
    final String file = dir.resolve("events").toString();
    try (Connection setup = DriverManager.getConnection("jdbc:h2:file:" + file);
        Statement statement = setup.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events VALUES (1, 'a')");
    }
    final SQLException e = writeThrough(SourcePool.open("jdbc:h2:file:" + file + ";ACCESS_MODE_DATA=r",
        new Properties()));
    assertTrue(e.getMessage().contains("read only"), e.getMessage());
    final BasicDataSource hinted = SourcePool.open("jdbc:h2:file:" + file, new Properties());
    try (Connection connection = hinted.getConnection()) {
      assertTrue(hinted.getDefaultReadOnly(), "H2 is asked for read-only connections");
    } finally {
      hinted.close();
    }
  }
}
