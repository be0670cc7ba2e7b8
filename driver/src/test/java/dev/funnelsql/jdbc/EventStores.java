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
        statement.execute("CREATE TABLE " + schema + ".events (user_id BIGINT, ts TIMESTAMP, secs BIGINT, "
            + "event_name VARCHAR(16))");
      }
      load(connection, schema, events);
    }
    return kind == Kind.POSTGRES ? url + "&currentSchema=" + schema : url;
  }

  private static void load(Connection connection, String schema, List<Event> events) throws SQLException {
    final boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + schema
        + ".events (user_id, ts, secs, event_name) VALUES (?, ?, ?, ?)")) {
      for (Event event : events) {
        insert.setLong(1, event.userId());
        if (event.epochMillis() == null) {
          insert.setNull(2, Types.TIMESTAMP);
          insert.setNull(3, Types.BIGINT);
        } else {
          insert.setTimestamp(2, new Timestamp(event.epochMillis()));
          insert.setLong(3, Math.floorDiv(event.epochMillis(), 1000L));
        }
        if (event.name() == null) {
          insert.setNull(4, Types.VARCHAR);
        } else {
          insert.setString(4, event.name());
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
