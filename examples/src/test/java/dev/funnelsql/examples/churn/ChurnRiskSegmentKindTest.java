package dev.funnelsql.examples.churn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code churn_risk} kind, loaded by {@link java.util.ServiceLoader} from this module's classes through the
 * driver, on a small H2 store: {@code segments.<name>} and its sizes against a brute force, and option errors at
 * their model line.
 */
class ChurnRiskSegmentKindTest {

  private static final LocalDateTime BASE = LocalDateTime.of(2026, 1, 1, 0, 0);
  private static final String[] NAMES = {"session_started", "order_paid", "page_viewed", "search", null};

  @TempDir
  static Path dir;

  private static String h2Url;
  private static final List<Object[]> EVENTS = new ArrayList<>();

  @BeforeAll
  static void store() throws SQLException {
    SplittableRandom random = new SplittableRandom(11L);
    for (long user = 1; user <= 300; user++) {
      int count = random.nextInt(8);
      for (int i = 0; i < count; i++) {
        // Whole hours over 60 days, so idle times of exactly 14 or 30 days happen often.
        LocalDateTime time = random.nextInt(20) == 0 ? null : BASE.plusHours(random.nextInt(60 * 24));
        EVENTS.add(new Object[] {user, time, NAMES[random.nextInt(NAMES.length)]});
      }
    }
    // The latest event of the store is not an activity event: it still sets the reference time.
    EVENTS.add(new Object[] {999L, BASE.plusDays(60), "page_viewed"});
    h2Url = "jdbc:h2:file:" + dir.resolve("churn").toAbsolutePath().toString().replace('\\', '/');
    try (Connection c = DriverManager.getConnection(h2Url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(32))");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)")) {
        for (Object[] event : EVENTS) {
          insert.setLong(1, (Long) event[0]);
          insert.setTimestamp(2, event[1] == null ? null : Timestamp.valueOf((LocalDateTime) event[1]));
          insert.setString(3, (String) event[2]);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  private static Path model(String name, String segmentation) throws Exception {
    String yaml = """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        segmentations:
        %s
        """.formatted(h2Url, segmentation.indent(2).stripTrailing());
    Path file = dir.resolve(name);
    Files.writeString(file, yaml);
    return file;
  }

  private static Connection connect(Path model) throws SQLException {
    return DriverManager.getConnection("jdbc:funnelsql:model=" + model);
  }

  /** The documented rule, computed from the events alone. */
  private static Map<Long, String> bruteForce(boolean sessionsAndOrdersOnly, int atRiskDays, int churnedDays) {
    LocalDateTime latest = null;
    Map<Long, LocalDateTime> last = new TreeMap<>();
    for (Object[] event : EVENTS) {
      Long user = (Long) event[0];
      LocalDateTime time = (LocalDateTime) event[1];
      String name = (String) event[2];
      last.putIfAbsent(user, null);
      if (time == null) {
        continue;
      }
      latest = latest == null || time.isAfter(latest) ? time : latest;
      boolean activity = !sessionsAndOrdersOnly || "session_started".equals(name) || "order_paid".equals(name);
      if (activity && (last.get(user) == null || time.isAfter(last.get(user)))) {
        last.put(user, time);
      }
    }
    Map<Long, String> segments = new TreeMap<>();
    for (Map.Entry<Long, LocalDateTime> entry : last.entrySet()) {
      LocalDateTime t = entry.getValue();
      String segment;
      if (t == null || !t.isAfter(latest.minusDays(churnedDays))) {
        segment = "churned";
      } else if (!t.isAfter(latest.minusDays(atRiskDays))) {
        segment = "at risk";
      } else {
        segment = "active";
      }
      segments.put(entry.getKey(), segment);
    }
    return segments;
  }

  private static Map<Long, String> table(Connection c, String sql) throws SQLException {
    Map<Long, String> rows = new TreeMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.put(rs.getLong(1), rs.getString(2));
      }
    }
    return rows;
  }

  @Test
  void segmentsMatchTheBruteForce() throws Exception {
    Path model = model("churn.yaml", """
        churn:
          kind: churn_risk
          activity: "event_name IN ('session_started', 'order_paid')"
          at_risk_days: 14
          churned_days: 30
        everything: { kind: churn_risk, at_risk_days: 5, churned_days: 20 }
        defaults: { kind: churn_risk }""");
    try (Connection c = connect(model)) {
      Map<Long, String> expected = bruteForce(true, 14, 30);
      assertEquals(expected, table(c, "SELECT user_id, segment FROM segments.churn"));
      assertTrue(expected.containsValue("active") && expected.containsValue("at risk")
          && expected.containsValue("churned"), "the store exercises all three segments: " + expected);
      assertEquals(bruteForce(false, 5, 20), table(c, "SELECT user_id, segment FROM segments.everything"));
      assertEquals(bruteForce(false, ChurnRiskSegmentKind.DEFAULT_AT_RISK_DAYS,
          ChurnRiskSegmentKind.DEFAULT_CHURNED_DAYS), table(c, "SELECT user_id, segment FROM segments.defaults"));

      Map<String, Long> sizes = new TreeMap<>();
      expected.values().forEach(segment -> sizes.merge(segment, 1L, Long::sum));
      Map<String, Long> actual = new TreeMap<>();
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT segment, users FROM segments.churn_sizes")) {
        while (rs.next()) {
          actual.put(rs.getString(1), rs.getLong(2));
        }
      }
      assertEquals(sizes, actual);
    }
  }

  @Test
  void unknownOptionFailsAtItsModelLine() throws Exception {
    Path model = model("typo.yaml", """
        churn:
          kind: churn_risk
          at_risk_dayz: 14""");
    SQLException e = assertThrows(SQLException.class, () -> connect(model).close());
    String message = messages(e);
    assertTrue(message.contains("typo.yaml:6"), message);
    assertTrue(message.contains("unknown key 'at_risk_dayz'") && message.contains("did you mean 'at_risk_days'"),
        message);
  }

  @Test
  void churnedDaysMustExceedAtRiskDays() throws Exception {
    Path model = model("order.yaml", """
        churn: { kind: churn_risk, at_risk_days: 30, churned_days: 30 }""");
    SQLException e = assertThrows(SQLException.class, () -> connect(model).close());
    String message = messages(e);
    assertTrue(message.contains("order.yaml:4") && message.contains("must be greater than at_risk_days"),
        message);
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
