package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * H2 in-process with a FILE database per data set (its rows are on disk, not on the heap; its page cache is on the
 * heap and counts in the heap figures), loaded from the CSV with {@code CREATE TABLE … AS SELECT * FROM CSVREAD(…)},
 * indexed on {@code (user_id, event_name, ts)} for B2c and first-touch.
 */
final class H2Store extends EventStore {
  private final Path dir;

  H2Store(GeneratedData data, Progress progress, Path dir) {
    super(data, progress);
    this.dir = dir.resolve("data");
  }

  @Override
  StoreKind kind() {
    return StoreKind.H2;
  }

  /**
   * The database's URL. {@code OPTIMIZE_REUSE_RESULTS=FALSE}: H2 otherwise hands a repeated query on the same
   * session its previous result without running it, which would time nothing. {@code LAZY_QUERY_EXECUTION=TRUE}:
   * a large result streams instead of being written to a temporary file first (beyond {@code MAX_MEMORY_ROWS});
   * it halves the time to fetch the step rows, for FunnelSQL and the bare fetch alike.
   */
  private static String url(Path base) {
    return "jdbc:h2:file:" + base.toAbsolutePath().toString().replace('\\', '/')
        + ";OPTIMIZE_REUSE_RESULTS=FALSE;LAZY_QUERY_EXECUTION=TRUE";
  }

  @Override
  StoreData prepare(DataSpec spec, LoadLog log) throws IOException, SQLException {
    final Path base = dir.resolve("h2-" + spec.name());
    if (!Files.exists(dir.resolve("h2-" + spec.name() + ".mv.db"))) {
      final Path csv = data.csv(spec, log);
      final Path partial = dir.resolve("h2-" + spec.name() + "-partial");
      Files.deleteIfExists(dir.resolve("h2-" + spec.name() + "-partial.mv.db"));
      progress.say("loading " + spec.label() + " events into H2");
      try (Connection connection = DriverManager.getConnection(url(partial));
          Statement statement = connection.createStatement()) {
        timed(log, spec, "H2 loads it with CREATE TABLE … AS SELECT * FROM CSVREAD", () ->
            statement.execute("CREATE TABLE events (user_id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, "
                + "event_name VARCHAR(16) NOT NULL) AS SELECT * FROM CSVREAD('"
                + csv.toAbsolutePath().toString().replace("'", "''") + "')"));
        timed(log, spec, "H2 indexes (user_id, event_name, ts)", () ->
            statement.execute("CREATE INDEX events_user_event_ts ON events (user_id, event_name, ts)"));
        timed(log, spec, "H2 ANALYZE", () -> statement.execute("ANALYZE"));
        statement.execute("SHUTDOWN");
      }
      Files.move(dir.resolve("h2-" + spec.name() + "-partial.mv.db"), dir.resolve("h2-" + spec.name() + ".mv.db"),
          StandardCopyOption.ATOMIC_MOVE);
    }
    return new StoreData(kind(), spec, url(base), null, null);
  }

  @Override
  List<String> describe(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT H2VERSION(), (SELECT SETTING_VALUE FROM "
            + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CACHE_MAX_SIZE')")) {
      rows.next();
      return List.of("H2 " + rows.getString(1) + ", in-process, FILE database (rows on disk), page cache at most "
          + rows.getString(2) + " MB (on the benchmark's heap), URL settings "
          + "OPTIMIZE_REUSE_RESULTS=FALSE (no result reuse between runs) and LAZY_QUERY_EXECUTION=TRUE (large "
          + "results stream rather than spill to a temporary file)");
    }
  }
}
