package dev.funnelsql.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShopDataGeneratorTest {

  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @TempDir
  static Path dir;

  private static DemoOptions small;
  private static ShopDataGenerator.Result first;

  @BeforeAll
  static void generateSmallStore() throws Exception {
    small = DemoOptions.defaults().withUsers(2_000).withDays(30).withDb(dir.resolve("a/shop"));
    first = new ShopDataGenerator(small, QUIET).generateOrReuse();
  }

  @Test
  void sameSeedGivesIdenticalDataInEitherStore() throws Exception {
    assertEquals(DemoStore.DUCKDB, small.store());
    DemoOptions again = small.withStore(DemoStore.H2).withDb(dir.resolve("b/shop"));
    ShopDataGenerator.Result second = new ShopDataGenerator(again, QUIET).generateOrReuse();

    assertFalse(first.reused());
    assertFalse(second.reused());
    assertEquals(first.events(), second.events());
    assertEquals(summary(small), summary(again));
    assertEquals(fingerprint(small), fingerprint(again), "row-by-row content");
  }

  @Test
  void differentSeedGivesDifferentData() throws Exception {
    DemoOptions other = small.withSeed(7).withDb(dir.resolve("c/shop"));
    new ShopDataGenerator(other, QUIET).generateOrReuse();

    assertNotEquals(summary(small), summary(other));
    assertNotEquals(fingerprint(small), fingerprint(other));
  }

  @Test
  void countsMatchTheResultAndIdsAreDense() throws Exception {
    try (Connection c = connect(small); Statement s = c.createStatement()) {
      assertEquals(2_000, single(s, "SELECT COUNT(*) FROM users"));
      assertEquals(first.events(), single(s, "SELECT COUNT(*) FROM events"));
      assertEquals(first.events(), single(s, "SELECT MAX(event_id) FROM events"));
      assertEquals(2_000, single(s, "SELECT MAX(user_id) FROM users"));
      assertEquals(0, single(s, "SELECT COUNT(*) FROM events e WHERE NOT EXISTS"
          + " (SELECT 1 FROM users u WHERE u.user_id = e.user_id)"));
      assertEquals(0, single(s, "SELECT COUNT(*) FROM events e JOIN users u ON u.user_id = e.user_id"
          + " WHERE e.acquisition_source <> u.acquisition_source"));
      long perUser = first.events() / 2_000;
      assertTrue(perUser >= 5 && perUser <= 15, "events per user: " + perUser);
    }
  }

  @Test
  void funnelShapeIsBelievable() throws Exception {
    try (Connection c = connect(small); Statement s = c.createStatement()) {
      long viewed = usersWith(s, "product_viewed");
      long carted = usersWith(s, "cart_added");
      long checkedOut = usersWith(s, "checkout_started");
      long paid = usersWith(s, "order_paid");
      assertTrue(2_000 > viewed && viewed > carted && carted > checkedOut && checkedOut > paid && paid > 0,
          viewed + " > " + carted + " > " + checkedOut + " > " + paid);
      assertBetween(carted / (double) viewed, 0.20, 0.45, "cart / viewed");
      assertBetween(checkedOut / (double) carted, 0.40, 0.70, "checkout / cart");
      assertBetween(paid / (double) checkedOut, 0.60, 0.90, "paid / checkout");

      // Sources behave differently: email converts better than social.
      assertTrue(paidShare(s, "email") > 1.5 * paidShare(s, "social"));
      // Plans exist in decreasing numbers.
      assertTrue(single(s, "SELECT COUNT(*) FROM users WHERE plan = 'free'")
          > single(s, "SELECT COUNT(*) FROM users WHERE plan = 'plus'"));
      assertTrue(single(s, "SELECT COUNT(*) FROM users WHERE plan = 'plus'")
          > single(s, "SELECT COUNT(*) FROM users WHERE plan = 'pro'"));
    }
  }

  @Test
  void revenueOnlyOnPaidOrdersAndAlwaysPositive() throws Exception {
    try (Connection c = connect(small); Statement s = c.createStatement()) {
      assertEquals(0, single(s, "SELECT COUNT(*) FROM events WHERE event_name = 'order_paid'"
          + " AND (revenue IS NULL OR revenue <= 0)"));
      assertEquals(0, single(s, "SELECT COUNT(*) FROM events WHERE event_name <> 'order_paid'"
          + " AND revenue IS NOT NULL"));
      assertEquals(0, single(s, "SELECT COUNT(*) FROM events WHERE event_name = 'cart_added'"
          + " AND product_id IS NULL"));
      // A few product views lost their product id, as happens with real tracking.
      assertTrue(single(s, "SELECT COUNT(*) FROM events WHERE event_name = 'product_viewed'"
          + " AND product_id IS NULL") < single(s, "SELECT COUNT(*) FROM events"
          + " WHERE event_name = 'product_viewed'") / 50);
    }
  }

  @Test
  void timestampsStayInsideTheCoveredDays() throws Exception {
    LocalDateTime start = LocalDateTime.of(2026, 9, 1, 0, 0);
    LocalDateTime end = LocalDateTime.of(2026, 10, 1, 0, 0);
    assertEquals(start, small.start());
    assertEquals(end, small.endExclusive());
    try (Connection c = connect(small); Statement s = c.createStatement()) {
      for (String sql : new String[] {
          "SELECT MIN(event_time), MAX(event_time) FROM events",
          "SELECT MIN(signup_time), MAX(signup_time) FROM users"}) {
        try (ResultSet rs = s.executeQuery(sql)) {
          rs.next();
          LocalDateTime min = rs.getObject(1, LocalDateTime.class);
          LocalDateTime max = rs.getObject(2, LocalDateTime.class);
          assertFalse(min.isBefore(start), sql + ": " + min);
          assertTrue(max.isBefore(end), sql + ": " + max);
        }
      }
      // Each user's first event is the signup, at the users.signup_time.
      assertEquals(0, single(s, "SELECT COUNT(*) FROM users u WHERE u.signup_time <>"
          + " (SELECT MIN(e.event_time) FROM events e WHERE e.user_id = u.user_id)"));
      assertEquals(0, single(s, "SELECT COUNT(*) FROM users u WHERE 1 <>"
          + " (SELECT COUNT(*) FROM events e WHERE e.user_id = u.user_id AND e.event_name = 'signed_up')"));
      // Some rows of a user share a timestamp (signup and session start at least).
      assertTrue(single(s, "SELECT COUNT(*) FROM (SELECT user_id, event_time FROM events"
          + " GROUP BY user_id, event_time HAVING COUNT(*) > 1)") >= 2_000);
    }
  }

  @Test
  void reusesAMatchingStoreAndRegeneratesAChangedOne() throws Exception {
    DemoOptions options = DemoOptions.defaults().withUsers(300).withDays(10).withDb(dir.resolve("d/shop"));
    ShopDataGenerator.Result generated = new ShopDataGenerator(options, QUIET).generateOrReuse();
    assertFalse(generated.reused());

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    ShopDataGenerator.Result reused = new ShopDataGenerator(options,
        new PrintStream(log, true, StandardCharsets.UTF_8)).generateOrReuse();
    assertTrue(reused.reused());
    assertEquals(generated.events(), reused.events());
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("Reusing demo store"), log.toString());

    ShopDataGenerator.Result changed = new ShopDataGenerator(options.withSeed(43), QUIET).generateOrReuse();
    assertFalse(changed.reused());
    try (Connection c = connect(options); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT val FROM demo_meta WHERE name = 'seed'")) {
      assertTrue(rs.next());
      assertEquals("43", rs.getString(1));
    }
  }

  @Test
  void refusesToOverwriteADatabaseThatIsNotADemoStore() throws Exception {
    for (DemoStore store : DemoStore.values()) {
      DemoOptions options = DemoOptions.defaults().withUsers(10).withStore(store).withDb(dir.resolve("e/other"));
      Files.createDirectories(options.dbFile().getParent());
      try (Connection c = DriverManager.getConnection(options.jdbcUrl()); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE precious (id INT)");
      }
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new ShopDataGenerator(options, QUIET).generateOrReuse());
      assertTrue(e.getMessage().contains("not a FunnelSQL demo store"), e.getMessage());
      try (Connection c = connect(options); Statement s = c.createStatement()) {
        assertEquals(0, single(s, "SELECT COUNT(*) FROM precious"), store.label());
      }
    }
  }

  @Test
  void parsesFlags() {
    DemoOptions o = DemoOptions.parse("--users", "1_000", "--days=7", "--seed", "9", "--db", "x/y.mv.db",
        "--end-date", "2026-01-31", "--store", "H2");
    assertEquals(DemoStore.H2, o.store());
    assertEquals(Path.of("x/y"), DemoOptions.parse("--db", "x/y.duckdb").db());
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--store", "oracle"));
    assertEquals(1_000, o.users());
    assertEquals(7, o.days());
    assertEquals(9, o.seed());
    assertEquals(Path.of("x/y"), o.db());
    assertEquals(LocalDateTime.of(2026, 1, 25, 0, 0), o.start());
    assertEquals(DemoOptions.defaults(), DemoOptions.parse());
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--users"));
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--colour", "red"));
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--users", "many"));
    assertThrows(IllegalArgumentException.class, () -> DemoOptions.parse("--days", "0"));
  }

  private static Connection connect(DemoOptions options) throws SQLException {
    String url = options.jdbcUrl();
    return DriverManager.getConnection(options.store() == DemoStore.H2 ? url + ";IFEXISTS=TRUE" : url);
  }

  private static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getLong(1);
    }
  }

  private static long usersWith(Statement s, String eventName) throws SQLException {
    return single(s, "SELECT COUNT(DISTINCT user_id) FROM events WHERE event_name = '" + eventName + "'");
  }

  private static double paidShare(Statement s, String source) throws SQLException {
    double users = single(s, "SELECT COUNT(*) FROM users WHERE acquisition_source = '" + source + "'");
    return single(s, "SELECT COUNT(DISTINCT user_id) FROM events WHERE event_name = 'order_paid'"
        + " AND acquisition_source = '" + source + "'") / users;
  }

  private static void assertBetween(double value, double low, double high, String what) {
    assertTrue(value >= low && value <= high, what + " = " + value + ", expected in [" + low + ", " + high + "]");
  }

  /** Counts and checksums that identify the data set. */
  private static Map<String, Object> summary(DemoOptions options) throws SQLException {
    Map<String, Object> m = new LinkedHashMap<>();
    try (Connection c = connect(options); Statement s = c.createStatement()) {
      m.put("users", single(s, "SELECT COUNT(*) FROM users"));
      m.put("events", single(s, "SELECT COUNT(*) FROM events"));
      m.put("checksum", single(s, "SELECT SUM(user_id * 31 + event_id) FROM events"));
      m.put("time_checksum", single(s,
          "SELECT SUM(DATEDIFF('SECOND', TIMESTAMP '2026-01-01 00:00:00', event_time) % 100003) FROM events"));
      m.put("sessions", single(s, "SELECT COUNT(DISTINCT session_id) FROM events"));
      try (ResultSet rs = s.executeQuery("SELECT event_name, COUNT(*) FROM events GROUP BY event_name"
          + " ORDER BY event_name")) {
        while (rs.next()) {
          m.put(rs.getString(1), rs.getLong(2));
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT SUM(revenue) FROM events")) {
        rs.next();
        m.put("revenue", rs.getBigDecimal(1));
      }
    }
    return m;
  }

  /** SHA-256 over every row of both tables, in key order; timestamps as local date-times, so any store compares. */
  private static String fingerprint(DemoOptions options) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (Connection c = connect(options); Statement s = c.createStatement()) {
      for (String sql : new String[] {"SELECT * FROM users ORDER BY user_id",
          "SELECT * FROM events ORDER BY event_id"}) {
        try (ResultSet rs = s.executeQuery(sql)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object value = rs.getObject(i);
              row.append(value instanceof Timestamp t ? t.toLocalDateTime() : value).append('|');
            }
            digest.update(row.append('\n').toString().getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
