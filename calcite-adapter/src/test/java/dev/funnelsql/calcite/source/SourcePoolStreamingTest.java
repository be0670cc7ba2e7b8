package dev.funnelsql.calcite.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

/**
 * The pool's DuckDB connections stream their results (DuckDB computes the rows as they are read, and then refuses
 * another query on the connection until the open one is drained), and a DuckDB file that a connection in the same
 * process has open with another configuration is still opened, its results then held whole by the driver.
 */
class SourcePoolStreamingTest {
  private static final String MANY_ROWS = "SELECT * FROM range(1000000)";

  @Test
  void duckDbResultsStreamWhileTheyAreRead() throws Exception {
    final Store store = TestStores.create(StoreKind.DUCKDB, "events", "user_id BIGINT", List.of());
    final BasicDataSource pool = SourcePool.open(store.url(), store.credentials());
    try (Connection connection = pool.getConnection(); Statement first = connection.createStatement();
        ResultSet rows = first.executeQuery(MANY_ROWS); Statement second = connection.createStatement()) {
      assertTrue(rows.next());
      final SQLException e = assertThrows(SQLException.class, () -> second.executeQuery("SELECT 1"));
      assertTrue(e.getMessage().contains("open result"), e.getMessage());
    } finally {
      SourcePool.closeQuietly(pool);
    }
  }

  @Test
  void aDuckDbFileOpenWithAnotherConfigurationInThisProcessIsOpenedWithResultsHeldWhole() throws Exception {
    final Store store = TestStores.create(StoreKind.DUCKDB, "events", "user_id BIGINT", List.of());
    try (Connection writer = DriverManager.getConnection(store.url())) {
      final BasicDataSource pool = SourcePool.open(store.url(), store.credentials());
      try (Connection connection = pool.getConnection(); Statement first = connection.createStatement();
          ResultSet rows = first.executeQuery(MANY_ROWS); Statement second = connection.createStatement()) {
        assertTrue(rows.next());
        try (ResultSet one = second.executeQuery("SELECT 1")) {
          assertTrue(one.next());
        }
        long count = 1;
        while (rows.next()) {
          count++;
        }
        assertEquals(1_000_000L, count);
      } finally {
        SourcePool.closeQuietly(pool);
      }
      try (Statement write = writer.createStatement()) {
        assertEquals(1, write.executeUpdate("INSERT INTO events VALUES (1)"), "the other connection still writes");
      }
    }
  }
}
