package dev.funnelsql.calcite.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The store's catalog answers ({@code getTables}, {@code getColumns}) are shared by connections of the same store and
 * credentials for the kept time, each caller reading its own copy, and never shared between different credentials.
 */
class StoreMetadataTest {
  private static List<String> tables(DatabaseMetaData metaData) throws SQLException {
    final List<String> names = new ArrayList<>();
    try (ResultSet tables = metaData.getTables(null, "PUBLIC", null, new String[] {"TABLE"})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  private static List<String> columns(DatabaseMetaData metaData) throws SQLException {
    final List<String> names = new ArrayList<>();
    try (ResultSet columns = metaData.getColumns(null, "PUBLIC", "EVENTS", null)) {
      while (columns.next()) {
        names.add(columns.getString(4) + " " + columns.getInt(5));
      }
    }
    return names;
  }

  private static Properties credentials(String user, String password) {
    final Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    return properties;
  }

  @Test
  void answersAreSharedWithinTheKeptTimeAndOnlyBetweenTheSameCredentials() throws Exception {
    final String url = "jdbc:h2:mem:store_metadata_test;DB_CLOSE_DELAY=-1";
    final AtomicLong now = new AtomicLong();
    final StoreMetadata metadata = new StoreMetadata(1_000, now::get);
    final String analyst = StoreMetadata.identity(url, credentials("sa", "secret"));
    final String other = StoreMetadata.identity(url, credentials("sa", "other secret"));
    assertNotEquals(analyst, other);
    try (Connection store = DriverManager.getConnection(url, "sa", "");
         Statement statement = store.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP)");
      final DatabaseMetaData first = metadata.of(analyst, store.getMetaData());
      assertEquals(List.of("EVENTS"), tables(first));
      assertEquals(List.of("USER_ID -5", "TS 93"), columns(first));

      statement.execute("CREATE TABLE orders (id BIGINT)");
      statement.execute("ALTER TABLE events ADD COLUMN event_name VARCHAR");
      final DatabaseMetaData second = metadata.of(analyst, store.getMetaData());
      assertEquals(List.of("EVENTS"), tables(second), "the same store and credentials: the kept answer");
      assertEquals(List.of("EVENTS"), tables(second), "each call reads its own copy of it");
      assertEquals(List.of("USER_ID -5", "TS 93"), columns(second));
      assertEquals(List.of("EVENTS", "ORDERS"), tables(metadata.of(other, store.getMetaData())),
          "other credentials never read another's answers");

      now.addAndGet(1_000_000_000L);
      assertEquals(List.of("EVENTS", "ORDERS"), tables(second), "read again once the kept time has passed");
      assertEquals(List.of("USER_ID -5", "TS 93", "EVENT_NAME 12"), columns(second));
      statement.execute("DROP ALL OBJECTS");
    }
  }
}
