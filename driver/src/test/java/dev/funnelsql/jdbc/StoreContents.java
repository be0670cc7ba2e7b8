package dev.funnelsql.jdbc;

import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * What a test store's events table holds, read directly from the store (not through FunnelSQL): its row count and a
 * checksum over every value in a fixed order, so a test can show that nothing changed.
 *
 * @param rows the number of rows
 * @param checksum a hash of all rows in order
 */
record StoreContents(long rows, long checksum) {
  static StoreContents of(Kind kind, String sourceUrl) throws SQLException {
    try (Connection connection = kind == Kind.POSTGRES
        ? DriverManager.getConnection(sourceUrl, "postgres", "postgres") : DriverManager.getConnection(sourceUrl);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT user_id, ts, secs, event_name FROM events "
            + "ORDER BY user_id, ts NULLS FIRST, event_name NULLS FIRST")) {
      long count = 0;
      long checksum = 17;
      while (rows.next()) {
        count++;
        checksum = 31 * checksum + Objects.hash(rows.getLong(1), rows.getTimestamp(2), rows.getObject(3),
            rows.getString(4));
      }
      return new StoreContents(count, checksum);
    }
  }
}
