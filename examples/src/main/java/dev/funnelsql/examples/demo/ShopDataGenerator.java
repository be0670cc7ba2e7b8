package dev.funnelsql.examples.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Generates the reproducible e-commerce demo event store ({@code USERS}, {@code EVENTS}) into a DuckDB or H2 file
 * database, or reuses the one already there when it was generated with the same parameters.
 *
 * <p>Run it alone with {@code java ... ShopDataGenerator [--users N] [--days D] [--seed S] [--db PATH]}. The
 * parameters of a finished store are kept in its {@code DEMO_META} table; a store with other parameters, or one
 * whose generation was interrupted, is deleted and generated again. A file that is not a demo store is never
 * touched.
 *
 * <p>DuckDB is loaded through its appender. H2 is loaded with batched prepared statements (10,000 rows a batch, one
 * commit a batch) into tables whose indexes already exist. That was the fastest of the variants measured on H2:
 * building the indexes after loading was about 10% slower, and {@code INSERT ... SELECT FROM CSVREAD} over a
 * temporary CSV file more than twice as slow. Both stores get the same rows from the same seed.
 */
public final class ShopDataGenerator {

  /** Version of the data model; bump it whenever generated data changes, so that old stores are regenerated. */
  static final String GENERATOR_VERSION = "2";

  private static final String COMPLETE = "complete";

  private final DemoOptions options;
  private final PrintStream log;

  /**
   * Creates a generator that reports progress on {@code System.err}.
   *
   * @param options what to generate and where
   */
  public ShopDataGenerator(DemoOptions options) {
    this(options, System.err);
  }

  /**
   * Creates a generator.
   *
   * @param options what to generate and where
   * @param log where the progress bar and status lines go
   */
  public ShopDataGenerator(DemoOptions options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  /**
   * Summary of a generated or reused store.
   *
   * @param dbFile the database file
   * @param jdbcUrl plain JDBC URL of the store
   * @param users number of users
   * @param events number of events
   * @param reused whether an existing store was reused
   * @param seconds time spent
   */
  public record Result(Path dbFile, String jdbcUrl, long users, long events, boolean reused, double seconds) {
    /** @return events per second of this run (0 when reused) */
    public double eventsPerSecond() {
      return reused || seconds <= 0 ? 0 : events / seconds;
    }
  }

  /**
   * Command-line entry point: generates (or reuses) the store described by the flags.
   *
   * @param args {@link DemoOptions#USAGE}
   * @throws Exception when generation fails
   */
  public static void main(String[] args) throws Exception {
    new ShopDataGenerator(DemoOptions.parse(args)).generateOrReuse();
  }

  /**
   * Reuses the store if it exists with the same parameters, otherwise generates it.
   *
   * @return what was done
   * @throws SQLException on a database error
   * @throws IOException when old files cannot be deleted
   * @throws IllegalStateException when the path holds a database that is not a demo store
   */
  public Result generateOrReuse() throws SQLException, IOException {
    Path file = options.dbFile();
    if (Files.exists(file)) {
      String reason = inspect();
      if (reason == null) {
        return reuse();
      }
      log.println("Regenerating demo store " + file + ": " + reason);
      deleteFiles();
    }
    return generate();
  }

  /**
   * Generates the store, replacing a previous demo store at the same path.
   *
   * @return what was done
   * @throws SQLException on a database error
   * @throws IOException when old files cannot be deleted
   * @throws IllegalStateException when the path holds a database that is not a demo store
   */
  public Result generate() throws SQLException, IOException {
    Path file = options.dbFile();
    if (Files.exists(file)) {
      inspect();
      deleteFiles();
    }
    Files.createDirectories(file.getParent());
    ProgressBar bar = new ProgressBar(log);
    long events;
    try (Connection c = DriverManager.getConnection(options.jdbcUrl())) {
      createSchema(c, options.store());
      writeMeta(c, "generating", 0);
      long users = options.users();
      try (StoreLoader loader = options.store().loader(c)) {
        ShopSimulation simulation = new ShopSimulation(options, loader);
        events = simulation.run((done, emitted) -> {
          if ((done & 0xFF) == 0) {
            bar.update((double) done / users, emitted, "");
          }
        });
        loader.flush();
        bar.force(1.0, events, "");
      }
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute(options.store().finish());
      }
      writeMeta(c, COMPLETE, events);
    }
    double seconds = bar.elapsedSeconds();
    bar.finish(String.format(Locale.ROOT, "Generated %,d users and %,d events in %.1f s (%s ev/s) into %s",
        options.users(), events, seconds, ProgressBar.human((long) (events / seconds)), file));
    return new Result(file, options.jdbcUrl(), options.users(), events, false, seconds);
  }

