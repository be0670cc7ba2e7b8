package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.testing.TestStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real stores the dialect tests connect to: H2 and DuckDB in-process, and one embedded PostgreSQL server shared
 * by the whole test run (started on first use, stopped when the JVM exits).
 */
final class RealStores {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private RealStores() {
  }

  /** The URL of a fresh in-memory H2 database. */
  static String h2() {
    return "jdbc:h2:mem:store" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
  }

  /** The URL of a fresh DuckDB database file. */
  static String duckDbFile() {
    try {
      final Path dir = Files.createTempDirectory("funnelsql-store");
      dir.toFile().deleteOnExit();
      return "jdbc:duckdb:" + dir.resolve("events" + COUNTER.incrementAndGet() + ".duckdb");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The URL of the shared PostgreSQL server's {@code postgres} database (the run's one server). */
  static String postgres() {
    return TestStores.postgresUrl();
  }

  /** The credentials of a store's URL: PostgreSQL's superuser, else none. */
  static Properties credentials(String url) {
    final Properties credentials = new Properties();
    if (url.startsWith("jdbc:postgresql:")) {
      credentials.setProperty("user", "postgres");
      credentials.setProperty("password", "postgres");
    }
    return credentials;
  }

  /** Creates a fresh database in the ClickHouse at {@code url} and returns its name. */
  static String clickHouseDatabase(String url) throws SQLException {
    final String database = "d_" + COUNTER.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    return database;
  }

  /** Creates (or replaces) a one-row table {@code t_<suffix>} in the store and returns its name. */
  static String createTable(String url) throws SQLException {
    final String table = "t_" + COUNTER.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(url, credentials(url));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE " + table + " (id INTEGER)" + (url.startsWith("jdbc:clickhouse:")
          ? " ENGINE = Memory" : ""));
      statement.execute("INSERT INTO " + table + " VALUES (1)");
    }
    return table;
  }
}
