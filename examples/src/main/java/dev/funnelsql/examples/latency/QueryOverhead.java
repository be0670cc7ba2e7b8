package dev.funnelsql.examples.latency;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * Measures the per-query overhead a dashboard sees on a small virtual table ({@code funnels.checkout_chart} over a
 * 2,000-event H2 store): the first query of the JVM, the same SQL again through a new {@code Statement} (the
 * connection's plan cache, with the result cache off), a reused {@code PreparedStatement}, and a new SQL text each
 * time (a new {@code LIMIT}, which never becomes a shared plan's parameter: full planning), beside the store's own
 * time for a comparable query; then the same card answered again from the shared result cache, on that store and on
 * a 200,000-event one. Run: {@code mvn -q -Platency -DskipTests package}.
 */
public final class QueryOverhead {
  private static final String MODEL = """
      source: { url: "%s" }
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        checkout:
          window: 7d
          steps:
            - { name: Viewed, when: "event_name = 'view'" }
            - { name: Added to cart, when: "event_name = 'cart'" }
            - { name: Paid, when: "event_name = 'pay'" }
      """;
  private static final String CHART = "SELECT step_label, users FROM funnels.checkout_chart";

  private QueryOverhead() {
  }

  /** Runs the measurement and prints a table; {@code --repeats N} sets how many times each kind is timed. */
  public static void main(String[] args) throws Exception {
    final int repeats = args.length == 2 && args[0].equals("--repeats") ? Integer.parseInt(args[1]) : 200;
    final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    run(repeats, out);
    cardAgain(repeats, 200_000, out);
  }

  /** Measures with {@code repeats} timings per kind and prints the medians to {@code out}. */
  static void run(int repeats, PrintStream out) throws SQLException, IOException {
    final String store = "jdbc:h2:mem:overhead" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (Connection h2 = DriverManager.getConnection(store)) {
      final Path model = storeAndModel(h2, store, 2_000);
      final long connectStart = System.nanoTime();
      try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model + ";cache.ttl=0")) {
        final double connect = millis(System.nanoTime() - connectStart);
        final long firstStart = System.nanoTime();
        final int steps = count(connection, CHART);
        final double first = millis(System.nanoTime() - firstStart);
        final double[] cached = new double[repeats];
        final double[] prepared = new double[repeats];
        final double[] planned = new double[repeats];
        final double[] storeOnly = new double[repeats];
        try (PreparedStatement reused = connection.prepareStatement(CHART)) {
          for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            count(connection, CHART);
            cached[i] = millis(System.nanoTime() - start);
            start = System.nanoTime();
            try (ResultSet rows = reused.executeQuery()) {
              while (rows.next()) {
                rows.getString(1);
              }
            }
            prepared[i] = millis(System.nanoTime() - start);
            start = System.nanoTime();
            count(connection, CHART + " LIMIT " + (i + 1_000_000));
            planned[i] = millis(System.nanoTime() - start);
            start = System.nanoTime();
            count(h2, "SELECT event_name, COUNT(DISTINCT user_id) FROM events WHERE event_name IN ('view', 'cart', "
                + "'pay') GROUP BY event_name");
            storeOnly[i] = millis(System.nanoTime() - start);
          }
        }
        out.printf("Per-query time of a small virtual-table query (%s, %d steps, 2,000 events), median of %d:%n",
            CHART, steps, repeats);
        out.printf("  connect (model load and validation)        %8.1f ms%n", connect);
        out.printf("  first query in the JVM                     %8.1f ms%n", first);
        out.printf("  same SQL, new Statement (plan cache)       %8.2f ms%n", median(cached));
        out.printf("  reused PreparedStatement                   %8.2f ms%n", median(prepared));
        out.printf("  new SQL text each time (full planning)     %8.2f ms%n", median(planned));
        out.printf("  the store alone, a comparable H2 query     %8.2f ms%n", median(storeOnly));
      }
      try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model)) {
        count(connection, CHART);
        final double[] again = new double[repeats];
        for (int i = 0; i < repeats; i++) {
          final long start = System.nanoTime();
          count(connection, CHART);
          again[i] = millis(System.nanoTime() - start);
        }
        out.printf("  same SQL again, from the result cache      %8.2f ms%n", median(again));
      }
    }
  }

  /** Creates the events table of {@code events} rows in the store and a model over it; returns the model file. */
  private static Path storeAndModel(Connection h2, String store, int events) throws SQLException, IOException {
    try (Statement statement = h2.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events SELECT X / 4, TIMESTAMP '2026-11-01 00:00:00' + X * INTERVAL '7' MINUTE, "
          + "CASEWHEN(MOD(X, 4) = 0, 'view', CASEWHEN(MOD(X, 4) = 1, 'cart', CASEWHEN(MOD(X, 8) = 2, 'pay', 'other')))"
          + " FROM SYSTEM_RANGE(0, " + (events - 1) + ")");
    }
    final Path model = Files.createTempFile("overhead", ".yaml");
    Files.writeString(model, MODEL.formatted(store.replace("\"", "\\\"")));
    return model;
  }

  /**
   * Measures a dashboard card over a store of {@code events} events asked again by a new connection (as a wire
   * session would): computed (result cache off) and answered from the shared result cache.
   */
  static void cardAgain(int repeats, int events, PrintStream out) throws SQLException, IOException {
    final String store = "jdbc:h2:mem:card" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (Connection h2 = DriverManager.getConnection(store)) {
      final String url = "jdbc:funnelsql:model=" + storeAndModel(h2, store, events);
      final int runs = Math.max(5, repeats / 20);
      final double[] computed = new double[runs];
      final double[] fromCache = new double[repeats];
      try (Connection off = DriverManager.getConnection(url + ";cache.ttl=0")) {
        count(off, CHART);
        for (int i = 0; i < runs; i++) {
          final long start = System.nanoTime();
          count(off, CHART);
          computed[i] = millis(System.nanoTime() - start);
        }
      }
      try (Connection first = DriverManager.getConnection(url)) {
        count(first, CHART);
      }
      final double firstOnNew;
      try (Connection again = DriverManager.getConnection(url)) {
        final long firstStart = System.nanoTime();
        count(again, CHART);
        firstOnNew = millis(System.nanoTime() - firstStart);
        for (int i = 0; i < repeats; i++) {
          final long start = System.nanoTime();
          count(again, CHART);
          fromCache[i] = millis(System.nanoTime() - start);
        }
      }
      out.printf("The same card (%s) over %,d events, asked again by another connection, median:%n", CHART, events);
      out.printf("  computed (cache.ttl=0)                     %8.2f ms%n", median(computed));
      out.printf("  from the shared result cache               %8.2f ms%n", median(fromCache));
      out.printf("  the same, first ask on the new connection  %8.2f ms (plans the statement, then the cache)%n",
          firstOnNew);
    }
  }

  private static int count(Connection connection, String sql) throws SQLException {
    int rows = 0;
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        result.getString(1);
        rows++;
      }
    }
    return rows;
  }

  private static double millis(long nanos) {
    return nanos / 1e6;
  }

  private static double median(double[] values) {
    final double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
