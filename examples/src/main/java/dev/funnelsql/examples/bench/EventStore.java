package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One kind of event store in a benchmark run: it loads data sets (or finds them loaded by an earlier run), says
 * what it is (version and the settings that matter), and is closed at the end of its turn (stores never run in
 * parallel: the machine has two cores).
 */
abstract class EventStore implements AutoCloseable {
  /** The data sets, generated once by DuckDB; stores that load a file take its CSV. */
  protected final GeneratedData data;
  /** Progress lines. */
  protected final Progress progress;

  EventStore(GeneratedData data, Progress progress) {
    this.data = data;
    this.progress = progress;
  }

  /** Creates the store of that kind. */
  static EventStore of(StoreKind kind, GeneratedData data, Progress progress, java.nio.file.Path dir) {
    switch (kind) {
      case DUCKDB:
        return new DuckDbStore(data, progress);
      case H2:
        return new H2Store(data, progress, dir);
      default:
        return new PostgresStore(data, progress, dir);
    }
  }

  /** The kind. */
  abstract StoreKind kind();

  /** Makes {@code spec}'s data available, loading it if no earlier run did; loads are logged in {@code log}. */
  abstract StoreData prepare(DataSpec spec, LoadLog log) throws IOException, SQLException;

  /** The store's version and the settings that matter for the figures, one line each. */
  abstract List<String> describe(Connection connection) throws SQLException;

  /** A timed data-preparation step, logged with the data's size. */
  protected static void timed(LoadLog log, DataSpec spec, String what, SqlStep step) throws SQLException {
    final long start = System.nanoTime();
    step.run();
    log.record(spec.label() + ": " + what, System.nanoTime() - start);
  }

  /** A step that may fail with a {@link SQLException}. */
  @FunctionalInterface
  protected interface SqlStep {
    /** Runs the step. */
    void run() throws SQLException;
  }

  @Override
  public void close() throws IOException {
    // Nothing by default.
  }
}
