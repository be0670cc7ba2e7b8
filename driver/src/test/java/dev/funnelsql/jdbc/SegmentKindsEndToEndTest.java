package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelLoader;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.segment.LifecycleSegmentKind;
import dev.funnelsql.calcite.segment.Segmentation;
import dev.funnelsql.functions.funnel.FunnelAccumulator;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The built-in segment kinds {@code nps}, {@code funnel_stage}, {@code rfm} and {@code lifecycle} on H2, DuckDB and
 * PostgreSQL holding the same random events, checked against segments computed in the test from the raw rows.
 */
class SegmentKindsEndToEndTest {
  private static final long BASE = 1_767_225_600_000L;
  private static final long DAY = 86_400_000L;
  private static final String[] NAMES = {"a", "b", "c", "x", null};
  private static final List<String> STEPS = List.of("a", "b", "c");
  private static List<Event> events;
  private static Map<Long, List<Event>> byUser;

  @TempDir
  static Path dir;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(11L);
    events = new ArrayList<>();
    for (long user = 1; user <= 150; user++) {
      final int count = random.nextInt(26);
      // Some users are only active early, some late, so that every lifecycle segment occurs.
      final int from = random.nextInt(56);
      final int span = 1 + random.nextInt(57 - from);
      for (int i = 0; i < count; i++) {
        final Long millis = random.nextInt(25) == 0 ? null
            : BASE + DAY * (from + random.nextInt(span)) + 21_600_000L * random.nextInt(4);
        events.add(new Event(user, millis, NAMES[random.nextInt(NAMES.length)]));
      }
    }
    byUser = EventStores.byUser(events);
  }

  private static String yaml(Kind kind, String url, String segmentations) {
    final String credentials = kind == Kind.POSTGRES ? ", user: postgres" : "";
    return """
        source: { url: "%s"%s }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          abc:
            window: 3d
            steps:
              - { name: a, when: "event_name = 'a'" }
              - { name: b, when: "event_name = 'b'" }
              - { name: c, when: "event_name = 'c'" }
        segmentations:
        """.formatted(url.replace("\"", "\\\""), credentials) + segmentations;
  }

  private static final String SEGMENTATIONS = """
        nps: { kind: nps, score: "CASE WHEN event_name = 'x' THEN MOD(secs, 13) WHEN event_name = 'a' THEN 10 END" }
        stage: { kind: funnel_stage, funnel: abc }
        buyers: { kind: rfm, purchase: "event_name = 'b'", monetary: "MOD(secs, 7)" }
        life: { kind: lifecycle, period: week, active: "event_name IN ('a', 'b')" }
      """;

  private static Path model(Kind kind, String url, String segmentations) throws Exception {
    final Path file = dir.resolve(kind.name().toLowerCase() + "-" + System.nanoTime() + "-model.yaml");
    Files.writeString(file, yaml(kind, url, segmentations));
    return file;
  }

  private static Connection connect(Kind kind, Path model) throws SQLException {
    final String password = kind == Kind.POSTGRES ? ";password=postgres" : "";
    return DriverManager.getConnection("jdbc:funnelsql:model=" + model + password);
  }

  // ---- brute force ----------------------------------------------------------------------------------------------

  private static long secs(Event event) {
    return Math.floorDiv(event.epochMillis(), 1000L);
  }

  private static Integer score(Event event) {
    if (event.epochMillis() == null) {
      return null;
    }
    if ("x".equals(event.name())) {
      return (int) (secs(event) % 13);
    }
    return "a".equals(event.name()) ? 10 : null;
  }

  static String nps(List<Event> rows) {
    Event last = null;
    for (Event event : rows) {
      final Integer score = score(event);
      if (score == null || score > 10) {
        continue;
      }
      if (last == null || event.epochMillis() > last.epochMillis()
          || event.epochMillis().equals(last.epochMillis()) && score > score(last)) {
        last = event;
      }
    }
    if (last == null) {
      return null;
    }
    final int score = score(last);
    return score <= 6 ? "detractor" : score <= 8 ? "passive" : "promoter";
  }

  static String stage(List<Event> rows) {
    final FunnelAccumulator accumulator = new FunnelAccumulator(FunnelSpec.of(3, 3 * DAY, Set.of()));
    for (Event event : rows) {
      if (event.epochMillis() != null) {
        final int step = event.name() == null ? -1 : STEPS.indexOf(event.name());
        accumulator.add(event.epochMillis(), step < 0 ? 0 : 1 << step);
      }
    }
    return accumulator.level() == 0 ? "not entered" : STEPS.get(accumulator.level() - 1);
  }

  private static long now() {
    return events.stream().filter(e -> e.epochMillis() != null).mapToLong(Event::epochMillis).max().orElseThrow();
  }

  /** NTILE(5) of the row at 0-based {@code index} among {@code n}. */
  static int ntile(int index, int n) {
    final int size = n / 5;
    final int rest = n % 5;
    return index < rest * (size + 1) ? index / (size + 1) + 1 : rest + (index - rest * (size + 1)) / size + 1;
  }

  static Map<Long, String> rfm() {
    final long now = now();
    final Map<Long, long[]> values = new TreeMap<>();
    byUser.forEach((user, rows) -> {
      for (Event event : rows) {
        if (event.epochMillis() != null && "b".equals(event.name())) {
          final long[] v = values.computeIfAbsent(user, k -> new long[] {Long.MAX_VALUE, 0, 0});
          v[0] = Math.min(v[0], CalendarPeriod.DAY.between(event.epochMillis(), now));
          v[1]++;
          v[2] += secs(event) % 7;
        }
      }
    });
    final Map<Long, int[]> scores = new TreeMap<>();
    final int n = values.size();
    final List<Map.Entry<Long, long[]>> entries = new ArrayList<>(values.entrySet());
    final List<Comparator<Map.Entry<Long, long[]>>> orders = List.of(
        Comparator.comparingLong((Map.Entry<Long, long[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey),
        Comparator.comparingLong((Map.Entry<Long, long[]> e) -> e.getValue()[1]).thenComparing(Map.Entry::getKey));
    for (int s = 0; s < orders.size(); s++) {
      entries.sort(orders.get(s));
      for (int i = 0; i < n; i++) {
        scores.computeIfAbsent(entries.get(i).getKey(), k -> new int[2])[s] = ntile(i, n);
      }
    }
    final Map<Long, String> result = new TreeMap<>();
    for (Long user : byUser.keySet()) {
      final int[] rf = scores.get(user);
      final String segment;
      if (rf == null) {
        segment = "no purchase";
      } else if (rf[0] >= 4 && rf[1] >= 4) {
        segment = "champions";
      } else if (rf[1] >= 4) {
        segment = "loyal";
      } else if (rf[0] >= 4 && rf[1] <= 1) {
        segment = "new";
      } else if (rf[0] <= 2 && rf[1] >= 3) {
        segment = "at risk";
      } else if (rf[0] <= 2) {
        segment = "hibernating";
      } else {
        segment = "potential";
      }
      result.put(user, segment);
    }
    return result;
  }

  private static TreeSet<Long> activeWeeks(List<Event> rows) {
    final TreeSet<Long> weeks = new TreeSet<>();
    for (Event event : rows) {
      if (event.epochMillis() != null && ("a".equals(event.name()) || "b".equals(event.name()))) {
        weeks.add(CalendarPeriod.WEEK.start(event.epochMillis()));
      }
    }
    return weeks;
  }

  private static String lifecycleAt(TreeSet<Long> weeks, long week) {
    final long previous = CalendarPeriod.WEEK.start(week - DAY);
    if (weeks.contains(week)) {
      return weeks.first() == week ? "new" : weeks.contains(previous) ? "returning" : "resurrected";
    }
    return weeks.contains(previous) ? "dormant" : "inactive";
  }

  static String lifecycle(List<Event> rows) {
    return lifecycleAt(activeWeeks(rows), CalendarPeriod.WEEK.start(now()));
  }

  // ---- tests ----------------------------------------------------------------------------------------------------

  private static Map<Long, String> expected(Function<List<Event>, String> kind) {
    final Map<Long, String> expected = new TreeMap<>();
    byUser.forEach((user, rows) -> expected.put(user, kind.apply(rows)));
    return expected;
  }

  private static Map<Long, String> map(Connection connection, String sql) throws SQLException {
    final Map<Long, String> result = new TreeMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        result.put(rows.getLong(1), rows.getString(2));
      }
    }
    return result;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void everyKindAgreesWithTheBruteForce(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Map<String, Map<Long, String>> expected = new TreeMap<>();
    expected.put("nps", expected(SegmentKindsEndToEndTest::nps));
    expected.put("stage", expected(SegmentKindsEndToEndTest::stage));
    expected.put("buyers", rfm());
    expected.put("life", expected(SegmentKindsEndToEndTest::lifecycle));
    try (Connection connection = connect(kind, model(kind, url, SEGMENTATIONS))) {
      for (Map.Entry<String, Map<Long, String>> entry : expected.entrySet()) {
        final String name = entry.getKey();
        assertEquals(entry.getValue(), map(connection, "SELECT user_id, segment FROM segments." + name),
            kind + " segments." + name);
        assertEquals(entry.getValue(), map(connection, "SELECT user_id, SEGMENT_OF('" + name
            + "', user_id) FROM events GROUP BY user_id"), kind + " SEGMENT_OF " + name);
        // The data exercises most segments of each kind.
        assertTrue(new TreeSet<>(entry.getValue().values().stream().filter(s -> s != null).toList()).size() >= 3,
            kind + " " + name + " " + new TreeSet<>(entry.getValue().values().stream()
                .filter(s -> s != null).toList()));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void lifecyclePerWeekAgreesWithTheBruteForce(Kind kind) throws Exception {
    final String url = EventStores.create(kind, events);
    final Path file = model(kind, url, SEGMENTATIONS);
    final Model model = ModelLoader.load(file, Map.of());
    final Segmentation life = new LifecycleSegmentKind().define(model.segmentation("life"), model);
    final String sql = life.membershipByPeriodSql(EventsRelation.of("events", "user_id", "ts", "event_name", null),
        "week");
    // Every active week and the week after it, the week after the latest one included (the transitions bound them).
    final Set<String> expected = new TreeSet<>();
    byUser.forEach((user, rows) -> {
      final TreeSet<Long> weeks = activeWeeks(rows);
      final Set<Long> listed = new TreeSet<>(weeks);
      weeks.forEach(week -> listed.add(CalendarPeriod.WEEK.start(week + 7 * DAY)));
      for (long week : listed) {
        expected.add(user + "|" + week + "|" + lifecycleAt(weeks, week));
      }
    });
    final Set<String> actual = new TreeSet<>();
    try (Connection connection = connect(kind, file); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        actual.add(rows.getLong(1) + "|" + rows.getTimestamp(2).getTime() + "|" + rows.getString(3));
      }
    }
    assertEquals(expected, actual, kind.name());
  }

  @Test
  void unknownFunnelIsReportedAtTheFunnelOption() throws Exception {
    final String url = EventStores.create(Kind.H2, events);
    final Path file = model(Kind.H2, url, "  broken: { kind: funnel_stage, funnel: nope }\n");
    final SQLException error = assertThrows(SQLException.class, () -> connect(Kind.H2, file).close());
    assertTrue(error.getMessage().contains("segmentations.broken.funnel") && error.getMessage().contains("nope"),
        error.getMessage());
  }

  @Test
  void unknownOptionIsReportedWithTheValidKeys() throws Exception {
    final String url = EventStores.create(Kind.H2, events);
    final Path file = model(Kind.H2, url, "  broken: { kind: rfm, purchase: 'TRUE', monetary: secs, scor: 1 }\n");
    final SQLException error = assertThrows(SQLException.class, () -> connect(Kind.H2, file).close());
    assertTrue(error.getMessage().contains("unknown key 'scor'"), error.getMessage());
  }
}
