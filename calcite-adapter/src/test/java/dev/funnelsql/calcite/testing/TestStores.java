package dev.funnelsql.calcite.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates real event stores holding one table: H2 in memory, DuckDB in a temporary file (a bare {@code jdbc:duckdb:}
 * would give each pooled connection its own empty database), a schema of one embedded PostgreSQL server that the
 * whole test run shares (started on first use, stopped when the JVM exits), a schema of the run's one Trino server, a
 * database of its one Spark and a database of its one ClickHouse.
 */
public final class TestStores {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  /** Rows per INSERT statement when loading a table (with a dozen columns, well within every store's limits). */
  private static final int ROWS_PER_INSERT = 500;
  private static EmbeddedPostgres postgres;
  private static Path duckDbDir;

  private TestStores() {
  }

  /**
   * Creates a fresh store of that kind holding one table.
   *
   * @param table the table's name
   * @param columns the column definitions, e.g. {@code "user_id BIGINT, ts TIMESTAMP"}
   * @param rows the rows, values as Long, Integer, Double, String, Timestamp, Date or null
   */
  public static Store create(StoreKind kind, String table, String columns, List<Object[]> rows) throws SQLException {
    final int id = COUNTER.incrementAndGet();
    final Store store;
    switch (kind) {
      case H2:
        store = new Store(kind, "jdbc:h2:mem:adapter" + id + ";DB_CLOSE_DELAY=-1", "PUBLIC");
        break;
      case DUCKDB:
        store = new Store(kind, "jdbc:duckdb:" + duckDbDir().resolve("adapter" + id + ".duckdb"), "main");
        break;
      case POSTGRES:
        store = new Store(kind, postgresUrl(), "s" + id);
        break;
      case TRINO:
        store = new Store(kind, TrinoServer.url(), "s" + id);
        TrinoTables.create(store, table, columns, rows);
        return store;
      case SPARK:
        store = new Store(kind, SparkServer.url(), "s" + id);
        SparkTables.create(store, table, columns, rows);
        return store;
      case CLICKHOUSE:
        store = new Store(kind, ClickHouseServer.url(), "s" + id);
        ClickHouseTables.create(store, table, columns, rows);
        return store;
      default:
        throw new AssertionError(kind);
    }
    try (Connection connection = DriverManager.getConnection(store.url(), store.credentials())) {
      try (Statement statement = connection.createStatement()) {
        if (kind == StoreKind.POSTGRES) {
          statement.execute("CREATE SCHEMA " + store.schema());
        }
        statement.execute("CREATE TABLE " + store.schema() + "." + table + " (" + columns + ")");
      }
      load(connection, store.schema() + "." + table, columns.split(",(?![^(]*\\))").length, rows);
    }
    return store;
  }

  /** The URL of the {@code postgres} database of the one embedded PostgreSQL server of this test run. */
  public static synchronized String postgresUrl() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      final EmbeddedPostgres server = postgres;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          server.close();
        } catch (IOException ignored) {
          // The JVM is exiting.
        }
      }));
    }
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  private static synchronized Path duckDbDir() {
    if (duckDbDir == null) {
      try {
        duckDbDir = Files.createTempDirectory("funnelsql-adapter-duckdb");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      duckDbDir.toFile().deleteOnExit();
    }
    return duckDbDir;
  }

  /**
   * Inserts the rows, many to a statement ({@code VALUES (…), (…), …}): DuckDB runs a batch of one-row inserts one
   * statement at a time, which made loading most of a DuckDB test's time.
   */
  private static void load(Connection connection, String table, int width, List<Object[]> rows)
      throws SQLException {
    connection.setAutoCommit(false);
    final int perStatement = Math.max(1, Math.min(ROWS_PER_INSERT, rows.size()));
    try (PreparedStatement full = insert(connection, table, width, perStatement)) {
      int at = 0;
      for (; at + perStatement <= rows.size(); at += perStatement) {
        bindRows(full, width, rows.subList(at, at + perStatement));
        full.executeUpdate();
      }
      if (at < rows.size()) {
        try (PreparedStatement rest = insert(connection, table, width, rows.size() - at)) {
          bindRows(rest, width, rows.subList(at, rows.size()));
          rest.executeUpdate();
        }
      }
    }
    connection.commit();
    connection.setAutoCommit(true);
  }

  private static PreparedStatement insert(Connection connection, String table, int width, int rowCount)
      throws SQLException {
    final String row = "(" + String.join(", ", Collections.nCopies(width, "?")) + ")";
    return connection.prepareStatement("INSERT INTO " + table + " VALUES "
        + String.join(", ", Collections.nCopies(rowCount, row)));
  }

  private static void bindRows(PreparedStatement insert, int width, List<Object[]> rows) throws SQLException {
    int index = 1;
    for (Object[] row : rows) {
      for (int i = 0; i < width; i++) {
        bind(insert, index++, row[i]);
      }
    }
  }

  private static void bind(PreparedStatement insert, int index, Object value) throws SQLException {
    if (value == null) {
      insert.setNull(index, Types.NULL);
    } else if (value instanceof Timestamp) {
      insert.setTimestamp(index, (Timestamp) value);
    } else if (value instanceof java.sql.Date) {
      insert.setDate(index, (java.sql.Date) value);
    } else if (value instanceof Long) {
      insert.setLong(index, (Long) value);
    } else if (value instanceof Integer) {
      insert.setInt(index, (Integer) value);
    } else if (value instanceof Double) {
      insert.setDouble(index, (Double) value);
    } else {
      insert.setString(index, value.toString());
    }
  }
}
