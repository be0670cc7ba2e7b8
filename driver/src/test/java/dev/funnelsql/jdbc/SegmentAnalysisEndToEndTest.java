package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code segments.<name>_transitions}, {@code <name>_check} and {@code <name>_tipping_points} on H2, DuckDB and
 * PostgreSQL holding the same random events (about 150 users over 8 weeks, with gaps, NULL times and NULL names),
 * checked against a brute force over the raw rows.
 */
class SegmentAnalysisEndToEndTest {
  /** 2026-01-01T00:00Z, a Thursday: the first ISO week is partial. */
  private static final long BASE = 1_767_225_600_000L;
  private static final long DAY = 86_400_000L;
  private static final String[] NAMES = {"a", "a", "b", "c", null};
  private static final String NO_ACTIVITY = "(no activity)";
  private static final CalendarPeriod WEEK = CalendarPeriod.WEEK;
  private static final int MAX = 6;
  private static List<Event> events;
  private static Map<Long, List<Event>> byUser;

  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(11L);
    events = new ArrayList<>();
    for (long user = 1; user <= 150; user++) {
      final double activity = random.nextDouble();
      for (int week = 0; week < 8; week++) {
        if (random.nextDouble() > activity) {
          continue;
        }
        final int count = 1 + random.nextInt(9);
        for (int i = 0; i < count; i++) {
          final Long millis = random.nextInt(30) == 0 ? null
              : BASE + week * 7 * DAY + (long) random.nextInt(7 * 24 * 60) * 60_000L;
          events.add(new Event(user, millis, NAMES[random.nextInt(NAMES.length)]));
        }
      }
    }
    byUser = EventStores.byUser(events);
  }

  private static String model(String url, String extra) throws Exception {
    return """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        segmentations:
          activity:
            rules:
              - { segment: power, when: "COUNT(*) FILTER (WHERE event_name = 'a') >= 4" }
              - { segment: buyer, when: "COUNT(*) FILTER (WHERE event_name = 'b') >= 2" }
              - { segment: casual, when: "COUNT(*) >= 3" }
            otherwise: idle
            tipping_point: { event: "event_name = 'a'", outcome: "event_name = 'b'", period: week, max: %d }
          last_event: { kind: property, property: event_name, pick: last, period: week }
        %s""".formatted(url.replace("\"", "\\\""), MAX, extra);
  }

  private static Connection connect(Kind kind, String extra) throws Exception {
    return connect(kind, extra, "");
  }

  /** A connection to the model with {@code extra} segmentations, with {@code settings} after its URL's model. */
  private static Connection connect(Kind kind, String extra, String settings) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = dir.resolve(kind.name().toLowerCase() + "-analysis.yaml");
    Files.writeString(file, model(kind == Kind.POSTGRES ? url + "&user=postgres&password=postgres" : url, extra));
    return DriverManager.getConnection("jdbc:funnelsql:model=" + file + settings);
  }

  /** The rules of {@code activity} over some rows (NULL conditions count as false). */
  private static boolean[] flags(List<Event> rows) {
    final long a = rows.stream().filter(event -> "a".equals(event.name())).count();
    final long b = rows.stream().filter(event -> "b".equals(event.name())).count();
    return new boolean[] {a >= 4, b >= 2, rows.size() >= 3};
  }

  private static String activity(List<Event> rows) {
    final boolean[] flags = flags(rows);
    return flags[0] ? "power" : flags[1] ? "buyer" : flags[2] ? "casual" : "idle";
  }

  /** The last non-NULL name of the rows (latest time, then smallest name), or null. */
  private static String lastEvent(List<Event> rows) {
    return rows.stream().filter(event -> event.name() != null)
        .max(Comparator.comparing(Event::epochMillis).thenComparing(Event::name, Comparator.reverseOrder()))
        .map(Event::name).orElse(null);
  }

  /** Each user's timed rows per week start. */
  private static Map<Long, Map<Long, List<Event>>> weeks() {
    final Map<Long, Map<Long, List<Event>>> weeks = new TreeMap<>();
    byUser.forEach((user, rows) -> rows.stream().filter(event -> event.epochMillis() != null)
        .forEach(event -> weeks.computeIfAbsent(user, k -> new TreeMap<>())
            .computeIfAbsent(WEEK.start(event.epochMillis()), k -> new ArrayList<>()).add(event)));
    return weeks;
  }

  private static long firstWeek() {
    return WEEK.start(events.stream().map(Event::epochMillis).filter(Objects::nonNull).min(Long::compare).get());
  }

  private static long lastWeek() {
    return WEEK.start(events.stream().map(Event::epochMillis).filter(Objects::nonNull).max(Long::compare).get());
  }

  private static Map<String, Long> transitions(Function<List<Event>, String> segment) {
    final Map<String, Long> expected = new TreeMap<>();
    final long first = firstWeek();
    final long last = lastWeek();
    weeks().forEach((user, periods) -> {
      for (long from = first; from < last; from += 7 * DAY) {
        final long to = from + 7 * DAY;
        if (!periods.containsKey(from) && !periods.containsKey(to)) {
          continue;
        }
        final String a = periods.containsKey(from) ? segment.apply(periods.get(from)) : NO_ACTIVITY;
        final String b = periods.containsKey(to) ? segment.apply(periods.get(to)) : NO_ACTIVITY;
        expected.merge(from + "|" + to + "|" + a + "|" + b, 1L, Long::sum);
      }
    });
    return expected;
  }

  private static Map<String, Long> actualTransitions(Connection connection, String table) throws SQLException {
    final Map<String, Long> actual = new TreeMap<>();
    for (List<Object> row : ResultRows.of(connection, "SELECT from_period, to_period, from_segment, to_segment, "
        + "users FROM segments." + table)) {
      final String key = row.get(0) + "|" + row.get(1) + "|" + row.get(2) + "|" + row.get(3);
      assertNull(actual.put(key, (Long) row.get(4)), "one row per key " + key);
    }
    return actual;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void transitionsFollowUsersFromWeekToWeek(Kind kind) throws Exception {
    try (Connection connection = connect(kind, "")) {
      final Map<String, Long> rules = transitions(SegmentAnalysisEndToEndTest::activity);
      assertEquals(rules, actualTransitions(connection, "activity_transitions"), kind + " rules");
      assertTrue(rules.keySet().stream().anyMatch(key -> key.contains("|" + NO_ACTIVITY + "|")), "users leave");
      assertTrue(rules.keySet().stream().anyMatch(key -> key.endsWith("|" + NO_ACTIVITY)), "users return");
      final Map<String, Long> property = transitions(SegmentAnalysisEndToEndTest::lastEvent);
      assertTrue(property.keySet().stream().anyMatch(key -> key.contains("|null")), "periods with no value");
      assertEquals(property, actualTransitions(connection, "last_event_transitions"), kind + " property");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void checkCountsOverlappingRulesAndUsersInNone(Kind kind) throws Exception {
    try (Connection connection = connect(kind, "")) {
      final List<String> rules = List.of("power", "buyer", "casual");
      final Map<String, Long> expected = new TreeMap<>();
      for (int i = 0; i < rules.size(); i++) {
        for (int j = i + 1; j < rules.size(); j++) {
          expected.put(rules.get(i) + "|" + rules.get(j), 0L);
        }
      }
      expected.put("(none)|null", 0L);
      byUser.forEach((user, rows) -> {
        final boolean[] flags = flags(rows);
        for (int i = 0; i < flags.length; i++) {
          for (int j = i + 1; j < flags.length; j++) {
            if (flags[i] && flags[j]) {
              expected.merge(rules.get(i) + "|" + rules.get(j), 1L, Long::sum);
            }
          }
        }
        if (!flags[0] && !flags[1] && !flags[2]) {
          expected.merge("(none)|null", 1L, Long::sum);
        }
      });
      assertTrue(expected.values().stream().filter(n -> n > 0).count() >= 3, "a meaningful check " + expected);
      final Map<String, Long> actual = new TreeMap<>();
      ResultRows.of(connection, "SELECT finding, segment, other_segment, users FROM segments.activity_check "
          + "WHERE finding IN ('overlap', 'no rule')").forEach(row -> actual.put(("no rule".equals(row.get(0))
          ? "(none)" : row.get(1)) + "|" + row.get(2), (Long) row.get(3)));
      assertEquals(expected, actual, kind.name());
      final List<List<Object>> propertyCheck = ResultRows.of(connection, "SELECT finding, users FROM "
          + "segments.last_event_check WHERE finding IN ('overlap', 'no rule')");
      assertEquals(List.of(), propertyCheck, "a property segmentation has no rules to check");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void tippingPointsCompareRetentionAboveAndBelowEachThreshold(Kind kind) throws Exception {
    try (Connection connection = connect(kind, "")) {
      final long last = lastWeek();
      final long[] above = new long[MAX + 1];
      final long[] aboveHits = new long[MAX + 1];
      final long[] below = new long[MAX + 1];
      final long[] belowHits = new long[MAX + 1];
      weeks().forEach((user, periods) -> periods.forEach((week, rows) -> {
        if (week == last) {
          return;
        }
        final long frequency = rows.stream().filter(event -> "a".equals(event.name())).count();
        final List<Event> next = periods.getOrDefault(week + 7 * DAY, List.of());
        final boolean outcome = next.stream().anyMatch(event -> "b".equals(event.name()));
        for (int k = 1; k <= MAX; k++) {
          if (frequency >= k) {
            above[k]++;
            aboveHits[k] += outcome ? 1 : 0;
          } else {
            below[k]++;
            belowHits[k] += outcome ? 1 : 0;
          }
        }
      }));
      final List<List<Object>> rows = ResultRows.of(connection, "SELECT threshold, users_at_or_above, "
          + "outcome_rate_at_or_above, users_below, outcome_rate_below, lift FROM segments.activity_tipping_points "
          + "ORDER BY threshold");
      assertEquals(MAX, rows.size(), kind.name());
      for (int k = 1; k <= MAX; k++) {
        final List<Object> row = rows.get(k - 1);
        final String what = kind + " k=" + k + " " + row;
        assertEquals((long) k, row.get(0), what);
        assertEquals(above[k], row.get(1), what);
        assertEquals(below[k], row.get(3), what);
        final Double rateAbove = above[k] == 0 ? null : (double) aboveHits[k] / above[k];
        final Double rateBelow = below[k] == 0 ? null : (double) belowHits[k] / below[k];
        assertClose(rateAbove, (Double) row.get(2), what);
        assertClose(rateBelow, (Double) row.get(4), what);
        assertClose(rateAbove == null || rateBelow == null || rateBelow == 0 ? null : rateAbove / rateBelow,
            (Double) row.get(5), what);
      }
      assertTrue(above[1] > 0 && below[1] > 0 && above[MAX] < above[1], "a meaningful analysis");
    }
  }

  private static void assertClose(Double expected, Double actual, String what) {
    if (expected == null) {
      assertNull(actual, what);
    } else {
      assertEquals(expected, actual, 1e-9, what);
    }
  }

  /**
   * Records what the segmentation health checks log, until closed: from the logger's own level, or from every level
   * ({@link #atEveryLevel}); closing restores the logger's level.
   */
  private static final class HealthLog implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger("dev.funnelsql.calcite.segment.SegmentationCheck");

    final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = recordingInto(records);
    private final Level level = LOGGER.getLevel();

    HealthLog() {
      LOGGER.addHandler(handler);
    }

    static HealthLog atEveryLevel() {
      final HealthLog log = new HealthLog();
      LOGGER.setLevel(Level.ALL);
      return log;
    }

    @Override public void close() {
      LOGGER.removeHandler(handler);
      LOGGER.setLevel(level);
    }
  }

  /** A log handler that adds every record it is given to {@code records}. */
  private static Handler recordingInto(List<LogRecord> records) {
    return new Handler() {
      @Override public void publish(LogRecord record) {
        records.add(record);
      }

      @Override public void flush() {
      }

      @Override public void close() {
      }
    };
  }

  @Test
  void theHealthOfADuckDbModelIsLoggedByTheTimeItsFirstConnectionOpens() throws Exception {
    try (HealthLog health = new HealthLog(); Connection connection = connect(Kind.DUCKDB, """
          one_segment:
            rules:
              - { segment: any, when: "COUNT(*) >= 1" }
            otherwise: none
        """)) {
      final List<LogRecord> records = health.records;
      final List<String> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING)
          .map(LogRecord::getMessage).filter(message -> message.contains("'one_segment'")).toList();
      assertEquals(List.of("duckdb-analysis.yaml:12: segmentation 'one_segment': 1 segment holds users; 3 to 8 are "
          + "what a team can act on", "duckdb-analysis.yaml:12: segmentation 'one_segment': no user is in segment "
          + "'none'"), warnings.stream()
          .map(message -> message.substring(message.indexOf("duckdb-analysis.yaml"))).toList(),
          "checked within the connection's time for it");
      assertTrue(records.stream().noneMatch(r -> r.getMessage().contains("not checked")),
          records.stream().map(LogRecord::getMessage).toList().toString());
    }
  }

  @Test
  void healthSecondsZeroOpensTheConnectionWithNoHealthCheckAndABadValueIsRefused() throws Exception {
    try (HealthLog health = HealthLog.atEveryLevel(); Connection connection = connect(Kind.DUCKDB, """
          unchecked:
            rules:
              - { segment: any, when: "COUNT(*) >= 1" }
            otherwise: none
        """, ";health.seconds=0")) {
      assertEquals(List.of(), health.records.stream().map(LogRecord::getMessage)
          .filter(message -> message.contains("'unchecked'")).toList(), "no check, and nothing logged about it");
      assertEquals(1L, ResultRows.of(connection, "SELECT COUNT(*) FROM segments.unchecked_check "
          + "WHERE finding = 'segment count'").get(0).get(0), "the check table still gives it");
    }
    final SQLException bad = assertThrows(SQLException.class, () -> connect(Kind.DUCKDB, "", ";health.seconds=-1"));
    assertEquals("22023", bad.getSQLState(), bad.getMessage());
    assertTrue(bad.getMessage().contains("health.seconds must be a whole number of seconds, 0 or more"),
        bad.getMessage());
  }

  @Test
  void rulesWithoutOtherwiseReportNullAndWarnAtTheModelLine() throws Exception {
    final Logger logger = Logger.getLogger("dev.funnelsql.calcite.segment.RulesSegmentKind");
    final List<LogRecord> records = new ArrayList<>();
    final Handler handler = recordingInto(records);
    logger.addHandler(handler);
    final Logger health = Logger.getLogger("dev.funnelsql.calcite.segment.SegmentationCheck");
    health.addHandler(handler);
    try (Connection connection = connect(Kind.H2, """
          loose:
            rules:
              - { segment: power, when: "COUNT(*) FILTER (WHERE event_name = 'a') >= 4" }
        """)) {
      final List<LogRecord> warnings = records.stream().filter(r -> r.getLevel() == Level.WARNING
          && r.getLoggerName().equals(logger.getName())).toList();
      assertEquals(1, warnings.size(), "one warning");
      assertTrue(warnings.get(0).getMessage().contains("h2-analysis.yaml:12:"), warnings.get(0).getMessage());
      assertTrue(warnings.get(0).getMessage().contains("'loose' has no 'otherwise'"), warnings.get(0).getMessage());
      final List<String> healthWarnings = records.stream().filter(r -> r.getLevel() == Level.WARNING
          && r.getLoggerName().equals(health.getName())).map(LogRecord::getMessage)
          .filter(message -> message.contains("'loose'")).toList();
      long none = 0;
      for (List<Event> rows : byUser.values()) {
        none += flags(rows)[0] ? 0 : 1;
      }
      final List<List<Object>> check = ResultRows.of(connection, "SELECT finding, users FROM segments.loose_check "
          + "WHERE finding IN ('overlap', 'no rule', 'no segment')");
      assertEquals(List.of(List.of("no segment", none), List.of("no rule", none)), check);
      final List<List<Object>> nulls =
          ResultRows.of(connection, "SELECT COUNT(*) FROM segments.loose WHERE segment IS NULL");
      assertEquals(none, nulls.get(0).get(0));
      assertEquals(List.of("h2-analysis.yaml:12: segmentation 'loose': 1 segment holds users; 3 to 8 are what a team "
          + "can act on", "h2-analysis.yaml:12: segmentation 'loose': " + none + " users are in no segment; an "
          + "otherwise: segment would make it exhaustive"), healthWarnings.stream()
          .map(message -> message.substring(message.indexOf("h2-analysis.yaml"))).toList(),
          "the health warnings, logged when the connection opened");
    } finally {
      logger.removeHandler(handler);
      health.removeHandler(handler);
    }
  }

  @Test
  void badOptionsAreReportedAtTheirLine() throws Exception {
    final String url = EventStores.create(Kind.H2, events);
    final Path file = dir.resolve("bad-period.yaml");
    Files.writeString(file, model(url, "").replace("otherwise: idle", "otherwise: idle\n    period: fortnight"));
    final SQLException period = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file).close());
    assertTrue(period.getMessage().contains("bad-period.yaml:10:") && period.getMessage().contains("day, week"),
        period.getMessage());
    Files.writeString(file, model(url, "").replace("max: " + MAX, "max: 0"));
    final SQLException max = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file).close());
    assertTrue(max.getMessage().contains("max must be"), max.getMessage());
    Files.writeString(file, model(url, "").replace("max: " + MAX, "maximum: 3"));
    final SQLException key = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:model=" + file).close());
    assertFalse(key.getMessage().isEmpty());
    assertTrue(key.getMessage().contains("unknown key 'maximum'"), key.getMessage());
  }
}
