package dev.funnelsql.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run by {@link SmallHeapTest} in a JVM with a small heap: generates a DuckDB store whose step rows do not fit that
 * heap, runs a funnel over all its users through {@code jdbc:funnelsql:} and prints the users per level.
 */
public final class SmallHeapFunnel {
  private SmallHeapFunnel() {
  }

  /** {@code args}: the DuckDB file, the number of users, step rows per user. */
  public static void main(String[] args) throws SQLException {
    final String store = "jdbc:duckdb:" + args[0];
    final long users = Long.parseLong(args[1]);
    final long perUser = Long.parseLong(args[2]);
    try (Connection duckdb = DriverManager.getConnection(store); Statement statement = duckdb.createStatement()) {
      statement.execute("CREATE TABLE events AS SELECT i % " + users + " AS user_id, TIMESTAMP '2026-11-01 00:00:00' "
          + "+ to_seconds(CAST(hash(i) % 86400 AS BIGINT)) AS ts, 'e' || CAST(hash(i * 7) % 3 AS VARCHAR) AS "
          + "event_name FROM range(" + users * perUser + ") t(i)");
    }
    final String sql = "SELECT reached, COUNT(*) FROM (SELECT user_id, FUNNEL_STEP(ts, INTERVAL '1' HOUR, "
        + "event_name = 'e0', event_name = 'e1', event_name = 'e2') AS reached FROM events GROUP BY user_id) t "
        + "GROUP BY reached ORDER BY reached";
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:url='" + store + "'");
        Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        System.out.println("level " + rows.getInt(1) + ": " + rows.getLong(2));
      }
    }
    System.out.println("max heap " + Runtime.getRuntime().maxMemory());
  }
}
