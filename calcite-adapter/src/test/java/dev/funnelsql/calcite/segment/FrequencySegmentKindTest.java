package dev.funnelsql.calcite.segment;

import static dev.funnelsql.calcite.testing.SegmentCases.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.ReferenceTransitions;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code frequency} kind, as the README defines it, on random stores against a reference in Java: a user's
 * frequency is the rows of the event in the complete periods before the latest event's period, averaged; the segment
 * is the last threshold reached; bad thresholds are model errors at their line.
 */
class FrequencySegmentKindTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        fixed:
          kind: frequency
          event: "event_name = 'a'"
          periods: 2
          thresholds: [0.5, 1.5]
      """;
  private static final CalendarPeriod WEEK = CalendarPeriod.WEEK;
  private static final int TIPPING_MAX = 6;
  private static final String AUTO_MODEL = MODEL + """
        auto:
          kind: frequency
          event: "event_name = 'a'"
          periods: 2
          thresholds: auto
          tipping_point: { event: "event_name = 'a'", outcome: "event_name = 'b'", max: 6 }
        marked:
          kind: frequency
          event: "event_name = 'a'"
          thresholds: [1, 3]
          tipping_point: { event: "event_name = 'a'", outcome: "event_name = 'b'", max: 6 }
      """;

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void fixedThresholdsBucketTheAverageOfTheCompletePeriods(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.fixed", expected(seed, 2, List.of(0.5, 1.5),
        List.of("light", "medium", "heavy"))), List.of("light", "medium", "heavy"));
  }

  /**
   * {@code thresholds: auto}: the thresholds are the tipping point's largest rises of the lift (among thresholds with
   * at least 1% of the user-periods at or above), chosen by a Java reference of the analysis; the segments are those
   * thresholds applied as fixed ones would be, and {@code _tipping_points.chosen} marks exactly them.
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void autoThresholdsAreTheTippingPointsLargestLiftRises(StoreKind kind, long seed) throws SQLException {
    final List<Integer> chosen = chosenThresholds(seed, 2);
    assertTrue(!chosen.isEmpty(), "a meaningful case: " + chosen);
    final String model = AUTO_MODEL;
    final List<String> names = List.of("light", "medium", "heavy");
    final List<Double> cuts = chosen.stream().map(Integer::doubleValue).toList();
    final Map<Long, Set<String>> expected = expected(seed, 2, cuts, names);
    final Set<String> given = new TreeSet<>();
    expected.values().forEach(given::addAll);
    assertTrue(given.size() >= 2, "a meaningful case: " + given);
    SegmentCases.check(kind, seed, model, Map.of("segments.auto", expected), given);
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), model,
        new Properties())) {
      final List<Integer> marked = new ArrayList<>();
      connection.rows("SELECT threshold FROM segments.auto_tipping_points WHERE chosen ORDER BY threshold")
          .forEach(row -> marked.add(((Number) row.get(0)).intValue()));
      assertEquals(chosen, marked, kind + " seed " + seed);
      // Fixed thresholds are marked where a threshold equals one of them.
      assertEquals(List.of(List.of(1), List.of(3)), connection.rows("SELECT threshold FROM "
          + "segments.marked_tipping_points WHERE chosen ORDER BY threshold").stream()
          .map(row -> List.of(((Number) row.get(0)).intValue())).toList());
    }
  }

  /**
   * {@code _transitions}: per week, the segment of the user's count of the event in that week alone against the same
   * thresholds, fixed or chosen by the tipping point (whose choice is the same query's, and once failed on H2).
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void transitionsBucketEachWeeksOwnCount(StoreKind kind, long seed) throws SQLException {
    final List<String> names = List.of("light", "medium", "heavy");
    final Map<String, List<Double>> thresholds = Map.of("fixed", List.of(0.5, 1.5), "auto",
        chosenThresholds(seed, 2).stream().map(Integer::doubleValue).toList());
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), AUTO_MODEL,
        new Properties())) {
      for (Map.Entry<String, List<Double>> segmentation : thresholds.entrySet()) {
        final Map<Long, TreeMap<Long, String>> segments = new HashMap<>();
        RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, own) -> {
          final Map<Long, Long> counts = new TreeMap<>();
          own.stream().filter(e -> e.millis() != null).forEach(e -> counts.merge(WEEK.start(e.millis()),
              "a".equals(e.name()) ? 1L : 0L, Long::sum));
          counts.forEach((week, count) -> segments.computeIfAbsent(user, k -> new TreeMap<>()).put(week,
              names.get((int) segmentation.getValue().stream().filter(t -> count >= t).count())));
        });
        assertEquals(ReferenceTransitions.of(segments, WEEK), ReferenceTransitions.actual(connection,
            segmentation.getKey()), kind + " seed " + seed + " " + segmentation.getKey());
      }
    }
  }

  /** The tipping point's chosen thresholds, by its definition, from the events of a seed (weekly, event a, b next). */
  private static List<Integer> chosenThresholds(long seed, int count) {
    final Map<Long, TreeMap<Long, List<TestEvent>>> periods = new HashMap<>();
    final List<TestEvent> events = SegmentCases.events(seed);
    events.stream().filter(e -> e.millis() != null).forEach(e -> periods.computeIfAbsent(
        e.userId(), k -> new TreeMap<>()).computeIfAbsent(WEEK.start(e.millis()), k -> new ArrayList<>()).add(e));
    final long last = WEEK.start(events.stream().map(TestEvent::millis).filter(Objects::nonNull)
        .mapToLong(t -> t).max().orElseThrow());
    final List<long[]> pairs = new ArrayList<>();
    periods.values().forEach(own -> own.forEach((period, rows) -> {
      if (period < last) {
        final List<TestEvent> next = own.get(WEEK.next(period));
        pairs.add(new long[] {rows.stream().filter(e -> "a".equals(e.name())).count(),
            next != null && next.stream().anyMatch(e -> "b".equals(e.name())) ? 1 : 0});
      }
    }));
    final Map<Integer, Double> rises = new TreeMap<>();
    Double previous = null;
    for (int k = 1; k <= TIPPING_MAX; k++) {
      final int threshold = k;
      final long above = pairs.stream().filter(p -> p[0] >= threshold).count();
      final long aboveHits = pairs.stream().filter(p -> p[0] >= threshold && p[1] == 1).count();
      final long below = pairs.size() - above;
      final long belowHits = pairs.stream().filter(p -> p[0] < threshold && p[1] == 1).count();
      final Double lift = above > 0 && belowHits > 0
          ? ((double) aboveHits / above) / ((double) belowHits / below) : null;
      if (lift != null && lift - (previous == null ? 1.0 : previous) > 0 && above >= 0.01 * pairs.size()) {
        rises.put(k, lift - (previous == null ? 1.0 : previous));
      }
      previous = lift;
    }
    return rises.entrySet().stream().sorted(Map.Entry.<Integer, Double>comparingByValue().reversed()
        .thenComparing(Map.Entry.comparingByKey())).limit(count).map(Map.Entry::getKey).sorted().toList();
  }

  @Test
  void autoThresholdsAndBadThresholdsAreModelErrorsAtTheirLine() {
    for (String[] bad : new String[][] {{"auto", "add tipping_point:"}, {"[3, 1]", "positive and increasing"},
        {"[1, x]", "must be a number"}, {"[]", "1 to 7 numbers"},
        {"sometimes", "list of increasing numbers or auto"}}) {
      final String model = MODEL.replace("thresholds: [0.5, 1.5]", "thresholds: " + bad[0]);
      final SQLException error = assertThrows(SQLException.class, () -> AdapterConnections.open(
          SegmentCases.store(StoreKind.H2, 1), model, new Properties()).close(), bad[0]);
      assertTrue(error.getMessage().contains(bad[1]) && error.getMessage().startsWith("test.yaml:8:"),
          error.getMessage());
    }
  }

  /**
   * On a local calendar ({@code time_zone:}) the weeks are the zone's: a user's count is of the events whose
   * wall-clock time lies in the complete weeks before the zone's week of the latest event.
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void onALocalCalendarTheWeeksAreTheZones(StoreKind kind, long seed) throws SQLException {
    final ZoneId zone = ZoneId.of("America/Los_Angeles");
    SegmentCases.check(kind, seed, "time_zone: " + zone + "\n" + MODEL, Map.of("segments.fixed", expected(seed, 2,
        List.of(0.5, 1.5), List.of("light", "medium", "heavy"), zone)), List.of("light", "medium", "heavy"));
  }

  /** Each user's segment: the last threshold their average count over the complete periods reaches. */
  private static Map<Long, Set<String>> expected(long seed, int periods, List<Double> thresholds,
      List<String> names) {
    return expected(seed, periods, thresholds, names, ZoneOffset.UTC);
  }

  /** {@link #expected(long, int, List, List)} on the weeks of the wall clock of {@code zone}. */
  private static Map<Long, Set<String>> expected(long seed, int periods, List<Double> thresholds,
      List<String> names, ZoneId zone) {
    final List<TestEvent> events = SegmentCases.events(seed).stream().map(e -> e.millis() == null ? e
        : new TestEvent(e.userId(), LocalDateTime.ofInstant(Instant.ofEpochMilli(e.millis()), zone)
            .toInstant(ZoneOffset.UTC).toEpochMilli(), e.name(), e.source(), e.score(), e.revenue())).toList();
    final long current = WEEK.start(events.stream().map(TestEvent::millis).filter(Objects::nonNull)
        .mapToLong(t -> t).max().orElseThrow());
    long first = current;
    for (int i = 0; i < periods; i++) {
      first = first - RandomEvents.DAY * 7;
    }
    final long from = first;
    final Map<Long, Set<String>> expected = new TreeMap<>();
    RandomEvents.byUser(events).forEach((user, own) -> {
      final long count = own.stream().filter(e -> e.millis() != null && e.millis() >= from && e.millis() < current
          && "a".equals(e.name())).count();
      final double frequency = (double) count / periods;
      int segment = 0;
      for (int i = 0; i < thresholds.size(); i++) {
        segment = frequency >= thresholds.get(i) ? i + 1 : segment;
      }
      expected.put(user, only(names.get(segment)));
    });
    return expected;
  }
}
