package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.functions.funnel.FunnelAccumulator;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.nextnode.NextNodeAccumulator;
import dev.funnelsql.functions.nextnode.NextNodeSpec;
import dev.funnelsql.functions.retention.RetentionAccumulator;
import dev.funnelsql.functions.sequence.SequenceAccumulator;
import dev.funnelsql.functions.sequence.SequencePattern;
import dev.funnelsql.functions.windowfunnel.WindowFunnelAccumulator;
import dev.funnelsql.functions.windowfunnel.WindowFunnelSpec;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the behavioural functions through {@code jdbc:funnelsql:} over H2, DuckDB and PostgreSQL holding the same
 * random events (ties, repeats, NULL times and NULL event names) and checks every store gives the answer that the
 * {@code sql-functions} accumulators give on the same rows.
 */
class BehaviouralFunctionsEndToEndTest {
  private static final long BASE = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  private static final String[] NAMES = {"a", "b", "c", "d", "x", null};
  private static final List<String> MODES = List.of("", "strict_deduplication", "strict_order", "strict_increase",
      "strict_once", "strict_order, allow_reentry", "strict_increase,strict_once");
  private static final String STEPS = "event_name = 'a', event_name = 'b', event_name = 'c'";

  private static List<Event> events;
  private static Map<Long, List<Event>> byUser;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(20261123L);
    events = new ArrayList<>();
    for (long user = 1; user <= 250; user++) {
      final int count = random.nextInt(26);
      final int spread = 1 + random.nextInt(40);
      for (int i = 0; i < count; i++) {
        final Long millis = random.nextInt(30) == 0 ? null : BASE + 30_000L * random.nextInt(spread);
        events.add(new Event(user, millis, NAMES[random.nextInt(NAMES.length)]));
      }
    }
    byUser = EventStores.byUser(events);
  }

  private static int mask(Event event, String... steps) {
    int mask = 0;
    for (int i = 0; i < steps.length; i++) {
      if (steps[i].equals(event.name())) {
        mask |= 1 << i;
      }
    }
    return mask;
  }

  private static <T> Map<Long, T> expected(Function<List<Event>, T> perUser) {
    final Map<Long, T> result = new TreeMap<>();
    byUser.forEach((user, rows) -> result.put(user, perUser.apply(rows)));
    return result;
  }

  private static FunnelAccumulator funnel(List<Event> rows, long window, String modes, long scale) {
    final FunnelAccumulator accumulator = new FunnelAccumulator(FunnelSpec.of(3, window, FunnelSpec.parseModes(modes)));
    for (Event event : rows) {
      if (event.epochMillis() != null) {
        accumulator.add(Math.floorDiv(event.epochMillis(), scale), mask(event, "a", "b", "c"));
      }
    }
    return accumulator;
  }

  private static Map<Long, Object> query(Connection connection, String sql) throws SQLException {
    final Map<Long, Object> result = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        final Object value = rows.getObject(2);
        result.put(rows.getLong(1), value instanceof Array ? arrayToList((Array) value) : value);
      }
    }
    return result;
  }

  private static List<Object> arrayToList(Array array) throws SQLException {
    final List<Object> list = new ArrayList<>();
    for (Object element : (Object[]) array.getArray()) {
      list.add(element instanceof Timestamp ? ((Timestamp) element).getTime() : element);
    }
    return list;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void funnelStepMatchesTheAccumulatorInEveryMode(Kind kind) throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind,
        EventStores.create(kind, events)))) {
      for (String modes : MODES) {
        final String mode = modes.isEmpty() ? "" : "'" + modes + "', ";
        final Map<Long, Object> expected = new TreeMap<>(expected(rows -> funnel(rows, 600_000L, modes, 1).level()));
        assertEquals(expected, query(connection, "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '10' MINUTE, " + mode
            + STEPS + ") FROM events GROUP BY user_id"), kind + " interval window, modes '" + modes + "'");
        assertEquals(expected, query(connection, "SELECT user_id, FUNNEL_STEP(ts, 600, " + mode + STEPS
            + ") FROM events GROUP BY user_id"), kind + " seconds window, modes '" + modes + "'");
        final Map<Long, Object> numeric = new TreeMap<>(expected(rows -> funnel(rows, 600, modes, 1000).level()));
        assertEquals(numeric, query(connection, "SELECT user_id, FUNNEL_STEP(secs, 600, " + mode + STEPS
            + ") FROM events GROUP BY user_id"), kind + " numeric time, modes '" + modes + "'");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void funnelTimesRetentionAndSequencesMatchTheAccumulators(Kind kind) throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind,
        EventStores.create(kind, events)))) {
      final Map<Long, Object> times = new TreeMap<>(expected(rows -> {
        final FunnelAccumulator accumulator = funnel(rows, 600_000L, "", 1);
        final List<Object> list = new ArrayList<>();
        final long[] chain = accumulator.times();
        for (int i = 0; i < 3; i++) {
          list.add(i < accumulator.level() ? (Object) chain[i] : null);
        }
        return list;
      }));
      assertEquals(times, query(connection, "SELECT user_id, FUNNEL_TIMES(ts, INTERVAL '10' MINUTE, " + STEPS
          + ") FROM events GROUP BY user_id"), kind + " FUNNEL_TIMES");

      final Map<Long, Object> retention = new TreeMap<>(expected(rows -> {
        final RetentionAccumulator accumulator = new RetentionAccumulator(3);
        rows.forEach(event -> accumulator.add(mask(event, "a", "b", "c")));
        final List<Object> list = new ArrayList<>();
        for (boolean element : accumulator.result()) {
          list.add(element);
        }
        return list;
      }));
      assertEquals(retention, query(connection, "SELECT user_id, RETENTION(" + STEPS
          + ") FROM events GROUP BY user_id"), kind + " RETENTION");

      for (String pattern : List.of("(?1).*(?2)(?t<=300)(?3)", "(?1)(?2)", "(?1).(?3)", "(?2)(?t>60)(?1)")) {
        final SequencePattern parsed = SequencePattern.parse(pattern, 3);
        final Function<List<Event>, SequenceAccumulator> run = rows -> {
          final SequenceAccumulator accumulator = new SequenceAccumulator(parsed, 1000);
          rows.stream().filter(event -> event.epochMillis() != null)
              .forEach(event -> accumulator.add(event.epochMillis(), mask(event, "a", "b", "c")));
          return accumulator;
        };
        assertEquals(new TreeMap<>(expected(rows -> (Object) run.apply(rows).matches())),
            query(connection, "SELECT user_id, SEQUENCE_MATCH('" + pattern + "', ts, " + STEPS
                + ") FROM events GROUP BY user_id"), kind + " SEQUENCE_MATCH " + pattern);
        assertEquals(new TreeMap<>(expected(rows -> (Object) run.apply(rows).count())),
            query(connection, "SELECT user_id, SEQUENCE_COUNT('" + pattern + "', ts, " + STEPS
                + ") FROM events GROUP BY user_id"), kind + " SEQUENCE_COUNT " + pattern);
      }
    }
  }

  /** WINDOW_FUNNEL in Doris' argument order (every mode) and in StarRocks' (every mode bit set), on every store. */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void windowFunnelMatchesTheAccumulatorInEveryDorisAndStarRocksMode(Kind kind) throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind,
        EventStores.create(kind, events)))) {
      for (String mode : List.of("default", "deduplication", "fixed", "increase")) {
        final WindowFunnelSpec spec = WindowFunnelSpec.doris(3, 600_000L, mode);
        assertEquals(new TreeMap<>(expected(rows -> windowFunnel(rows, spec, 1))), query(connection,
            "SELECT user_id, WINDOW_FUNNEL(600, '" + mode + "', ts, " + STEPS + ") FROM events GROUP BY user_id"),
            kind + " Doris " + mode);
      }
      for (int mode = 0; mode <= 7; mode++) {
        final WindowFunnelSpec spec = WindowFunnelSpec.starRocks(3, 600_000L, mode);
        assertEquals(new TreeMap<>(expected(rows -> windowFunnel(rows, spec, 1))), query(connection,
            "SELECT user_id, WINDOW_FUNNEL(600, ts, " + mode + ", " + STEPS + ") FROM events GROUP BY user_id"),
            kind + " StarRocks " + mode);
        final WindowFunnelSpec numeric = WindowFunnelSpec.starRocks(3, 600L, mode);
        assertEquals(new TreeMap<>(expected(rows -> windowFunnel(rows, numeric, 1000))), query(connection,
            "SELECT user_id, WINDOW_FUNNEL(600, secs, " + mode + ", " + STEPS + ") FROM events GROUP BY user_id"),
            kind + " StarRocks " + mode + " on integer seconds");
      }
    }
  }

  private static Object windowFunnel(List<Event> rows, WindowFunnelSpec spec, long scale) {
    final WindowFunnelAccumulator accumulator = new WindowFunnelAccumulator(spec);
    for (Event event : rows) {
      if (event.epochMillis() != null) {
        accumulator.add(Math.floorDiv(event.epochMillis(), scale), mask(event, "a", "b", "c"));
      }
    }
    return accumulator.level();
  }

  /**
   * SEQUENCE_NEXT_NODE in every direction and base, on every store: rows whose time or event name is NULL are
   * skipped, as ClickHouse skips rows with a NULL argument.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void sequenceNextNodeMatchesTheAccumulatorForEveryBase(Kind kind) throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind,
        EventStores.create(kind, events)))) {
      for (String[] call : List.of(new String[] {"forward", "head"}, new String[] {"forward", "first_match"},
          new String[] {"forward", "last_match"}, new String[] {"backward", "tail"},
          new String[] {"backward", "first_match"}, new String[] {"backward", "last_match"})) {
        final NextNodeSpec spec = NextNodeSpec.of(call[0], call[1], 2);
        final Map<Long, Object> expected = new TreeMap<>(expected(rows -> {
          final NextNodeAccumulator accumulator = new NextNodeAccumulator(spec);
          for (Event event : rows) {
            if (event.epochMillis() != null && event.name() != null) {
              accumulator.add(event.epochMillis(), event.name(), mask(event, "a", "a", "b"));
            }
          }
          return accumulator.result();
        }));
        final Map<Long, Object> actual = query(connection, "SELECT user_id, SEQUENCE_NEXT_NODE('" + call[0] + "', '"
            + call[1] + "', ts, event_name, event_name = 'a', event_name = 'a', event_name = 'b') "
            + "FROM events GROUP BY user_id");
        assertEquals(expected, actual, kind + " " + call[0] + " " + call[1]);
      }
    }
  }

  /** As in ClickHouse, where a Date counts days, a time condition over a DATE counts days, not seconds. */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void sequenceTimeConditionsOverADateCountDays(Kind kind) throws SQLException {
    final List<Object[]> rows = List.of(
        new Object[] {1L, java.sql.Date.valueOf("2026-01-01"), 1L},
        new Object[] {1L, java.sql.Date.valueOf("2026-01-03"), 2L},
        new Object[] {2L, java.sql.Date.valueOf("2026-01-01"), 1L},
        new Object[] {2L, java.sql.Date.valueOf("2026-01-04"), 2L});
    final String source = EventStores.create(kind, "visits", "user_id BIGINT, d DATE, step BIGINT", rows);
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      assertEquals(Map.of(1L, true, 2L, false), query(connection, "SELECT user_id, "
          + "SEQUENCE_MATCH('(?1)(?t<=2)(?2)', d, step = 1, step = 2) FROM visits GROUP BY user_id"), kind.name());
      assertEquals(Map.of(1L, 0L, 2L, 1L), query(connection, "SELECT user_id, "
          + "SEQUENCE_COUNT('(?1)(?t>2)(?2)', d, step = 1, step = 2) FROM visits GROUP BY user_id"), kind.name());
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void filterClauseAndWhereRestrictTheRowsAFunnelSees(Kind kind) throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind,
        EventStores.create(kind, events)))) {
      final Map<Long, Object> filtered = new TreeMap<>(expected(rows -> funnel(rows.stream()
          .filter(event -> event.name() != null).toList(), 600_000L, "strict_order", 1).level()));
      assertEquals(filtered, query(connection, "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '10' MINUTE, "
          + "'strict_order', " + STEPS + ") FILTER (WHERE event_name IS NOT NULL) FROM events GROUP BY user_id"),
          kind + " FILTER");
      final Map<Long, Object> where = query(connection, "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '10' MINUTE, "
          + "'strict_order', " + STEPS + ") FROM events WHERE event_name IS NOT NULL GROUP BY user_id");
      where.forEach((user, level) -> assertEquals(filtered.get(user), level, kind + " WHERE, user " + user));
      assertEquals(filtered.keySet().size() - where.size(), filtered.values().stream()
          .filter(level -> level.equals(0)).count() - where.values().stream().filter(level -> level.equals(0)).count(),
          kind + " only users whose rows all have NULL event names disappear with WHERE");
    }
  }
}
