package dev.funnelsql.calcite.segment;

import static dev.funnelsql.calcite.testing.SegmentCases.only;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
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

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void fixedThresholdsBucketTheAverageOfTheCompletePeriods(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.fixed", expected(seed, 2, List.of(0.5, 1.5),
        List.of("light", "medium", "heavy"))), List.of("light", "medium", "heavy"));
  }

  @Test
  void autoThresholdsAndBadThresholdsAreModelErrorsAtTheirLine() {
    for (String[] bad : new String[][] {{"auto", "not available yet"}, {"[3, 1]", "positive and increasing"},
        {"[1, x]", "must be a number"}, {"[]", "1 to 7 numbers"}}) {
      final String model = MODEL.replace("thresholds: [0.5, 1.5]", "thresholds: " + bad[0]);
      final SQLException error = assertThrows(SQLException.class, () -> AdapterConnections.open(
          SegmentCases.store(StoreKind.H2, 1), model, new Properties()).close(), bad[0]);
      assertTrue(error.getMessage().contains(bad[1]) && error.getMessage().startsWith("test.yaml:8:"),
          error.getMessage());
    }
  }

  /** Each user's segment: the last threshold their average count over the complete periods reaches. */
  private static Map<Long, Set<String>> expected(long seed, int periods, List<Double> thresholds,
      List<String> names) {
    final List<TestEvent> events = SegmentCases.events(seed);
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
