package dev.funnelsql.examples.demo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * The embedded database the demo's shop store is written to: DuckDB by default, whose scans answer every demo card
 * in about a second, or H2 ({@code --store h2}), which FunnelSQL also serves and tests but which takes seconds per card
 * at the demo's size.
 */
public enum DemoStore {
  /** A DuckDB database file, {@code <base>.duckdb}, loaded through DuckDB's appender. */
  DUCKDB(".duckdb", List.of(".duckdb", ".duckdb.wal"), "main", "jdbc:duckdb:") {
    @Override StoreLoader loader(Connection connection) throws SQLException {
      return new DuckDbAppenderLoader(connection);
    }

    @Override List<String> indexes() {
      // DuckDB's zone maps serve the scans the demo runs; keys and ART indexes only slow the load.
      return List.of();
    }

    @Override String finish() {
      // Folds the write-ahead log into the file, so a read-only connection opens it without replaying it.
      return "CHECKPOINT";
    }
  },
  /** An H2 database file, {@code <base>.mv.db}, loaded with batched inserts into indexed tables. */
  H2(".mv.db", List.of(".mv.db", ".trace.db", ".lock.db"), "public", "jdbc:h2:file:") {
    @Override StoreLoader loader(Connection connection) throws SQLException {
      return new H2BatchLoader(connection);
    }

    @Override List<String> indexes() {
      // Rows arrive ordered by user and time, so maintaining the indexes while loading is cheaper than building
      // them afterwards (measured: about 10% faster overall on the default store).
      return List.of("ALTER TABLE demo_meta ADD PRIMARY KEY (name)", "ALTER TABLE users ADD PRIMARY KEY (user_id)",
          "ALTER TABLE events ADD PRIMARY KEY (event_id)",
          "CREATE INDEX events_user_time ON events(user_id, event_time)",
          "CREATE INDEX events_name ON events(event_name)");
    }

    @Override String finish() {
      return "ANALYZE";
    }
  };

  private final String suffix;
  private final List<String> files;
  private final String schema;
  private final String urlPrefix;

  DemoStore(String suffix, List<String> files, String schema, String urlPrefix) {
    this.suffix = suffix;
    this.files = files;
    this.schema = schema;
    this.urlPrefix = urlPrefix;
  }

  /**
   * Returns the store named by a {@code --store} value.
   *
   * @param name {@code duckdb} or {@code h2}, in any case
   * @return the store
   * @throws IllegalArgumentException for any other name
   */
  public static DemoStore named(String name) {
    for (DemoStore store : values()) {
      if (store.label().equals(name.toLowerCase(Locale.ROOT))) {
        return store;
      }
    }
    throw new IllegalArgumentException("unknown store '" + name + "' (duckdb or h2)");
  }

  /** @return the name used in {@code --store}, lower case */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the database file of a base path.
   *
   * @param base the absolute base path, without suffix
   * @return {@code <base>.duckdb} or {@code <base>.mv.db}
   */
  public Path file(Path base) {
    return base.resolveSibling(base.getFileName() + suffix);
  }

  /**
   * Returns every file the database may leave at a base path (data, log, lock), for deleting an old store.
   *
   * @param base the absolute base path, without suffix
   * @return the files, the data file first
   */
  public List<Path> files(Path base) {
    return files.stream().map(s -> base.resolveSibling(base.getFileName() + s)).toList();
  }

  /**
   * Returns the plain JDBC URL of the store at a base path.
   *
   * @param base the absolute base path, without suffix
   * @return {@code jdbc:duckdb:<base>.duckdb} or {@code jdbc:h2:file:<base>}
   */
  public String url(Path base) {
    Path target = this == H2 ? base : file(base);
    return urlPrefix + target.toString().replace('\\', '/');
  }

  /** @return the schema the demo's tables are created in, lower case */
  public String schema() {
    return schema;
  }

  /** @return the file suffix that {@code --db} may end with and is then dropped */
  String suffix() {
    return suffix;
  }

  /**
   * Returns the sink that loads the simulation's rows over a connection to this store.
   *
   * @param connection a connection to the store being generated
   * @return the loader
   * @throws SQLException when the loader cannot be prepared
   */
  abstract StoreLoader loader(Connection connection) throws SQLException;

  /** @return the key and index statements run before loading */
  abstract List<String> indexes();

  /** @return the statement run after loading (statistics or a checkpoint) */
  abstract String finish();
}
