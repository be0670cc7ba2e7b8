package dev.funnelsql.jdbc;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real event stores the end-to-end tests run against: H2 and DuckDB in-process and one embedded PostgreSQL
 * server shared by the whole test run (started on first use, stopped when the JVM exits).
 */
final class EventStores {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres postgres;

  private EventStores() {
  }

  /** The kinds of store. */
  enum Kind { H2, DUCKDB, POSTGRES }

  /** One row of the test events table; null fields are SQL NULLs. */
  record Event(long userId, Long epochMillis, String name) {
  }

  static synchronized String postgresUrl() {
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

  /** Creates a fresh store of that kind holding {@code events} in table EVENTS; returns its JDBC URL. */
  static String create(Kind kind, List<Event> events) throws SQLException {
    final List<Object[]> rows = new ArrayList<>();
    for (Event event : events) {
      final Long millis = event.epochMillis();
      rows.add(new Object[] {event.userId(), millis == null ? null : new Timestamp(millis),
          millis == null ? null : Math.floorDiv(millis, 1000L), event.name()});
    }
    return create(kind, "events", "user_id BIGINT, ts TIMESTAMP, secs BIGINT, event_name VARCHAR(16)", rows);
  }

  /**
   * Creates a fresh store of that kind holding one table; returns its JDBC URL.
   *
   * @param columns the column definitions, e.g. {@code "user_id BIGINT, ts TIMESTAMP"}
   * @param rows the rows, values as Long, String, Timestamp, Date or null
   */
  static String create(Kind kind, String table, String columns, List<Object[]> rows) throws SQLException {
    final int id = COUNTER.incrementAndGet();
    final String url;
    final String schema;
    switch (kind) {
      case H2:
        url = "jdbc:h2:mem:events" + id + ";DB_CLOSE_DELAY=-1";
        schema = "PUBLIC";
        break;
      case DUCKDB:
        url = "jdbc:duckdb:" + tempDir().resolve("events" + id + ".duckdb");
        schema = "main";
        break;
      case POSTGRES:
        url = postgresUrl();
        schema = "s" + id;
        break;
      default:
        throw new AssertionError(kind);
    }
    try (Connection connection = kind == Kind.POSTGRES
        ? DriverManager.getConnection(url, "postgres", "postgres") : DriverManager.getConnection(url)) {
      try (Statement statement = connection.createStatement()) {
        if (kind == Kind.POSTGRES) {
          statement.execute("CREATE SCHEMA " + schema);
        }
        statement.execute("CREATE TABLE " + schema + "." + table + " (" + columns + ")");
      }
      load(connection, schema + "." + table, columns.split(",").length, rows);
    }
    return kind == Kind.POSTGRES ? url + "&currentSchema=" + schema : url;
  }

  private static void load(Connection connection, String table, int width, List<Object[]> rows)
      throws SQLException {
    final boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    final String marks = String.join(", ", java.util.Collections.nCopies(width, "?"));
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (Object[] row : rows) {
        for (int i = 0; i < width; i++) {
          final Object value = row[i];
          if (value == null) {
            insert.setNull(i + 1, Types.NULL);
          } else if (value instanceof Timestamp) {
            insert.setTimestamp(i + 1, (Timestamp) value);
          } else if (value instanceof java.sql.Date) {
            insert.setDate(i + 1, (java.sql.Date) value);
          } else if (value instanceof Long) {
            insert.setLong(i + 1, (Long) value);
          } else {
            insert.setString(i + 1, value.toString());
          }
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
    connection.commit();
    connection.setAutoCommit(autoCommit);
  }

  private static Path tempDir() {
    try {
      final Path dir = Files.createTempDirectory("funnelsql-duckdb");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The events of each user, in input order, users in id order. */
  static Map<Long, List<Event>> byUser(List<Event> events) {
    final Map<Long, List<Event>> byUser = new TreeMap<>();
    events.forEach(event -> byUser.computeIfAbsent(event.userId(), k -> new ArrayList<>()).add(event));
    return byUser;
  }

  /** The {@code jdbc:funnelsql:} URL over a store. */
  static String funnelUrl(Kind kind, String sourceUrl) {
    final String credentials = kind == Kind.POSTGRES ? ";user=postgres;password=postgres" : "";
    return FunnelDriver.PREFIX + "url='" + sourceUrl + "'" + credentials;
  }
}
