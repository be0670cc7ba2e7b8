package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.source.SourcePool;
import dev.funnelsql.calcite.testing.ClickHouseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

/** The read-only setup each dialect gives the pool makes the store itself refuse a write. */
class ReadOnlySetupTest {
  /** Opens a pool the dialect's way and tries to write through it. */
  private static SQLException writeRefused(String url, String table, StoreDialect dialect) throws SQLException {
    final BasicDataSource pool = SourcePool.open(url, RealStores.credentials(url), dialect);
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      assertTrue(connection.isReadOnly() || !dialect.readOnlySetup(url).setReadOnly());
      return assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO " + table + " VALUES (2)"));
    } finally {
      pool.close();
    }
  }

  @Test
  void postgresSessionsAreReadOnlyEvenInAutocommit() throws Exception {
    final String url = RealStores.postgres();
    final SQLException e = writeRefused(url, RealStores.createTable(url), new PostgresStoreDialect());
    assertEquals("25006", e.getSQLState(), e.getMessage());
  }

  @Test
  void aDuckDbFileIsOpenedReadOnly() throws Exception {
    final String url = RealStores.duckDbFile();
    final SQLException e = writeRefused(url, RealStores.createTable(url), new DuckDbStoreDialect());
    assertTrue(e.getMessage().contains("read-only mode"), e.getMessage());
  }

  @Test
  void anInMemoryDuckDbIsNotAskedToBeReadOnlyWhichDuckDbRefuses() {
    assertEquals(new ReadOnlySetup(Map.of(), false), new DuckDbStoreDialect().readOnlySetup("jdbc:duckdb:"));
    assertEquals(new ReadOnlySetup(Map.of(), false),
        new DuckDbStoreDialect().readOnlySetup("jdbc:duckdb::memory:events"));
  }

  @Test
  void h2ConnectionsAreReadOnlyAndAnAccessModeReadFileRefusesWrites() throws Exception {
    final Path dir = Files.createTempDirectory("funnelsql-h2");
    final String url = "jdbc:h2:file:" + dir.resolve("events");
    final String table = RealStores.createTable(url);
    final SQLException e = writeRefused(url + ";ACCESS_MODE_DATA=r", table, new H2StoreDialect());
    assertTrue(e.getMessage().contains("read only"), e.getMessage());
  }

  /** ClickHouse itself refuses the write: its {@code readonly} setting, sent by the driver with every statement. */
  @Test
  void clickHouseConnectionsRunInItsReadOnlyMode() throws Exception {
    final String url = ClickHouseServer.url();
    final String database = RealStores.clickHouseDatabase(url);
    final SQLException e = writeRefused(url, database + "." + RealStores.createTable(url.replace("/default?",
        "/" + database + "?")), new ClickHouseStoreDialect());
    assertTrue(e.getMessage().contains("Code: 164.") && e.getMessage().contains("READONLY"), e.getMessage());
  }

  @Test
  void anyOtherStoreIsAskedForReadOnlyConnections() {
    assertEquals(ReadOnlySetup.DRIVER_READ_ONLY, GenericStoreDialect.INSTANCE.readOnlySetup("jdbc:mysql://h/db"));
  }
}
