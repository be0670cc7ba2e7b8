package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The step scan gives exactly the answers of Calcite's generic per-row aggregate ({@code funnel.pushdown=never},
 * itself checked against the brute force in {@link BehaviouralFunctionsEndToEndTest}) for many query shapes over
 * random events with NULL keys, NULL times, NULL conditions, ties and repeats, on H2, DuckDB and PostgreSQL, whether
 * FunnelSQL orders the rows, the store orders them ({@code funnel.sort=source}), or the buffer limit forces the
 * switch from one to the other mid-query.
 */
class StepScanEndToEndTest {
  private static final long BASE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final String[] NAMES = {"a", "b", "c", "d", "x", null};
  private static final String[] ACCOUNTS = {"A", "B", "C", "it's", null};
  private static final String STEPS = "event_name = 'a', event_name = 'b', event_name = 'c'";
  /** A filter no row passes: the aggregate without GROUP BY still returns its one row. */
  private static final String EMPTY = "user_id < -5";
  private static final List<String> VARIANTS = List.of("", ";funnel.sort=source", ";funnel.bufferLimit=1");

  /** Query shapes: every one must run as a step scan (checked) and agree with the generic aggregate. */
  private static final List<String> QUERIES = List.of(
      "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '10' MINUTE, " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 600, 'strict_deduplication', " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 600, 'strict_order', " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 600, 'strict_order, allow_reentry', " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 600, 'strict_increase,strict_once', " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 900, 'unordered', " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(secs, 600, " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(event_day, INTERVAL '2' DAY, " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 600, " + STEPS + "), FUNNEL_TIMES(ts, 600, " + STEPS + "), "
          + "FUNNEL_STEP(ts, 300, event_name = 'b', event_name = 'c', event_name = 'd') FROM steps GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 600, " + STEPS + ") FILTER (WHERE account = 'A') FROM steps GROUP BY user_id",
      "SELECT user_id, RETENTION(" + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT user_id, SEQUENCE_MATCH('(?1).*(?2)(?t<=300)(?3)', ts, " + STEPS + "), "
          + "SEQUENCE_COUNT('(?1)(?2)', ts, " + STEPS + ") FROM steps GROUP BY user_id",
      "SELECT account, FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps GROUP BY account",
      "SELECT user_id, account, FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps GROUP BY user_id, account",
      "SELECT MOD(user_id, 7), FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps GROUP BY MOD(user_id, 7)",
      "SELECT FUNNEL_STEP(ts, 600, " + STEPS + "), FUNNEL_TIMES(ts, 600, " + STEPS + ") FROM steps",
      "SELECT FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps WHERE " + StepScanEndToEndTest.EMPTY,
      "SELECT user_id, FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps WHERE event_name IN ('a', 'b', 'c') "
          + "AND ts IS NOT NULL GROUP BY user_id",
      "SELECT user_id, FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps WHERE account <> 'B' GROUP BY user_id",
      "SELECT r, COUNT(*) FROM (SELECT user_id, FUNNEL_STEP(ts, 600, " + STEPS + ") AS r FROM steps "
          + "GROUP BY user_id) t GROUP BY r",
      "SELECT user_id, FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps GROUP BY user_id "
          + "HAVING FUNNEL_STEP(ts, 600, " + STEPS + ") >= 2");

  private static List<Object[]> randomRows(long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final List<Object[]> rows = new ArrayList<>();
    for (int user = 0; user < 300; user++) {
      final Long userId = user % 97 == 0 ? null : (long) (user * 31 % 1000);
      final int count = random.nextInt(30);
      final int spread = 1 + random.nextInt(60);
      for (int i = 0; i < count; i++) {
        final long millis = BASE + 30_000L * random.nextInt(spread) + (random.nextInt(4) == 0 ? 1 : 0);
        final boolean noTime = random.nextInt(25) == 0;
        rows.add(new Object[] {userId, ACCOUNTS[random.nextInt(ACCOUNTS.length)],
            noTime ? null : new Timestamp(millis), noTime ? null : millis / 1000,
            noTime ? null : new Date(millis / 86_400_000L * 86_400_000L + random.nextInt(3) * 86_400_000L),
            NAMES[random.nextInt(NAMES.length)]});
      }
    }
    return rows;
  }

  private static List<String> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      return sorted(rows);
    }
  }

  private static List<String> sorted(ResultSet rows) throws SQLException {
    final List<String> result = new ArrayList<>();
    final int width = rows.getMetaData().getColumnCount();
    while (rows.next()) {
      final List<Object> row = new ArrayList<>();
      for (int i = 1; i <= width; i++) {
        final Object value = rows.getObject(i);
        row.add(value instanceof Array ? Arrays.asList((Object[]) ((Array) value).getArray()) : value);
      }
      result.add(row.toString());
    }
    result.sort(null);
    return result;
  }

  private static String plan(Connection connection, String sql) throws SQLException {
    final StringBuilder plan = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rows.next()) {
        plan.append(rows.getString(1));
      }
    }
    return plan.toString();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyQueryShapeAgreesWithTheGenericAggregateInEveryOrderingMode(Kind kind) throws SQLException {
    for (long seed : new long[] {1, 2}) {
      final String source = EventStores.create(kind, "steps", "user_id BIGINT, account VARCHAR(8), ts TIMESTAMP, "
          + "secs BIGINT, event_day DATE, event_name VARCHAR(8)", randomRows(seed));
      final String url = EventStores.funnelUrl(kind, source);
      final List<Connection> scans = new ArrayList<>();
      try (LogCapture log = LogCapture.of("dev.funnelsql.calcite.stepscan");
          Connection generic = DriverManager.getConnection(url + ";funnel.pushdown=never")) {
        for (String variant : VARIANTS) {
          scans.add(DriverManager.getConnection(url + variant));
        }
        for (String sql : QUERIES) {
          final List<String> expected = rows(generic, sql);
          assertTrue(expected.size() > 0, sql);
          assertFalse(plan(generic, sql).contains("StepScanAggregate"), "funnel.pushdown=never is obeyed: " + sql);
          for (int v = 0; v < VARIANTS.size(); v++) {
            final String variant = VARIANTS.get(v);
            if (v < 2) {
              final String plan = plan(scans.get(v), sql);
              assertTrue(plan.contains("StepScanAggregate"), kind + variant + " plans a step scan: " + sql);
              assertTrue(plan.contains(v == 0 ? "order=[client]" : "order=[source]"), kind + variant + ": " + plan);
            }
            final long fallbacks = log.count("the store orders them instead");
            assertEquals(expected, rows(scans.get(v), sql), kind + variant + " seed " + seed + ": " + sql);
            final boolean overLimit = v == 2 && !sql.contains(EMPTY);
            assertEquals(overLimit ? fallbacks + 1 : fallbacks, log.count("the store orders them instead"),
                kind + variant + " falls back to the store's order only over the buffer limit: " + sql);
          }
        }
      } finally {
        for (Connection scan : scans) {
          scan.close();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void dynamicParametersReachTheStoreQuery(Kind kind) throws SQLException {
    final String source = EventStores.create(kind, "steps", "user_id BIGINT, account VARCHAR(8), ts TIMESTAMP, "
        + "secs BIGINT, event_day DATE, event_name VARCHAR(8)", randomRows(3));
    final String url = EventStores.funnelUrl(kind, source);
    final String sql = "SELECT user_id, FUNNEL_STEP(ts, 600, " + STEPS + ") FROM steps WHERE user_id > ? "
        + "AND account <> ? GROUP BY user_id";
    try (Connection generic = DriverManager.getConnection(url + ";funnel.pushdown=never");
        Connection scan = DriverManager.getConnection(url);
        PreparedStatement expected = generic.prepareStatement(sql);
        PreparedStatement actual = scan.prepareStatement(sql)) {
      for (long threshold : new long[] {-1, 300, 900}) {
        for (PreparedStatement statement : List.of(expected, actual)) {
          statement.setLong(1, threshold);
          statement.setString(2, "C");
        }
        try (ResultSet want = expected.executeQuery(); ResultSet got = actual.executeQuery()) {
          assertEquals(sorted(want), sorted(got), kind + " user_id > " + threshold);
        }
      }
    }
  }
}
