package dev.funnelsql.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The generated data sets, cached under {@code <dir>/data/}: a DuckDB database per spec, made with
 * {@link EventGenerator}'s SQL, and the same table exported to CSV by DuckDB's {@code COPY … TO} for the stores that
 * load a file. A file is written under a temporary name and renamed when complete, so an interrupted run leaves no
 * half data set behind; an existing file is reused.
 */
final class GeneratedData {
  private final Path dir;
  private final Progress progress;

  GeneratedData(Path dir, Progress progress) {
    this.dir = dir.resolve("data");
    this.progress = progress;
  }

  /** The DuckDB database holding table {@code events} of {@code spec}, generated if not cached. */
  Path duckdb(DataSpec spec, LoadLog log) throws IOException, SQLException {
    final Path file = dir.resolve(spec.name() + ".duckdb");
    if (Files.exists(file)) {
      return file;
    }
    Files.createDirectories(dir);
    final Path partial = dir.resolve(spec.name() + ".duckdb.partial");
    Files.deleteIfExists(partial);
    Files.deleteIfExists(dir.resolve(spec.name() + ".duckdb.partial.wal"));
    progress.say("generating " + spec.label() + " events in DuckDB (" + spec.name() + ")");
    final long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + partial);
        Statement statement = connection.createStatement()) {
      statement.execute(EventGenerator.createTable("events"));
      statement.execute(EventGenerator.insert("events", spec));
      statement.execute("CHECKPOINT");
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    log.record(spec.label() + ": DuckDB generates the table with range() SQL", System.nanoTime() - start);
    return file;
  }

  /** A CSV file (header {@code user_id,ts,event_name}) of {@code spec}'s events, exported if not cached. */
  Path csv(DataSpec spec, LoadLog log) throws IOException, SQLException {
    final Path file = dir.resolve(spec.name() + ".csv");
    if (Files.exists(file)) {
      return file;
    }
    final Path database = duckdb(spec, log);
    final Path partial = dir.resolve(spec.name() + ".csv.partial");
    Files.deleteIfExists(partial);
    progress.say("exporting " + spec.label() + " events to CSV");
    final long start = System.nanoTime();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
        Statement statement = connection.createStatement()) {
      statement.execute("COPY events TO '" + partial.toAbsolutePath().toString().replace("'", "''")
          + "' (FORMAT csv, HEADER true)");
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    log.record(spec.label() + ": DuckDB exports it with COPY … TO csv", System.nanoTime() - start);
    return file;
  }
}
