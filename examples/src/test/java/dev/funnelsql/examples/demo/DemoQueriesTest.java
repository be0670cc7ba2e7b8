package dev.funnelsql.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo queries through the FunnelSQL driver on a small store and checks them against answers computed
 * without FunnelSQL: a brute-force funnel in Java and plain SQL on H2.
 */
class DemoQueriesTest {

  private static final List<String> STEPS = List.of("product_viewed", "cart_added", "checkout_started",
      "order_paid");
  private static final long WINDOW_SECONDS = 7 * 86_400L;

  @TempDir
  static Path dir;

  private static DemoOptions options;

  @BeforeAll
  static void generate() throws Exception {
    options = DemoOptions.defaults().withUsers(2_000).withDays(60).withStore(DemoStore.H2).withDb(dir.resolve("shop"));
    new ShopDataGenerator(options, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .generateOrReuse();
  }

  @Test
  void checkoutFunnelMatchesBruteForce() throws Exception {
    long[] expected = referenceFunnel().get("*");
    try (Connection c = funnelSql(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(DemoQueries.CHECKOUT_FUNNEL.sql())) {
      for (int step = 1; step <= 4; step++) {
        assertTrue(rs.next(), "row for step " + step);
        assertEquals(step, rs.getInt(1));
        assertEquals(STEPS.get(step - 1), rs.getString(2));
        assertEquals(expected[step], rs.getLong(3), "users at step " + step);
        assertPercent(100.0 * expected[step] / expected[1], rs.getDouble(4));
        if (step == 1) {
          assertNull(rs.getObject(5));
        } else {
          assertPercent(100.0 * expected[step] / expected[step - 1], rs.getDouble(5));
        }
      }
      assertTrue(!rs.next(), "exactly four rows");
    }
  }

  @Test
  void funnelBySourceMatchesBruteForce() throws Exception {
    Map<String, long[]> expected = referenceFunnel();
    int rows = 0;
    double previousOverall = Double.MAX_VALUE;
    try (Connection c = funnelSql(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(DemoQueries.FUNNEL_BY_SOURCE.sql())) {
      while (rs.next()) {
        rows++;
        long[] e = expected.get(rs.getString(1));
        for (int step = 1; step <= 4; step++) {
          assertEquals(e[step], rs.getLong(1 + step), rs.getString(1) + " step " + step);
        }
        assertPercent(100.0 * e[2] / e[1], rs.getDouble(6));
        assertPercent(100.0 * e[3] / e[2], rs.getDouble(7));
        assertPercent(100.0 * e[4] / e[3], rs.getDouble(8));
        assertPercent(100.0 * e[4] / e[1], rs.getDouble(9));
        assertTrue(rs.getDouble(9) <= previousOverall, "ordered by overall conversion");
        previousOverall = rs.getDouble(9);
      }
    }
    assertEquals(expected.size() - 1, rows, "one row per source");
  }

  @Test
  void weeklyRetentionMatchesPlainSql() throws Exception {
    Map<LocalDate, double[]> expected = new TreeMap<>();
    LocalDateTime lastEvent;
    try (Connection c = DriverManager.getConnection(options.jdbcUrl());
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT MAX(event_time) FROM events")) {
        rs.next();
        lastEvent = rs.getObject(1, LocalDateTime.class);
      }
      // Sunday-based weeks, as Calcite's FLOOR(... TO WEEK); activity k weeks after each user's own signup.
      try (ResultSet rs = s.executeQuery("SELECT DATEADD('DAY', -MOD(ISO_DAY_OF_WEEK(signup_time), 7),"
          + " CAST(signup_time AS DATE)) AS week, COUNT(*), SUM(w1), SUM(w2), SUM(w3), SUM(w4) FROM ("
          + " SELECT u.user_id, u.signup_time,"
          + activeInWeek(1) + " AS w1," + activeInWeek(2) + " AS w2,"
          + activeInWeek(3) + " AS w3," + activeInWeek(4) + " AS w4"
          + " FROM users u JOIN events e ON e.user_id = u.user_id GROUP BY u.user_id, u.signup_time)"
          + " GROUP BY week ORDER BY week")) {
        while (rs.next()) {
          expected.put(rs.getObject(1, LocalDate.class), new double[] {rs.getLong(2), rs.getLong(3),
              rs.getLong(4), rs.getLong(5), rs.getLong(6)});
        }
      }
    }
    List<LocalDate> weeks = new ArrayList<>();
    try (Connection c = funnelSql(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(DemoQueries.WEEKLY_RETENTION.sql())) {
      while (rs.next()) {
        LocalDate week = LocalDate.parse(rs.getString(1));
        weeks.add(week);
        double[] e = expected.get(week);
        assertEquals((long) e[0], rs.getLong(2), "cohort size of " + week);
        for (int k = 1; k <= 4; k++) {
          boolean complete = !week.atStartOfDay().plusDays(7L * (k + 2)).isAfter(lastEvent);
          Object cell = rs.getObject(2 + k);
          if (complete) {
            assertPercent(100.0 * e[k] / e[0], rs.getDouble(2 + k));
          } else {
            assertNull(cell, week + " week " + k + " is not fully observed yet");
          }
        }
      }
    }
    assertEquals(new ArrayList<>(expected.keySet()), weeks);
  }

  @Test
  void demoRunsAllQueries() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int failures = DemoMain.run(DemoMain.funnelSqlUrl(options), out);
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, failures, printed);
    for (DemoQueries.DemoQuery q : DemoQueries.all()) {
      assertTrue(printed.contains("== " + q.title()), q.title());
    }
    assertTrue(printed.contains("(4 rows)"), printed);
  }

  @Test
  void duckDbStoreAnswersEveryDemoQueryAsH2Does() throws Exception {
    DemoOptions duckDb = options.withStore(DemoStore.DUCKDB).withDb(dir.resolve("duck/shop"));
    new ShopDataGenerator(duckDb, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
        .generateOrReuse();
    assertEquals(answers(options), answers(duckDb));
  }

  /** What the demo prints over a store, without the lines that name the store or time the queries. */
  private static List<String> answers(DemoOptions store) throws SQLException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertEquals(0, DemoMain.run(DemoMain.funnelSqlUrl(store), new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    return bytes.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> !line.startsWith("Time: ") && !line.startsWith("Connecting to ")
            && !line.startsWith("Connected in ")).toList();
  }

  private static String activeInWeek(int k) {
    return " MAX(CASE WHEN e.event_time >= u.signup_time + INTERVAL '" + 7 * k + "' DAY"
        + " AND e.event_time < u.signup_time + INTERVAL '" + 7 * (k + 1) + "' DAY THEN 1 ELSE 0 END)";
  }

  private static Connection funnelSql() throws SQLException {
    return DriverManager.getConnection(DemoMain.funnelSqlUrl(options));
  }

  private static void assertPercent(double expected, double actual) {
    assertEquals(expected, actual, 0.051, "percentage");
  }

  /**
   * Users reaching at least k steps ({@code [k]}), per acquisition source and in total ({@code "*"}), by trying
   * every product view as the start of a chain: the longest chain wins, ties in time are allowed between steps.
   */
  private static Map<String, long[]> referenceFunnel() throws SQLException {
    Map<Long, List<long[]>> byUser = new HashMap<>();
    Map<Long, String> source = new HashMap<>();
    try (Connection c = DriverManager.getConnection(options.jdbcUrl());
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT user_id, event_time, event_name, acquisition_source FROM events")) {
      while (rs.next()) {
        long user = rs.getLong(1);
        source.put(user, rs.getString(4));
        int step = STEPS.indexOf(rs.getString(3)) + 1;
        if (step > 0) {
          long t = rs.getObject(2, LocalDateTime.class).toEpochSecond(ZoneOffset.UTC);
          byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(new long[] {t, step});
        }
      }
    }
    Map<String, long[]> result = new TreeMap<>();
    for (Map.Entry<Long, String> e : source.entrySet()) {
      int reached = longestChain(byUser.getOrDefault(e.getKey(), List.of()));
      for (String key : new String[] {"*", e.getValue()}) {
        long[] counts = result.computeIfAbsent(key, k -> new long[5]);
        for (int step = 0; step <= reached; step++) {
          counts[step]++;
        }
      }
    }
    return result;
  }

  private static int longestChain(List<long[]> events) {
    List<long[]> sorted = new ArrayList<>(events);
    sorted.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    int best = 0;
    for (int i = 0; i < sorted.size() && best < 4; i++) {
      if (sorted.get(i)[1] != 1) {
        continue;
      }
      long start = sorted.get(i)[0];
      int level = 1;
      for (int j = i + 1; j < sorted.size() && level < 4 && sorted.get(j)[0] <= start + WINDOW_SECONDS; j++) {
        if (sorted.get(j)[1] == level + 1) {
          level++;
        }
      }
      best = Math.max(best, level);
    }
    return best;
  }
}
