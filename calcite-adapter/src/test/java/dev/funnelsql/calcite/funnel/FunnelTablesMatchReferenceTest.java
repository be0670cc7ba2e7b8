package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import dev.funnelsql.functions.funnel.FunnelAccumulator;
import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every table of a model funnel ({@code funnels.<f>}, {@code _summary}, {@code _chart}) equals the answer computed
 * in Java from the events alone, on random events with equal timestamps, NULL times and names, repeated events and
 * users without steps, for every order mode, with and without an exclusion, with breakdowns that leave some users in
 * no segment, and through every execution path: the step scan bucketing rows, the store ordering them, the buffer
 * limit forcing the fallback, and Calcite's generic aggregate. The chain of each user comes from {@code
 * sql-functions}' {@link FunnelAccumulator} (itself checked against brute force and ClickHouse's tests); the
 * exclusions, segments, counts, conversions, drop-offs and medians are recomputed here from the events.
 */
class FunnelTablesMatchReferenceTest {
  private static final List<String> STEPS = List.of("a", "b", "c");
  private static final List<String> NAMES = List.of("Saw a", "Saw b", "Saw c");
  private static final List<Set<FunnelMode>> MODES = List.of(Set.of(), Set.of(FunnelMode.STRICT_DEDUPLICATION),
      Set.of(FunnelMode.STRICT_INCREASE), Set.of(FunnelMode.STRICT_ONCE), Set.of(FunnelMode.STRICT_ORDER),
      Set.of(FunnelMode.STRICT_ORDER, FunnelMode.ALLOW_REENTRY), Set.of(FunnelMode.UNORDERED),
      Set.of(FunnelMode.STRICT_INCREASE, FunnelMode.STRICT_ONCE));
  private static final List<Set<FunnelMode>> ORDERED_MODES = MODES.stream()
      .filter(modes -> !modes.contains(FunnelMode.UNORDERED)).toList();
  private static final List<String> PATHS = List.of("", "funnel.sort=source", "funnel.bufferLimit=1",
      "funnel.pushdown=never");
  private static final int ROUNDS = 8;
  private static final NormalDistribution NORMAL = new NormalDistribution();

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void everyFunnelTableMatchesTheReference(StoreKind kind) throws SQLException {
    int checkedUsers = 0;
    int excludedUsers = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(1000L * round + kind.ordinal());
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 160, 16);
      final Set<FunnelMode> modes = MODES.get(round % MODES.size());
      final long windowDays = 1 + random.nextInt(5);
      final boolean excludes = round % 2 == 0;
      final Reference reference = new Reference(events, modes, windowDays * RandomEvents.DAY, excludes);
      excludedUsers += reference.excluded;
      checkedUsers += reference.levels.size();
      final Store store = TestEvent.store(kind, events);
      {
        for (String path : PATHS) {
          try (AdapterConnection connection = AdapterConnections.open(store, model(modes, windowDays, excludes),
              settings(path))) {
            final String where = kind + ", round " + round + ", modes " + modes + ", " + path;
            assertEquals(reference.detail(), rows(connection, "SELECT user_id, step, step_name, entered_at, "
                + "reached_at, seconds_since_entry, volume, buyer FROM funnels.checkout"), where + ": detail");
            assertCountTables(connection, reference, windowDays, where);
          }
        }
      }
    }
    assertTrue(checkedUsers > 1000, "users checked: " + checkedUsers);
    assertTrue(excludedUsers > 10, "users an exclusion stopped: " + excludedUsers);
  }

  /**
   * A funnel {@code per:} a column counts its entities (here the {@code revenue} amount, twenty values shared by many
   * users, NULL on some rows) as the funnel per user counts users, in every table and on every path, within a range
   * too, and {@code FUNNEL_STEP} grouped by that column gives the same counts.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aFunnelPerEntityCountsTheEntities(StoreKind kind) throws SQLException {
    int checkedEntities = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(3000L * round + kind.ordinal());
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 60, 16);
      final Set<FunnelMode> modes = MODES.get(round % MODES.size());
      final long windowDays = 1 + random.nextInt(3);
      final boolean excludes = round % 2 == 0;
      final java.util.function.Function<TestEvent, Long> entity =
          event -> event.revenue() == null ? null : (long) event.revenue();
      final Reference reference = new Reference(events, modes, windowDays * RandomEvents.DAY, excludes,
          EntryRange.ALL, entity);
      checkedEntities += (int) reference.levels.values().stream().filter(level -> level > 0).count();
      final String model = model(modes, windowDays, excludes).replace("    breakdowns: [volume, buyer]\n",
          "    per: revenue\n");
      for (String path : PATHS) {
        try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
            settings(path))) {
          final String where = kind + ", round " + round + ", modes " + modes + ", " + path;
          assertEquals(reference.detail(), rows(connection, "SELECT revenue, step, step_name, entered_at, "
              + "reached_at, seconds_since_entry FROM funnels.checkout"), where + ": detail");
          assertCountTables(connection, reference, windowDays, where);
          if (!modes.contains(FunnelMode.UNORDERED)) {
            assertChartWithin(connection, EntryRange.random(random),
                range -> new Reference(events, modes, windowDays * RandomEvents.DAY, excludes, range, entity), where);
          }
          if (!excludes) {
            final List<Object> reached = new ArrayList<>();
            for (List<Object> row : connection.rows("SELECT s, COUNT(*) FROM (SELECT FUNNEL_STEP(ts, INTERVAL '"
                + windowDays + "' DAY, " + (modes.isEmpty() ? ""
                : "'" + FunnelSpec.formatModes(EnumSet.copyOf(modes)) + "', ") + "event_name = 'a', "
                + "event_name = 'b', event_name = 'c') AS s FROM events WHERE revenue IS NOT NULL GROUP BY "
                + "revenue) AS f WHERE s > 0 GROUP BY s ORDER BY s")) {
              reached.add(row.get(1));
            }
            final List<Object> expected = new ArrayList<>();
            final long[] atLeast = new long[STEPS.size()];
            reference.levels.values().forEach(level -> {
              for (int k = 0; k < level; k++) {
                atLeast[k]++;
              }
            });
            for (int k = 0; k < STEPS.size(); k++) {
              final long exactly = atLeast[k] - (k + 1 < atLeast.length ? atLeast[k + 1] : 0);
              if (exactly > 0) {
                expected.add(exactly);
              }
            }
            assertEquals(expected.toString(), reached.toString(), where + ": FUNNEL_STEP grouped by revenue");
          }
        }
      }
    }
    assertTrue(checkedEntities > 80, "entities checked: " + checkedEntities);
  }

  /**
   * A funnel {@code per: session} counts the sessions the model derives ({@code session: { gap: … }}): each a (user,
   * session number) pair, so two users' first sessions are two entities; the sessions are cut here by brute force
   * (each user's timed events sorted, a new session after every gap longer than the model's, equal times and a gap
   * exactly as long never splitting one), then counted as the funnel per entity is, in every table, on every path,
   * within a range too, and {@code FUNNEL_STEP} grouped by user and {@code SESSIONIZE} gives the same counts.
   */
  /** The summary, chart and time-to-convert tables equal the reference's. */
  private static void assertCountTables(AdapterConnection connection, Reference reference, long windowDays,
      String where) throws SQLException {
    assertEquals(reference.summary(), millis(connection.rows("SELECT * FROM funnels.checkout_summary")),
        where + ": summary");
    assertEquals(reference.chart(), millis(connection.rows("SELECT * FROM funnels.checkout_chart")),
        where + ": chart");
    assertEquals(reference.timeToConvert(windowDays * 86_400), millis(connection.rows(
        "SELECT * FROM funnels.checkout_time_to_convert")), where + ": time to convert");
  }

  /** The chart scoped to an entry range equals the chart of the reference funnel over that range. */
  private static void assertChartWithin(AdapterConnection connection, EntryRange range,
      java.util.function.Function<EntryRange, Reference> over, String where) throws SQLException {
    assertEquals(range.isEmpty() ? "[]" : over.apply(range).chart(), millis(connection.rows(
        "SELECT * FROM funnels.checkout_chart WHERE " + range.sql())), where + ": chart within " + range.sql());
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aFunnelPerSessionCountsEachUsersSessions(StoreKind kind) throws SQLException {
    final List<String> gaps = List.of("6h", "12h", "1d", "7h");
    int checkedSessions = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(17000L * round + kind.ordinal());
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 60, 16);
      final Set<FunnelMode> modes = MODES.get(round % MODES.size());
      final long windowDays = 1 + random.nextInt(3);
      final boolean excludes = round % 2 == 0;
      final String gap = gaps.get(round % gaps.size());
      final long gapMillis = gap.endsWith("d") ? RandomEvents.DAY : 3_600_000L * Long.parseLong(gap.replace("h", ""));
      final Map<TestEvent, Long> sessions = sessions(events, gapMillis);
      // An entity per (user, session): user * 1000 + session, shown by the table as "user:session".
      final java.util.function.Function<TestEvent, Long> entity =
          event -> sessions.containsKey(event) ? event.userId() * 1000 + sessions.get(event) : null;
      final Reference reference = new Reference(events, modes, windowDays * RandomEvents.DAY, excludes,
          EntryRange.ALL, entity);
      checkedSessions += (int) reference.levels.values().stream().filter(level -> level > 0).count();
      final String model = model(modes, windowDays, excludes)
          .replace("event: event_name }", "event: event_name, session: { gap: " + gap + " } }")
          .replace("    breakdowns: [volume, buyer]\n", "    per: session\n");
      for (String path : PATHS) {
        try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
            settings(path))) {
          final String where = kind + ", round " + round + ", gap " + gap + ", modes " + modes + ", " + path;
          final Set<String> detail = new TreeSet<>();
          for (String row : rows(connection, "SELECT session, step, step_name, entered_at, reached_at, "
              + "seconds_since_entry FROM funnels.checkout")) {
            final String[] key = row.substring(1, row.indexOf(',')).split(":");
            final long id = Long.parseLong(key[0]) * 1000 + Long.parseLong(key[1]);
            detail.add("[" + id + row.substring(row.indexOf(',')));
          }
          assertEquals(reference.detail(), detail, where + ": detail");
          assertCountTables(connection, reference, windowDays, where);
          if (!modes.contains(FunnelMode.UNORDERED)) {
            assertChartWithin(connection, EntryRange.random(random),
                range -> new Reference(events, modes, windowDays * RandomEvents.DAY, excludes, range, entity), where);
          }
          if (!excludes && path.isEmpty()) {
            final long[] atLeast = new long[STEPS.size()];
            reference.levels.values().forEach(level -> {
              for (int k = 0; k < level; k++) {
                atLeast[k]++;
              }
            });
            final List<Object> expected = new ArrayList<>();
            for (long count : atLeast) {
              expected.add(count);
            }
            final List<Object> reached = new ArrayList<>();
            for (int k = 1; k <= STEPS.size(); k++) {
              reached.add(connection.rows("SELECT COUNT(*) FROM (SELECT FUNNEL_STEP(ts, INTERVAL '" + windowDays
                  + "' DAY, " + (modes.isEmpty() ? "" : "'" + FunnelSpec.formatModes(EnumSet.copyOf(modes)) + "', ")
                  + "event_name = 'a', event_name = 'b', event_name = 'c') AS s FROM (SELECT user_id, ts, event_name, "
                  + "SESSIONIZE(ts, " + gapMillis / 1000 + ") OVER (PARTITION BY user_id ORDER BY ts) AS n FROM "
                  + "events) AS e WHERE n IS NOT NULL GROUP BY user_id, n) AS f WHERE s >= " + k).get(0).get(0));
            }
            assertEquals(expected.toString(), reached.toString(), where + ": FUNNEL_STEP grouped by SESSIONIZE");
          }
        }
      }
    }
    assertTrue(checkedSessions > 150, "sessions checked: " + checkedSessions);
  }

  /**
   * Every table of a funnel {@code per: session} (the trend, the drivers and the drop-off paths too) equals the same
   * funnel {@code per:} a column of the store that holds each event's brute-force session key, {@code user:session}.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void everyTableOfAFunnelPerSessionEqualsTheFunnelPerItsSessionColumn(StoreKind kind) throws SQLException {
    final SplittableRandom random = new SplittableRandom(19000L + kind.ordinal());
    final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 150, 16);
    final Map<TestEvent, Long> sessions = sessions(events, 12 * 3_600_000L);
    final List<Object[]> rows = new ArrayList<>();
    for (TestEvent event : events) {
      final Long millis = event.millis();
      rows.add(new Object[] {event.userId(), millis == null ? null : new java.sql.Timestamp(millis),
          event.name(), event.source(), event.score(), sessions.containsKey(event)
          ? event.userId() + ":" + sessions.get(event) : null});
    }
    final dev.funnelsql.calcite.testing.Store store = dev.funnelsql.calcite.testing.TestStores.create(kind, "events",
        "user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(16), source VARCHAR(16), score INTEGER, sess VARCHAR(32)",
        rows);
    final String funnel = """
            window: 2d
            drivers: [source, score]
            breakdowns: [source]
            steps:
              - { name: Saw a, when: "event_name = 'a'" }
              - { name: Saw b, when: "event_name = 'b'" }
              - { name: Saw c, when: "event_name = 'c'" }
        """;
    final String model = "events: { table: events, user: user_id, time: ts, event: event_name, "
        + "session: { gap: 12h } }\nfunnels:\n  derived:\n    per: session\n" + funnel
        + "  stored:\n    per: sess\n" + funnel;
    int compared = 0;
    try (AdapterConnection connection = AdapterConnections.open(store, model, new Properties())) {
      for (String suffix : List.of("_summary", "_chart", "_trend", "_time_to_convert", "_drivers", "_paths")) {
        final String derived = millis(connection.rows("SELECT * FROM funnels.derived" + suffix));
        assertEquals(millis(connection.rows("SELECT * FROM funnels.stored" + suffix)), derived, kind + " " + suffix);
        compared += derived.length() > 2 ? 1 : 0;
      }
      assertEquals(rows(connection, "SELECT sess, step, step_name, entered_at, reached_at, seconds_since_entry "
          + "FROM funnels.stored"), rows(connection, "SELECT session, step, step_name, entered_at, reached_at, "
          + "seconds_since_entry FROM funnels.derived"), kind + " detail");
    }
    assertEquals(6, compared, "tables with rows");
  }

  /**
   * Each timed event's session number by brute force: a user's events with a time sorted by it, session 1 at the
   * first and one more after every gap longer than {@code gap}; events without a time have none.
   */
  static Map<TestEvent, Long> sessions(List<TestEvent> events, long gap) {
    final Map<TestEvent, Long> sessions = new java.util.IdentityHashMap<>();
    RandomEvents.byUser(events).forEach((user, own) -> {
      final List<TestEvent> timed = new ArrayList<>(own.stream().filter(e -> e.millis() != null).toList());
      timed.sort(Comparator.comparing(TestEvent::millis));
      long session = 0;
      Long previous = null;
      for (TestEvent event : timed) {
        if (previous == null || event.millis() - previous > gap) {
          session++;
        }
        previous = event.millis();
        sessions.put(event, session);
      }
    });
    return sessions;
  }

  /**
   * A breakdown by a column of the events (here {@code source}, NULL on some rows) gives each user the column's value
   * on the event of the step the attribution names: step 1 ({@code first_touch}), the last step reached ({@code
   * last_touch}) or step 2 (users short of it in no segment); of several such events at that instant, the smallest
   * value. Computed here from each user's chain and events.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aColumnBreakdownTakesTheValueOnTheAttributedStepsEvent(StoreKind kind) throws SQLException {
    final List<String> attributions = List.of("first_touch", "last_touch", "{ step: 2 }");
    int checkedUsers = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(11000L * round + kind.ordinal());
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 120, 16);
      final Set<FunnelMode> modes = ORDERED_MODES.get(round % ORDERED_MODES.size());
      final long windowDays = 1 + random.nextInt(5);
      final boolean excludes = round % 2 == 1;
      final String attribution = attributions.get(round % attributions.size());
      final Reference reference = new Reference(events, modes, windowDays * RandomEvents.DAY, excludes);
      final Map<Long, String> source = new TreeMap<>();
      RandomEvents.byUser(events).forEach((user, own) -> {
        final int level = reference.levels.get(user);
        final int step = attribution.equals("first_touch") ? 0 : attribution.equals("last_touch") ? level - 1
            : level >= 2 ? 1 : -1;
        if (level == 0 || step < 0) {
          return;
        }
        final long at = reference.times.get(user)[step];
        own.stream().filter(e -> STEPS.get(step).equals(e.name()) && e.millis() != null && e.millis() == at
            && e.source() != null).map(TestEvent::source).min(Comparator.naturalOrder())
            .ifPresent(value -> source.put(user, value));
      });
      checkedUsers += source.size();
      final String model = model(modes, windowDays, excludes).replace("    breakdowns: [volume, buyer]\n",
          "    breakdowns: [volume, source]\n    attribution: " + attribution + "\n");
      final String expected = reference.summary(Map.of("volume", reference.volume, "source", source));
      for (String path : PATHS) {
        try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
            settings(path))) {
          final String where = kind + ", round " + round + ", " + attribution + ", modes " + modes + ", " + path;
          assertEquals(expected, millis(connection.rows("SELECT * FROM funnels.checkout_summary")), where);
          final List<List<Object>> onlySource = new ArrayList<>();
          for (List<Object> row : connection.rows("SELECT * FROM funnels.checkout_summary")) {
            if ("source".equals(row.get(3))) {
              onlySource.add(row);
            }
          }
          assertEquals(millis(onlySource), millis(connection.rows(
              "SELECT * FROM funnels.checkout_summary WHERE breakdown = 'source'")), where + ": source only");
        }
      }
    }
    assertTrue(checkedUsers > 250, "users with a value checked: " + checkedUsers);
  }

  /**
   * {@code _drivers} counts, for each step after the first, the users who reached the step before it and did each
   * event name that is no step ({@code x}) and each value of the {@code drivers:} columns (a text and an integer,
   * NULLs left out) between entering and converting (strictly before the step's time) or, for those who did not
   * convert, the window's end; with the odds ratio and p-value of those counts, rows below the threshold left out,
   * ordered by strength: computed here from the events and each user's chain.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void theDriversCountWhatUsersDidBeforeConvertingOrDropping(StoreKind kind) throws SQLException {
    int checkedRows = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(5000L * round + kind.ordinal());
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 200, 16);
      final Set<FunnelMode> modes = ORDERED_MODES.get(round % ORDERED_MODES.size());
      final long windowDays = 1 + random.nextInt(5);
      final long window = windowDays * RandomEvents.DAY;
      final boolean excludes = round % 2 == 0;
      final Reference reference = new Reference(events, modes, window, excludes);
      // Per transition (to step 2, to step 3) and (driver, value): users who did it and converted, and dropped.
      final List<Map<List<String>, long[]>> counts = List.of(new TreeMap<>(Comparator.comparing(Object::toString)),
          new TreeMap<>(Comparator.comparing(Object::toString)));
      final long[] converted = new long[2];
      final long[] dropped = new long[2];
      RandomEvents.byUser(events).forEach((user, own) -> {
        final int level = reference.levels.get(user);
        final long[] chain = reference.times.get(user);
        for (int k = 1; k <= Math.min(level, 2); k++) {
          final boolean converts = level > k;
          (converts ? converted : dropped)[k - 1]++;
          final Set<List<String>> done = new TreeSet<>(Comparator.comparing(Object::toString));
          for (TestEvent event : own) {
            final Long t = event.millis();
            if (t == null || t < chain[0] || (converts ? t >= chain[k] : t > chain[0] + window)) {
              continue;
            }
            if (event.name() != null && !STEPS.contains(event.name())) {
              done.add(List.of("event", event.name()));
            }
            if (event.source() != null) {
              done.add(List.of("source", event.source()));
            }
            if (event.score() != null) {
              done.add(List.of("score", event.score().toString()));
            }
          }
          final int transition = k - 1;
          done.forEach(driver -> counts.get(transition).computeIfAbsent(driver, d -> new long[2])[converts ? 0 : 1]++);
        }
      });
      final List<List<Object>> expected = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        final List<List<Object>> step = new ArrayList<>();
        for (Map.Entry<List<String>, long[]> entry : counts.get(k).entrySet()) {
          final long with = entry.getValue()[0];
          final long without = entry.getValue()[1];
          if (with + without >= ConversionDrivers.MIN_USERS) {
            final double a = with + 0.5;
            final double b = without + 0.5;
            final double c = converted[k] - with + 0.5;
            final double d = dropped[k] - without + 0.5;
            final double ratio = a * d / (b * c);
            final double z = Math.abs(Math.log(ratio)) / Math.sqrt(1 / a + 1 / b + 1 / c + 1 / d);
            final double p = 2 * (1 - NORMAL.cumulativeProbability(z));
            step.add(Arrays.asList(k + 2, (k + 2) + ". " + NAMES.get(k + 1), entry.getKey().get(0),
                entry.getKey().get(1), with, without, ratio, p));
          }
        }
        step.sort(Comparator.<List<Object>>comparingDouble(row -> -Math.abs(Math.log((Double) row.get(6))))
            .thenComparing(row -> (String) row.get(2)).thenComparing(row -> (String) row.get(3)));
        expected.addAll(step);
      }
      checkedRows += expected.size();
      final String model = model(modes, windowDays, excludes).replace("    breakdowns: [volume, buyer]\n",
          "    breakdowns: [volume, buyer]\n    drivers: [source, score]\n");
      for (String path : PATHS) {
        try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
            settings(path))) {
          assertEquals(rounded(expected), rounded(connection.rows("SELECT * FROM funnels.checkout_drivers")),
              kind + ", round " + round + ", modes " + modes + ", " + path);
        }
      }
    }
    assertTrue(checkedRows > 80, "driver rows checked: " + checkedRows);
  }

  /** The rows as text, each double to nine significant digits. */
  private static String rounded(List<List<Object>> rows) {
    final List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      final List<Object> values = new ArrayList<>(row);
      values.replaceAll(value -> value instanceof Double ? String.format("%.9g", value) : value);
      out.add(values);
    }
    return out.toString();
  }

  /**
   * A range on {@code entered_at} (one-sided or two, open or closed, {@code BETWEEN}, {@code =}, with bounds on event
   * times so that the edges are hit) gives the tables of the users whose chain's step 1 lies in it, their later steps
   * up to the window past its end: the funnel computed by hand over that range, for every mode; an {@code unordered}
   * funnel's chain starts at whichever step comes first, and only a row in the range may start it.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aRangeOnEnteredAtScopesEveryTableToTheUsersWhoEnteredInIt(StoreKind kind) throws SQLException {
    int checkedUsers = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(7000L * round + kind.ordinal());
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 120, 16);
      final Set<FunnelMode> modes = MODES.get(round % MODES.size());
      final long windowDays = 1 + random.nextInt(5);
      final boolean excludes = round % 2 == 1;
      final Store store = TestEvent.store(kind, events);
      for (String path : PATHS) {
        try (AdapterConnection connection = AdapterConnections.open(store, model(modes, windowDays, excludes),
            settings(path))) {
          for (int query = 0; query < 3; query++) {
            final EntryRange range = EntryRange.random(random);
            final Reference reference = new Reference(events, modes, windowDays * RandomEvents.DAY, excludes, range);
            checkedUsers += (int) reference.levels.values().stream().filter(level -> level > 0).count();
            final String where = kind + ", round " + round + ", modes " + modes + ", " + path + ", " + range.sql();
            assertEquals(reference.detail(), rows(connection, "SELECT user_id, step, step_name, entered_at, "
                + "reached_at, seconds_since_entry, volume, buyer FROM funnels.checkout WHERE " + range.sql()),
                where + ": detail");
            // A range that holds no time is a filter that is always false: no rows.
            assertEquals(range.isEmpty() ? "[]" : reference.summary(), millis(connection.rows(
                "SELECT * FROM funnels.checkout_summary WHERE " + range.sql())), where + ": summary");
            assertEquals(range.isEmpty() ? "[]" : reference.chart(), millis(connection.rows(
                "SELECT * FROM funnels.checkout_chart WHERE " + range.sql())), where + ": chart");
            assertEquals(range.isEmpty() ? "[]" : reference.timeToConvert(windowDays * 86_400), millis(
                connection.rows("SELECT * FROM funnels.checkout_time_to_convert WHERE " + range.sql())),
                where + ": time to convert");
          }
        }
      }
    }
    assertTrue(checkedUsers > 1000, "users checked: " + checkedUsers);
  }

  /**
   * {@code _trend} counts, for each entry period (hour, day, week or month), the funnel of the users whose first step
   * lies in that period: the funnel computed by hand over that period as a date range.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void theTrendIsTheFunnelOfEachEntryPeriod(StoreKind kind) throws SQLException {
    int checkedPeriods = 0;
    final List<String> units = List.of("day", "week", "month", "hour");
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(9000L * round + kind.ordinal());
      // Every third round on a calendar behind UTC, its events moved to span its clocks' change on 8 March 2026;
      // every third on one ahead of UTC by a part of an hour.
      final LocalCalendar calendar = LocalCalendar.of(List.of("UTC", "America/Los_Angeles", "Asia/Kolkata")
          .get(round % 3));
      final long shift = round % 3 == 1 ? 62 * RandomEvents.DAY : 0;
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 100, 16).stream()
          .map(e -> new TestEvent(e.userId(), e.millis() == null ? null : e.millis() + shift, e.name(), e.source(),
              e.score(), e.revenue())).toList();
      final Set<FunnelMode> modes = ORDERED_MODES.get(round % ORDERED_MODES.size());
      final long windowDays = 1 + random.nextInt(5);
      final boolean excludes = round % 2 == 0;
      final String unit = units.get(round % units.size());
      final CalendarPeriod period = CalendarPeriod.parse(unit);
      final TreeSet<Long> starts = new TreeSet<>();
      events.stream().filter(e -> "a".equals(e.name()) && e.millis() != null)
          .forEach(e -> starts.add(calendar.periodStart(period, e.millis())));
      final List<List<Object>> expected = new ArrayList<>();
      for (long start : starts) {
        final Reference reference = new Reference(events, modes, windowDays * RandomEvents.DAY, excludes,
            new EntryRange(calendar.toInstant(start), true, calendar.periodEnd(period, start), false, ""));
        final List<List<Object>> chart = reference.chartRows();
        if ((Long) chart.get(0).get(1) == 0) {
          continue;
        }
        checkedPeriods++;
        for (int k = 0; k < chart.size(); k++) {
          final long users = (Long) chart.get(k).get(1);
          final long first = (Long) chart.get(0).get(1);
          final Long previous = k == 0 ? null : (Long) chart.get(k - 1).get(1);
          expected.add(Arrays.asList(start, k + 1, chart.get(k).get(0), users, (double) users / first,
              k == 0 ? Double.valueOf(1.0) : previous == 0 ? null : (double) users / previous));
        }
      }
      for (String path : PATHS) {
        try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events),
            "time_zone: " + calendar + "\n" + model(modes, windowDays, excludes, unit), settings(path))) {
          assertEquals(expected.toString(), millis(connection.rows("SELECT * FROM funnels.checkout_trend")),
              kind + ", round " + round + ", " + unit + ", " + calendar + ", modes " + modes + ", " + path);
          // Within a range (a dashboard's date filter, here from mid-period): the same rows, the store reading only
          // the times their chains can use.
          final long from = new ArrayList<>(starts).get(starts.size() / 2) + RandomEvents.DAY / 2;
          final long to = from + 10 * RandomEvents.DAY;
          final List<List<Object>> later = new ArrayList<>(expected);
          later.removeIf(row -> (Long) row.get(0) < from || (Long) row.get(0) >= to);
          final String fromSql = "SELECT * FROM funnels.checkout_trend WHERE period_start >= "
              + EntryRange.literal(from) + " AND period_start < " + EntryRange.literal(to);
          assertEquals(later.toString(), millis(connection.rows(fromSql)), kind + ", round " + round + ", "
              + path + ": " + fromSql);
          assertTrue(!path.isEmpty() || connection.explain(fromSql).matches("(?s).*WHERE.*"
              + timePredicate(from - (calendar.isUtc() ? 0 : RandomEvents.DAY), ">=") + ".*"
              + timePredicate(to + (calendar.isUtc() ? 31 : 32) * RandomEvents.DAY + windowDays * RandomEvents.DAY,
              "<=") + ".*"), connection.explain(fromSql));
        }
      }
    }
    assertTrue(checkedPeriods > 40, "periods checked: " + checkedPeriods);
  }

  /**
   * A range reaches the store as a time predicate on the step rows (the range widened by the window), and step 1's
   * condition carries the range itself; with parameters (a BI tool's prepared filter) the answer is the literal one.
   * Where the funnel takes a segmentation of counts at entry with it ({@code volume}), whose counts need the events
   * before the range, the step rows are bounded by the range's end only; taken now, by both ends.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aRangeReachesTheStoreAsATimePredicate(StoreKind kind) throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(11L, 120, 16);
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model(Set.of(), 2,
        false), new Properties())) {
      final long lower = RandomEvents.BASE + 10 * RandomEvents.DAY;
      final long upper = lower + 7 * RandomEvents.DAY;
      final String literal = "SELECT * FROM funnels.checkout_summary WHERE entered_at >= "
          + EntryRange.literal(lower) + " AND entered_at < " + EntryRange.literal(upper);
      final String plan = connection.explain(literal);
      assertTrue(plan.matches("(?s).*THRESHOLD_TIMES.*CASE WHEN [^\\n]*" + timePredicate(lower, ">=") + ".*")
          && plan.matches("(?s).*WHERE " + timePredicate(upper + 2 * RandomEvents.DAY, "<") + "\\]\\).*"),
          kind + ": the store reads up to the range's end widened by the window, step 1 within it: " + plan);
      try (AdapterConnection now = AdapterConnections.open(TestEvent.store(kind, events), model(Set.of(), 2, false)
          .replace("    breakdowns:", "    as_of: now\n    breakdowns:"), new Properties())) {
        final String nowPlan = now.explain(literal);
        assertTrue(!nowPlan.contains("THRESHOLD_TIMES")
            && nowPlan.matches("(?s).*WHERE.*" + timePredicate(lower, ">=") + ".*")
            && nowPlan.matches("(?s).*WHERE.*" + timePredicate(upper + 2 * RandomEvents.DAY, "<") + ".*"),
            kind + ": the store reads the range widened by the window: " + nowPlan);
      }
      final Reference reference = new Reference(events, Set.of(), 2 * RandomEvents.DAY, false,
          new EntryRange(lower, true, upper, false, ""));
      assertEquals(reference.summary(), millis(connection.rows(literal)), kind + ": literal range");
      final List<List<Object>> bound = new ArrayList<>();
      try (java.sql.PreparedStatement statement = connection.connection().prepareStatement(
          "SELECT * FROM funnels.checkout_summary WHERE entered_at >= ? AND entered_at < ?")) {
        statement.setTimestamp(1, new java.sql.Timestamp(lower));
        statement.setTimestamp(2, new java.sql.Timestamp(upper));
        try (java.sql.ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            final List<Object> row = new ArrayList<>();
            for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
              row.add(result.getObject(i));
            }
            bound.add(row);
          }
        }
      }
      assertEquals(reference.summary(), millis(bound), kind + ": range as parameters");
    }
  }

  /**
   * A relative range as a BI tool writes it ({@code DATE_TRUNC('day', CURRENT_TIMESTAMP - INTERVAL 'n' DAY)}) is
   * evaluated when the statement is planned, reaches the store as a time, and answers as the same range written as
   * literals.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aRelativeRangeReachesTheStoreAsATime(StoreKind kind) throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(13L, 120, 16);
    final java.time.LocalDate from = new java.sql.Timestamp(RandomEvents.BASE).toLocalDateTime().toLocalDate()
        .plusDays(20);
    final long days = java.time.temporal.ChronoUnit.DAYS.between(from, java.time.LocalDate.now());
    final long lower = java.sql.Timestamp.valueOf(from.atStartOfDay()).getTime();
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model(Set.of(), 3,
        false), new Properties())) {
      final String sql = "SELECT * FROM funnels.checkout_chart WHERE entered_at >= DATE_TRUNC('day', "
          + "CURRENT_TIMESTAMP - INTERVAL '" + days + "' DAY)";
      final String plan = connection.explain(sql);
      assertTrue(plan.matches("(?s).*WHERE.*" + timePredicate(lower, ">=") + ".*"),
          kind + ": the store reads from the evaluated time: " + plan);
      assertEquals(new Reference(events, Set.of(), 3 * RandomEvents.DAY, false,
          new EntryRange(lower, true, null, true, "")).chart(), millis(connection.rows(sql)), kind.toString());
    }
  }

  /** The store's spelling of a comparison of the event time with a time, as a regular expression. */
  private static String timePredicate(long millis, String operator) {
    final String time = new java.sql.Timestamp(millis).toLocalDateTime().toString().replace('T', ' ');
    return "\"?(TS|ts)\"? " + java.util.regex.Pattern.quote(operator) + " TIMESTAMP '"
        + java.util.regex.Pattern.quote(time.length() == 16 ? time + ":00" : time) + "(\\.000)?'";
  }

  /** A condition on {@code entered_at} that is not a range is refused on the summary and the chart. */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2"})
  void aConditionOnEnteredAtThatIsNoRangeIsRefused(StoreKind kind) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, RandomEvents.generate(3L, 20,
        8)), model(Set.of(FunnelMode.UNORDERED), 2, false), new Properties())) {
      for (String table : List.of("checkout_summary", "checkout_chart")) {
        final SQLException error = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
            () -> connection.rows("SELECT * FROM funnels." + table + " WHERE HOUR(entered_at) = 3"));
        assertTrue(String.valueOf(error.getMessage()).contains("must be a range of entry times"),
            String.valueOf(error.getMessage()));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aTableReadsOnlyTheMembershipsItsQueryUses(StoreKind kind) throws SQLException {
    final Reference reference = new Reference(RandomEvents.generate(5L, 120, 14), Set.of(), 2 * RandomEvents.DAY,
        true);
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind,
        RandomEvents.generate(5L, 120, 14)), model(Set.of(), 2, true), new Properties())) {
      final String buyerOnly = "SELECT user_id, step, buyer FROM funnels.checkout";
      final String volume = "SELECT * FROM funnels.checkout_summary WHERE breakdown = 'volume'";
      assertTrue(connection.explain("SELECT * FROM funnels.checkout").contains("memberships=[[volume, buyer]]"));
      assertTrue(connection.explain(buyerOnly).contains("memberships=[[buyer]]"), connection.explain(buyerOnly));
      assertTrue(connection.explain("SELECT user_id, step FROM funnels.checkout").contains("memberships=[[]]"));
      assertTrue(connection.explain("SELECT * FROM funnels.checkout_chart").contains("memberships=[[]]"));
      assertTrue(connection.explain(volume).contains("memberships=[[volume]]"), connection.explain(volume));
      assertTrue(connection.explain("SELECT * FROM funnels.checkout_summary WHERE breakdown IS NULL")
          .contains("memberships=[[]]"));
      final Set<String> detail = new TreeSet<>();
      reference.levels.forEach((user, level) -> {
        for (int step = 1; step <= level; step++) {
          detail.add(Arrays.asList(user, step, reference.buyer.get(user)).toString());
        }
      });
      final Set<String> actual = new TreeSet<>();
      connection.rows(buyerOnly).forEach(row -> actual.add(row.toString()));
      assertEquals(detail, actual, kind + ": detail with one segmentation");
      final List<List<Object>> all = connection.rows("SELECT * FROM funnels.checkout_summary");
      all.removeIf(row -> !"volume".equals(row.get(3)));
      assertEquals(all.toString(), connection.rows(volume).toString(), kind + ": one breakdown");
      assertTrue(!all.isEmpty());
      // A breakdown named by a parameter (as literal SQL's shared plan has it): each execution reads only its own.
      final String byParameter = "SELECT * FROM funnels.checkout_summary WHERE breakdown = ?";
      assertTrue(connection.explain(byParameter).contains("breakdown=[?0]"), connection.explain(byParameter));
      final List<List<Object>> everything = connection.rows("SELECT * FROM funnels.checkout_summary");
      for (String breakdown : List.of("volume", "buyer", "nothing")) {
        final List<List<Object>> expected = new ArrayList<>(everything);
        expected.removeIf(row -> !breakdown.equals(row.get(3)));
        assertEquals(expected.toString(), boundRows(connection, byParameter, breakdown).toString(),
            kind + ": breakdown " + breakdown + " as a parameter");
      }
    }
  }

  private static List<List<Object>> boundRows(AdapterConnection connection, String sql, String value)
      throws SQLException {
    final List<List<Object>> rows = new ArrayList<>();
    try (java.sql.PreparedStatement statement = connection.connection().prepareStatement(sql)) {
      statement.setString(1, value);
      try (java.sql.ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          final List<Object> row = new ArrayList<>();
          for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
            row.add(result.getObject(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static Properties settings(String path) {
    final Properties settings = new Properties();
    if (!path.isEmpty()) {
      settings.setProperty(path.substring(0, path.indexOf('=')), path.substring(path.indexOf('=') + 1));
    }
    return settings;
  }

  /**
   * A range of entry times: bounds that are null (open), inclusive or not.
   *
   * @param lower the lower bound (epoch milliseconds), or null
   * @param upper the upper bound, or null
   */
  record EntryRange(Long lower, boolean lowerInclusive, Long upper, boolean upperInclusive, String sql) {
    static final EntryRange ALL = new EntryRange(null, true, null, true, "TRUE");
    private static final long QUARTER_DAY = RandomEvents.DAY / 4;

    /** A random range whose bounds lie on the events' six-hour grid, so that events fall on them. */
    static EntryRange random(SplittableRandom random) {
      final long lower = RandomEvents.BASE + QUARTER_DAY * random.nextInt(4 * 50);
      final long upper = lower + QUARTER_DAY * random.nextInt(4 * 14);
      switch (random.nextInt(6)) {
        case 0:
          return new EntryRange(lower, true, null, true, "entered_at >= " + literal(lower));
        case 1:
          return new EntryRange(null, true, upper, false, literal(upper) + " > entered_at");
        case 2:
          return new EntryRange(lower, true, upper, true, "entered_at BETWEEN " + literal(lower) + " AND "
              + literal(upper));
        case 3:
          return new EntryRange(lower, true, lower, true, "entered_at = " + literal(lower));
        default:
          final boolean from = random.nextBoolean();
          final boolean to = random.nextBoolean();
          return new EntryRange(lower, from, upper, to, "entered_at " + (from ? ">=" : ">") + " " + literal(lower)
              + " AND entered_at " + (to ? "<=" : "<") + " " + literal(upper));
      }
    }

    static String literal(long millis) {
      return "TIMESTAMP '" + new java.sql.Timestamp(millis).toLocalDateTime().toString().replace('T', ' ')
          + (millis % 60_000 == 0 ? ":00" : "") + "'";
    }

    /** Whether no time lies in the range. */
    boolean isEmpty() {
      return lower != null && upper != null && (lower > upper || lower.equals(upper)
          && !(lowerInclusive && upperInclusive));
    }

    /** Whether a step-1 row at {@code t} lies in the range. */
    boolean holds(long t) {
      return (lower == null || (lowerInclusive ? t >= lower : t > lower))
          && (upper == null || (upperInclusive ? t <= upper : t < upper));
    }

    /** Whether a row at {@code t} can be part of a chain that entered in the range: at most the window past it. */
    boolean readsRowAt(long t, long window) {
      return (lower == null || (lowerInclusive ? t >= lower : t > lower))
          && (upper == null || (upperInclusive ? t <= upper + window : t < upper + window));
    }
  }

  /** The rows as text, each TIMESTAMP as its epoch milliseconds. */
  private static String millis(List<List<Object>> rows) {
    final List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      final List<Object> values = new ArrayList<>(row);
      values.replaceAll(value -> value instanceof java.sql.Timestamp ? ((java.sql.Timestamp) value).getTime() : value);
      out.add(values);
    }
    return out.toString();
  }

  private static Set<String> rows(AdapterConnection connection, String sql) throws SQLException {
    final Set<String> rows = new TreeSet<>();
    for (List<Object> row : connection.rows(sql)) {
      final List<Object> values = new ArrayList<>(row);
      values.set(3, ((java.sql.Timestamp) row.get(3)).getTime());
      values.set(4, ((java.sql.Timestamp) row.get(4)).getTime());
      rows.add(values.toString());
    }
    return rows;
  }

  private static String model(Set<FunnelMode> modes, long windowDays, boolean excludes) {
    return model(modes, windowDays, excludes, "week");
  }

  private static String model(Set<FunnelMode> modes, long windowDays, boolean excludes, String trend) {
    return """
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          checkout:
            window: %dd
            trend: %s
            mode: "%s"
            steps:
              - { name: Saw a, when: "event_name = 'a'" }
              - { name: Saw b, when: "event_name = 'b'" }
              - { name: Saw c, when: "event_name = 'c'" }
            breakdowns: [volume, buyer]
        %s
        segmentations:
          volume:
            rules:
              - { segment: heavy, when: "COUNT(*) >= 10" }
              - { segment: medium, when: "COUNT(*) >= 5" }
            otherwise: light
          buyer:
            rules:
              - { segment: repeat, when: "COUNT(*) FILTER (WHERE event_name = 'c') >= 2" }
              - { segment: once, when: "COUNT(*) FILTER (WHERE event_name = 'c') = 1" }
        """.formatted(windowDays, trend, FunnelSpec.formatModes(modes.isEmpty() ? EnumSet.noneOf(FunnelMode.class)
        : EnumSet.copyOf(modes)), excludes ? "    exclusions:\n      - { when: \"event_name = 'x'\", from: 1, to: 3 }"
        : "");
  }

  /** The tables computed from the events. */
  private static final class Reference {
    final Map<Long, Integer> levels = new TreeMap<>();
    final Map<Long, long[]> times = new TreeMap<>();
    final Map<Long, String> volume = new TreeMap<>();
    final Map<Long, String> buyer = new TreeMap<>();
    int excluded;

    /** Whether the funnel counts entities of a {@code per:} column: no segmentation columns or breakdowns. */
    final boolean perEntity;

    Reference(List<TestEvent> events, Set<FunnelMode> modes, long window, boolean excludes) {
      this(events, modes, window, excludes, EntryRange.ALL);
    }

    /** The tables of the users whose chain starts in {@code range}, their later steps up to the window past it. */
    Reference(List<TestEvent> events, Set<FunnelMode> modes, long window, boolean excludes, EntryRange range) {
      this(events, modes, window, excludes, range, null);
    }

    /**
     * The tables of the funnel counted per {@code entity} of each event (events without one left out), or per user
     * if it is null.
     */
    Reference(List<TestEvent> events, Set<FunnelMode> modes, long window, boolean excludes, EntryRange range,
        java.util.function.Function<TestEvent, Long> entity) {
      this.perEntity = entity != null;
      final FunnelSpec spec = FunnelSpec.of(STEPS.size(), window, modes.isEmpty() ? EnumSet.noneOf(FunnelMode.class)
          : EnumSet.copyOf(modes));
      final Map<Long, List<TestEvent>> byKey = new TreeMap<>();
      if (entity == null) {
        byKey.putAll(RandomEvents.byUser(events));
      } else {
        events.stream().filter(event -> entity.apply(event) != null)
            .forEach(event -> byKey.computeIfAbsent(entity.apply(event), k -> new ArrayList<>()).add(event));
      }
      byKey.forEach((user, own) -> {
        final FunnelAccumulator accumulator = new FunnelAccumulator(spec);
        for (TestEvent event : own) {
          if (event.millis() != null && range.readsRowAt(event.millis(), window)) {
            final int step = event.name() == null ? -1 : STEPS.indexOf(event.name());
            if (modes.contains(FunnelMode.UNORDERED)) {
              accumulator.add(event.millis(), step < 0 ? 0 : 1 << step, range.holds(event.millis()));
            } else {
              accumulator.add(event.millis(), step < 0 || step == 0 && !range.holds(event.millis()) ? 0 : 1 << step);
            }
          }
        }
        final long[] chain = accumulator.times();
        int level = accumulator.level();
        if (excludes && level >= 2) {
          final long after = chain[0];
          final long before = chain[Math.min(level, 3) - 1];
          if (own.stream().anyMatch(e -> "x".equals(e.name()) && e.millis() != null && e.millis() > after
              && e.millis() < before)) {
            level = 1;
            excluded++;
          }
        }
        levels.put(user, level);
        times.put(user, chain);
        // The breakdowns as of the user's entry (the funnel's as_of default): the events up to step 1 of the chain.
        final List<TestEvent> before = level == 0 ? own : own.stream()
            .filter(e -> e.millis() != null && e.millis() <= chain[0]).toList();
        volume.put(user, before.size() >= 10 ? "heavy" : before.size() >= 5 ? "medium" : "light");
        final long bought = before.stream().filter(e -> "c".equals(e.name())).count();
        buyer.put(user, bought >= 2 ? "repeat" : bought == 1 ? "once" : null);
      });
    }

    Set<String> detail() {
      final Set<String> rows = new TreeSet<>();
      levels.forEach((user, level) -> {
        final long[] chain = times.get(user);
        for (int step = 1; step <= level; step++) {
          final List<Object> row = new ArrayList<>(Arrays.asList(user, step, NAMES.get(step - 1), chain[0],
              chain[step - 1], (chain[step - 1] - chain[0]) / 1000));
          if (!perEntity) {
            row.add(volume.get(user));
            row.add(buyer.get(user));
          }
          rows.add(row.toString());
        }
      });
      return rows;
    }

    String summary() {
      return summary(perEntity ? Map.of() : Map.of("buyer", buyer, "volume", volume));
    }

    /** The summary broken down by these breakdowns (each user's segment in each), in name order. */
    String summary(Map<String, Map<Long, String>> breakdowns) {
      final List<List<Object>> rows = new ArrayList<>(segmentRows(null, null, user -> true));
      for (Map.Entry<String, Map<Long, String>> byName : new TreeMap<>(breakdowns).entrySet()) {
        final String breakdown = byName.getKey();
        final Map<Long, String> segments = byName.getValue();
        final Set<String> seen = new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        levels.forEach((user, level) -> {
          if (level > 0) {
            seen.add(segments.get(user));
          }
        });
        for (String segment : seen) {
          rows.addAll(segmentRows(breakdown, segment, user -> java.util.Objects.equals(segments.get(user), segment)));
        }
      }
      return rows.toString();
    }

    String chart() {
      return chartRows().toString();
    }

    List<List<Object>> chartRows() {
      final List<List<Object>> rows = new ArrayList<>();
      for (List<Object> row : segmentRows(null, null, user -> true)) {
        rows.add(Arrays.asList(row.get(2), row.get(5), row.get(14)));
      }
      return rows;
    }

    private List<List<Object>> segmentRows(String breakdown, String segment,
        java.util.function.LongPredicate member) {
      final long[] users = new long[STEPS.size()];
      final Long[] earliest = new Long[STEPS.size()];
      final List<List<Long>> seconds = new ArrayList<>();
      final List<List<Long>> fromPrevious = new ArrayList<>();
      STEPS.forEach(step -> seconds.add(new ArrayList<>()));
      STEPS.forEach(step -> fromPrevious.add(new ArrayList<>()));
      levels.forEach((user, level) -> {
        if (member.test(user)) {
          for (int k = 0; k < level; k++) {
            final long[] chain = times.get(user);
            users[k]++;
            seconds.get(k).add((chain[k] - chain[0]) / 1000);
            if (k > 0) {
              fromPrevious.get(k).add((chain[k] - chain[0]) / 1000 - (chain[k - 1] - chain[0]) / 1000);
            }
            earliest[k] = earliest[k] == null ? chain[0] : Math.min(earliest[k], chain[0]);
          }
        }
      });
      final List<List<Object>> rows = new ArrayList<>();
      for (int k = 0; k < STEPS.size(); k++) {
        final List<Long> own = seconds.get(k);
        own.sort(null);
        fromPrevious.get(k).sort(null);
        rows.add(Arrays.asList(k + 1, NAMES.get(k), (k + 1) + ". " + NAMES.get(k), breakdown, segment, users[k],
            users[0] == 0 ? null : (double) users[k] / users[0],
            k == 0 ? Double.valueOf(1.0) : users[k - 1] == 0 ? null : (double) users[k] / users[k - 1],
            users[k] - (k + 1 < users.length ? users[k + 1] : 0), percentile(own, 0.5),
            k == 0 ? null : percentile(fromPrevious.get(k), 0.5), percentile(own, 0.25), percentile(own, 0.75),
            percentile(own, 0.9), earliest[k]));
      }
      return rows;
    }

    /** PostgreSQL's percentile_cont of sorted values: linear between the values around rank (n - 1) p. */
    static Double percentile(List<Long> sorted, double p) {
      if (sorted.isEmpty()) {
        return null;
      }
      final double rank = (sorted.size() - 1) * p;
      final int below = (int) Math.floor(rank);
      final int above = Math.min(sorted.size() - 1, below + 1);
      return sorted.get(below) + (rank - below) * (sorted.get(above) - sorted.get(below));
    }

    /**
     * The time-to-convert rows: per step after the first, the users whose seconds from entry lie in each bucket of
     * readable edges below the window, then the window (the last bucket closed).
     */
    String timeToConvert(long windowSeconds) {
      final List<Long> edges = new ArrayList<>(List.of(0L));
      for (long edge : new long[] {60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 259200, 604800,
          1209600, 2592000}) {
        if (edge < windowSeconds) {
          edges.add(edge);
        }
      }
      edges.add(windowSeconds);
      final List<List<Object>> rows = new ArrayList<>();
      final List<List<Object>> overall = segmentRows(null, null, user -> true);
      for (int k = 1; k < STEPS.size(); k++) {
        for (int b = 0; b + 1 < edges.size(); b++) {
          final long from = edges.get(b);
          final long to = edges.get(b + 1);
          final boolean last = b + 2 == edges.size();
          long users = 0;
          for (Map.Entry<Long, Integer> entry : levels.entrySet()) {
            if (entry.getValue() > k) {
              final long[] chain = times.get(entry.getKey());
              final long since = (chain[k] - chain[0]) / 1000;
              if (since >= from && (since < to || last && since == to)) {
                users++;
              }
            }
          }
          rows.add(Arrays.asList(k + 1, (k + 1) + ". " + NAMES.get(k), from, to, users, overall.get(k).get(14)));
        }
      }
      return rows.toString();
    }
  }
}
