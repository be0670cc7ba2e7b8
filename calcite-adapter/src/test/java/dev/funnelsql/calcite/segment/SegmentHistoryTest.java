package dev.funnelsql.calcite.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code segments.<s>_history} and {@code segments.<s>_trend} of every built-in kind agree with
 * {@code SEGMENT_OF(s, user, as_of)} at the last millisecond of each calendar period (day, ISO week, month, UTC), from
 * the period of the first event to that of the latest, on random stores: an event exactly at a period's start counts
 * for that period only, users without events by a period's end have no row, and the trend counts each period's rows
 * per segment with their share. Rules of running totals (counts, sums, minima, maxima) are computed in one pass, the
 * others ({@code COUNT(DISTINCT …)}, other kinds, a frequency whose thresholds the tipping point chooses as of each
 * period's end) once per period: both paths are checked.
 */
class SegmentHistoryTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        abc:
          window: 2d
          steps:
            - { name: Viewed, when: "event_name = 'a'" }
            - { name: Paid,   when: "event_name = 'c'" }
      segmentations:
        engagement:
          rules:
            - { segment: heavy,   when: "COUNT(*) FILTER (WHERE event_name = 'a') >= 3" }
            - { segment: spender, when: "SUM(revenue) > 60" }
          otherwise: quiet
        partial:
          period: day
          rules:
            - { segment: late,  when: "MAX(ts) >= TIMESTAMP '2026-02-02 00:00:00'" }
            - { segment: named, when: "COUNT(event_name) = COUNT(*)" }
        varied:
          rules:
            - { segment: varied, when: "COUNT(DISTINCT event_name) >= 3" }
          otherwise: narrow
        life: { kind: lifecycle, period: week, active: "event_name IN ('a', 'b')" }
        source: { kind: property, property: source, period: month }
        buyers: { kind: rfm, purchase: "event_name = 'b'", monetary: revenue }
        nps: { kind: nps, score: score }
        stage: { kind: funnel_stage, funnel: abc }
        usage:
          kind: frequency
          event: "event_name = 'a'"
          periods: 1
          thresholds: auto
          tipping_point: { event: "event_name = 'a'", outcome: "event_name = 'b'", max: 4 }
      """;

  /** Each segmentation and its period, as the model says. */
  private static final Map<String, UnaryOperator<LocalDateTime>> PERIODS = Map.of(
      "engagement", SegmentHistoryTest::week, "partial", time -> time.toLocalDate().atStartOfDay(),
      "varied", SegmentHistoryTest::week,
      "life", SegmentHistoryTest::week, "source", time -> time.toLocalDate().withDayOfMonth(1).atStartOfDay(),
      "buyers", SegmentHistoryTest::week, "nps", SegmentHistoryTest::week, "stage", SegmentHistoryTest::week,
      "usage", SegmentHistoryTest::week);

  private static LocalDateTime week(LocalDateTime time) {
    return time.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay();
  }

  private static LocalDateTime next(String segmentation, LocalDateTime start) {
    final UnaryOperator<LocalDateTime> period = PERIODS.get(segmentation);
    LocalDateTime probe = start.plusDays(1);
    while (period.apply(probe).equals(start)) {
      probe = probe.plusDays(1);
    }
    return period.apply(probe);
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void historyAndTrendAreSegmentOfAtEachPeriodsEnd(StoreKind kind, long seed) throws SQLException {
    checkHistoryAndTrend(kind, seed, ZoneOffset.UTC);
  }

  /**
   * On a model's local calendar (eight hours behind UTC, so days and weeks start at 08:00 UTC), each period is the
   * zone's and ends at its last local millisecond, and its start is the zone's wall-clock time.
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void onALocalCalendarEachPeriodIsTheZones(StoreKind kind, long seed) throws SQLException {
    checkHistoryAndTrend(kind, seed, ZoneId.of("America/Los_Angeles"));
  }

  private static void checkHistoryAndTrend(StoreKind kind, long seed, ZoneId zone) throws SQLException {
    final List<LocalDateTime> times = SegmentCases.events(seed).stream().map(TestEvent::millis)
        .filter(Objects::nonNull).map(millis -> LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), zone))
        .sorted().toList();
    final String model = zone.equals(ZoneOffset.UTC) ? MODEL : "time_zone: " + zone + "\n" + MODEL;
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), model,
        new Properties())) {
      for (String segmentation : PERIODS.keySet()) {
        final String what = kind + " seed " + seed + " " + segmentation + " " + zone;
        final UnaryOperator<LocalDateTime> period = PERIODS.get(segmentation);
        final Map<LocalDateTime, Map<Long, String>> expected = new TreeMap<>();
        for (LocalDateTime start = period.apply(times.get(0)); !start.isAfter(times.get(times.size() - 1));
            start = next(segmentation, start)) {
          expected.put(start, segmentOf(connection, segmentation, next(segmentation, start).atZone(zone)
              .withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime()));
        }
        final Map<LocalDateTime, Map<Long, String>> history = new TreeMap<>();
        expected.keySet().forEach(start -> history.put(start, new TreeMap<>()));
        for (List<Object> row : connection.rows("SELECT user_id, period_start, segment FROM segments."
            + segmentation + "_history")) {
          final LocalDateTime start = ((Timestamp) row.get(1)).toLocalDateTime();
          assertTrue(history.containsKey(start), what + ": a row of period " + start);
          assertEquals(null, history.get(start).put(((Number) row.get(0)).longValue(), (String) row.get(2)),
              what + ": user " + row.get(0) + " twice in " + start);
        }
        assertEquals(expected, history, what + ": history");
        final List<List<Object>> trend = connection.rows("SELECT period_start, segment, users, share FROM segments."
            + segmentation + "_trend");
        assertEquals(trend(expected), sorted(trend), what + ": trend");
        if (segmentation.equals("engagement")) {
          final List<Object> order = trend.stream().filter(row -> row.get(0).equals(trend.get(0).get(0)))
              .map(row -> row.get(1)).toList();
          assertEquals(List.of("heavy", "spender", "quiet"), List.of("heavy", "spender", "quiet").stream()
              .filter(order::contains).toList().equals(order) ? List.of("heavy", "spender", "quiet") : order,
              what + ": segments in the model's order");
        }
      }
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void aFilterOnThePeriodComputesThosePeriods(StoreKind kind, long seed) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), MODEL,
        new Properties())) {
      final LocalDateTime from = LocalDateTime.parse("2026-01-12T00:00:00");
      final LocalDateTime to = LocalDateTime.parse("2026-01-26T00:00:00");
      final String range = " WHERE period_start >= TIMESTAMP '2026-01-12 00:00:00' AND period_start < TIMESTAMP "
          + "'2026-01-26 00:00:00'";
      final List<List<Object>> rows = connection.rows("SELECT period_start, segment, users, share FROM "
          + "segments.engagement_trend" + range);
      final Map<LocalDateTime, Map<Long, String>> expected = new TreeMap<>();
      expected.put(from, segmentOf(connection, "engagement", from.plusDays(7)));
      expected.put(from.plusDays(7), segmentOf(connection, "engagement", to));
      assertEquals(trend(expected), sorted(rows));
      assertEquals(List.of(List.of(expected.get(from).size() + expected.get(from.plusDays(7)).size())).toString(),
          connection.rows("SELECT COUNT(*) FROM segments.engagement_history" + range).toString());
      assertEquals(List.of(), connection.rows("SELECT * FROM segments.engagement_trend WHERE period_start = "
          + "TIMESTAMP '2026-01-13 00:00:00'"), "no week starts on a Tuesday");
    }
  }

  /** Every user with events before {@code end} and their SEGMENT_OF as of the millisecond before it. */
  private static Map<Long, String> segmentOf(AdapterConnection connection, String segmentation, LocalDateTime end)
      throws SQLException {
    final String asOf = Timestamp.valueOf(end.minusNanos(1_000_000)).toString();
    final Map<Long, String> segments = new TreeMap<>();
    for (List<Object> row : connection.rows("SELECT user_id, SEGMENT_OF('" + segmentation + "', user_id, TIMESTAMP '"
        + asOf + "') FROM events WHERE ts < TIMESTAMP '" + Timestamp.valueOf(end) + "' AND user_id IS NOT NULL "
        + "GROUP BY user_id")) {
      segments.put(((Number) row.get(0)).longValue(), (String) row.get(1));
    }
    return segments;
  }

  /** The trend rows of a history (per period, each segment's users and share), as text, sorted. */
  private static List<String> trend(Map<LocalDateTime, Map<Long, String>> history) {
    final List<List<Object>> rows = new ArrayList<>();
    history.forEach((start, users) -> {
      final Map<String, Long> counts = new HashMap<>();
      users.values().forEach(segment -> counts.merge(String.valueOf(segment), 1L, Long::sum));
      counts.forEach((segment, n) -> rows.add(List.of(Timestamp.valueOf(start), segment, n,
          (double) n / users.size())));
    });
    return sorted(rows);
  }

  private static List<String> sorted(List<List<Object>> rows) {
    return rows.stream().map(row -> row.stream().map(String::valueOf).toList().toString()).sorted().toList();
  }
}