  private Result reuse() throws SQLException {
    long start = System.nanoTime();
    Map<String, String> meta;
    try (Connection c = openExisting()) {
      meta = readMeta(c);
    }
    long events = Long.parseLong(meta.get("events"));
    log.printf(Locale.ROOT, "Reusing demo store %s (%,d users, %,d events, %d days to %s, seed %d)%n",
        options.dbFile(), options.users(), events, options.days(), options.endDate(), options.seed());
    return new Result(options.dbFile(), options.jdbcUrl(), options.users(), events, true,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Checks the existing file: returns null when it is a complete store with our parameters, otherwise why it must
   * be regenerated.
   *
   * @throws IllegalStateException when it is not a demo store at all
   */
  private String inspect() throws SQLException {
    try (Connection c = openExisting()) {
      if (!tableExists(c, "demo_meta")) {
        if (hasUserTables(c, options.store())) {
          throw new IllegalStateException(options.dbFile() + " exists and is not a FunnelSQL demo store"
              + " (no DEMO_META table); refusing to overwrite it, choose another --db");
        }
        return "empty database";
      }
      Map<String, String> meta = readMeta(c);
      Map<String, String> wanted = parameters();
      if (!COMPLETE.equals(meta.get("status"))) {
        return "previous generation did not finish";
      }
      for (Map.Entry<String, String> e : wanted.entrySet()) {
        if (!e.getValue().equals(meta.get(e.getKey()))) {
          return e.getKey() + " was " + meta.get(e.getKey()) + ", now " + e.getValue();
        }
      }
      return null;
    }
  }

  private Map<String, String> parameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("generator_version", GENERATOR_VERSION);
    p.put("users", Integer.toString(options.users()));
    p.put("days", Integer.toString(options.days()));
    p.put("seed", Long.toString(options.seed()));
    p.put("end_date", options.endDate().toString());
    return p;
  }

  private void deleteFiles() throws IOException {
    for (Path each : options.store().files(options.dbBasePath())) {
      Files.deleteIfExists(each);
    }
  }

  /**
   * Opens the store's existing file to read it: H2 is told not to create one, DuckDB opens it read-only, so a
   * reused store can be read while a FunnelSQL server has it open too. The callers checked that the file exists.
   */
  private Connection openExisting() throws SQLException {
    String url = options.jdbcUrl();
    if (options.store() == DemoStore.H2) {
      return DriverManager.getConnection(url + ";IFEXISTS=TRUE");
    }
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection(url, readOnly);
  }

  private static void createSchema(Connection c, DemoStore store) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE demo_meta (name VARCHAR(64) NOT NULL, val VARCHAR(255))");
      s.execute("CREATE TABLE users (user_id BIGINT NOT NULL, signup_time TIMESTAMP,"
          + " acquisition_source VARCHAR(32), plan VARCHAR(16), country VARCHAR(2))");
      s.execute("CREATE TABLE events (event_id BIGINT NOT NULL, user_id BIGINT, event_time TIMESTAMP,"
          + " event_name VARCHAR(32), session_id BIGINT, product_id INT, revenue DECIMAL(10,2),"
          + " acquisition_source VARCHAR(32), account_id BIGINT)");
      for (String index : store.indexes()) {
        s.execute(index);
      }
    }
  }

  private void writeMeta(Connection c, String status, long events) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement();
         PreparedStatement insert = c.prepareStatement("INSERT INTO demo_meta (name, val) VALUES (?, ?)")) {
      s.execute("DELETE FROM demo_meta");
      Map<String, String> rows = parameters();
      rows.put("status", status);
      rows.put("events", Long.toString(events));
      for (Map.Entry<String, String> e : rows.entrySet()) {
        insert.setString(1, e.getKey());
        insert.setString(2, e.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  private static Map<String, String> readMeta(Connection c) throws SQLException {
    Map<String, String> meta = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name, val FROM demo_meta")) {
      while (rs.next()) {
        meta.put(rs.getString(1), rs.getString(2));
      }
    }
    return meta;
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    return count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ?", table) > 0;
  }

  private static boolean hasUserTables(Connection c, DemoStore store) throws SQLException {
    return count(c, "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_schema) = ?",
        store.schema()) > 0;
  }

  private static long count(Connection c, String sql, String parameter) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
