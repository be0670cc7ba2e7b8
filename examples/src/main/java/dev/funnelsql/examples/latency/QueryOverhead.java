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
 * connection's plan cache), a reused {@code PreparedStatement}, and a new SQL text each time (a new {@code LIMIT},
 * which never becomes a shared plan's parameter: full planning), beside the store's own time for a comparable query.
 * Run: {@code mvn -q -Platency -DskipTests package}.
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
  }

  /** Measures with {@code repeats} timings per kind and prints the medians to {@code out}. */
  static void run(int repeats, PrintStream out) throws SQLException, IOException {
    final String store = "jdbc:h2:mem:overhead" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (Connection h2 = DriverManager.getConnection(store); Statement statement = h2.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events SELECT X / 4, TIMESTAMP '2026-11-01 00:00:00' + X * INTERVAL '7' MINUTE, "
          + "CASEWHEN(MOD(X, 4) = 0, 'view', CASEWHEN(MOD(X, 4) = 1, 'cart', CASEWHEN(MOD(X, 8) = 2, 'pay', 'other')))"
          + " FROM SYSTEM_RANGE(0, 1999)");
      final Path model = Files.createTempFile("overhead", ".yaml");
      Files.writeString(model, MODEL.formatted(store.replace("\"", "\\\"")));
      final long connectStart = System.nanoTime();
      try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model)) {
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
