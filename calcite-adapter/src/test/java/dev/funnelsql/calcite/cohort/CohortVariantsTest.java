package dev.funnelsql.calcite.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cohort variants on random stores against Java: {@code entries: recurring} (a member of every week with an entry
 * event), {@code retention: bracket} (active in any week of a bracket), and {@code breakdowns:} by a segmentation and
 * by a funnel (its stage), whose matrix rows count each segment's members as the segmentation's own table gives
 * them.
 */
class CohortVariantsTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        ab:
          window: 3d
          breakdowns: [again]
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
      segmentations:
        source: { kind: property, property: source }
        stage: { kind: funnel_stage, funnel: ab }
      cohorts:
        again: { entry: "event_name = 'a'", return: "event_name IN ('b', 'c')", period: week, entries: recurring,
                 periods: 3 }
        hourly: { entry: "event_name = 'a'", return: "event_name IN ('b', 'c')", period: hour, periods: 12 }
        brackets: { entry: "event_name = 'a'", return: "event_name IN ('b', 'c')", period: week, retention: bracket,
                    brackets: [[0, 0], [1, 2], [3, 5]], breakdowns: [source, ab] }
      """;
  private static final List<int[]> EVERY = List.of(new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 2},
      new int[] {3, 3});
  private static final List<int[]> BRACKETS = List.of(new int[] {0, 0}, new int[] {1, 2}, new int[] {3, 5});

  /** A member: a user in a cohort week. */
  private record Member(long user, LocalDate cohort) {
  }

  /** The calendar of the test's model. */
  private ZoneId zone = ZoneOffset.UTC;

  private LocalDate week(long millis) {
    return Instant.ofEpochMilli(millis).atZone(zone).toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void recurringEntriesBracketsAndBreakdownsMatchJava(StoreKind kind, long seed) throws SQLException {
    checkRecurringEntriesBracketsAndBreakdowns(kind, seed, MODEL);
  }

  /**
   * On a calendar nine hours ahead of UTC, a cohort week is the zone's week (an event on Sunday 18:00 UTC is on
   * Monday there): the same Java reference with the zone's weeks.
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void onALocalCalendarCohortWeeksAreTheZones(StoreKind kind, long seed) throws SQLException {
    zone = ZoneId.of("Asia/Tokyo");
    checkRecurringEntriesBracketsAndBreakdowns(kind, seed, "time_zone: Asia/Tokyo\n" + MODEL);
  }

  private void checkRecurringEntriesBracketsAndBreakdowns(StoreKind kind, long seed, String model)
      throws SQLException {
    final List<TestEvent> events = SegmentCases.events(seed);
    final Map<Long, List<TestEvent>> byUser = RandomEvents.byUser(events);
    final LocalDate lastWeek = week(events.stream().map(TestEvent::millis).filter(Objects::nonNull)
        .mapToLong(t -> t).max().orElseThrow());
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), model,
        new Properties())) {
      final List<String> again = expected(byUser, true, EVERY, lastWeek, null, null);
      assertEquals(again, actual(connection, "again"), kind + " seed " + seed + " recurring");
      final List<String> brackets = new ArrayList<>(expected(byUser, false, BRACKETS, lastWeek, null, null));
      brackets.addAll(expected(byUser, false, BRACKETS, lastWeek, "source", segments(connection, "source")));
      brackets.addAll(expected(byUser, false, BRACKETS, lastWeek, "ab", segments(connection, "stage")));
      assertEquals(new TreeSet<>(brackets).stream().toList(), actual(connection, "brackets"),
          kind + " seed " + seed + " brackets");
      assertTrue(brackets.size() > again.size() && brackets.stream().anyMatch(row -> row.contains("|source|")),
          "a meaningful case");
      final Map<String, Long> firstWeeks = new TreeMap<>();
      byUser.values().forEach(own -> own.stream().filter(e -> e.millis() != null && "a".equals(e.name()))
          .mapToLong(TestEvent::millis).min().ifPresent(first -> firstWeeks.merge(week(first).toString(), 1L,
              Long::sum)));
      final Map<String, Long> funnelByCohort = new TreeMap<>();
      for (List<Object> row : connection.rows("SELECT segment, users FROM funnels.ab_summary WHERE breakdown = "
          + "'again' AND step = 1")) {
        funnelByCohort.put((String) row.get(0), ((Number) row.get(1)).longValue());
      }
      assertEquals(firstWeeks, funnelByCohort, kind + " seed " + seed + ": the funnel's step 1 by cohort week");
    }
  }

  /**
   * A column of the events as a breakdown: each member's segment is the column's value on their first entry event
   * (the smallest among entries at that time; none when it has no value), as a Java reference takes it.
   */
  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void aColumnBreakdownIsTheValueOnTheFirstEntryEvent(StoreKind kind, long seed) throws SQLException {
    final List<TestEvent> events = SegmentCases.events(seed);
    final Map<Long, List<TestEvent>> byUser = RandomEvents.byUser(events);
    final LocalDate lastWeek = week(events.stream().map(TestEvent::millis).filter(Objects::nonNull)
        .mapToLong(t -> t).max().orElseThrow());
    final Map<Long, String> firstSource = new HashMap<>();
    byUser.forEach((user, own) -> own.stream().filter(e -> e.millis() != null && "a".equals(e.name()))
        .mapToLong(TestEvent::millis).min().ifPresent(first -> firstSource.put(user, own.stream()
            .filter(e -> "a".equals(e.name()) && Objects.equals(e.millis(), first) && e.source() != null)
            .map(TestEvent::source).min(String::compareTo).orElse(null))));
    final String model = """
        events: { table: events, user: user_id, time: ts, event: event_name }
        cohorts:
          acquired: { entry: "event_name = 'a'", return: "event_name IN ('b', 'c')", period: week, periods: 3,
                      breakdowns: [source] }
        """;
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), model,
        new Properties())) {
      final List<String> expected = new ArrayList<>(expected(byUser, false, EVERY, lastWeek, null, null));
      expected.addAll(expected(byUser, false, EVERY, lastWeek, "source", firstSource));
      assertEquals(new TreeSet<>(expected).stream().toList(), actual(connection, "acquired"),
          kind + " seed " + seed);
      assertTrue(expected.stream().anyMatch(row -> row.endsWith("|source|null"))
          && expected.stream().anyMatch(row -> row.endsWith("|source|ads")), "a meaningful case");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void hourlyCohortsCountHoursFromTheFirstEntry(StoreKind kind, long seed) throws SQLException {
    final dev.funnelsql.functions.period.CalendarPeriod hour = dev.funnelsql.functions.period.CalendarPeriod.HOUR;
    final List<TestEvent> events = SegmentCases.events(seed);
    final long lastHour = hour.start(events.stream().map(TestEvent::millis).filter(Objects::nonNull)
        .mapToLong(t -> t).max().orElseThrow());
    final Map<Long, long[]> cells = new TreeMap<>();
    final Map<Long, Long> sizes = new HashMap<>();
    RandomEvents.byUser(events).values().forEach(own -> {
      final java.util.OptionalLong entry = own.stream().filter(e -> e.millis() != null && "a".equals(e.name()))
          .mapToLong(TestEvent::millis).min();
      if (entry.isEmpty()) {
        return;
      }
      final long cohort = hour.start(entry.getAsLong());
      sizes.merge(cohort, 1L, Long::sum);
      final Set<Long> offsets = new TreeSet<>();
      own.stream().filter(e -> e.millis() != null && ("b".equals(e.name()) || "c".equals(e.name())))
          .forEach(e -> offsets.add(hour.between(cohort, e.millis())));
      for (long k = 0; k <= 12 && cohort + k * 3_600_000L <= lastHour; k++) {
        cells.computeIfAbsent(cohort * 100 + k, key -> new long[1])[0] += offsets.contains(k) ? 1 : 0;
      }
    });
    final Set<String> expected = new TreeSet<>();
    cells.forEach((key, users) -> expected.add(Math.floorDiv(key, 100) + "|" + Math.floorMod(key, 100) + "|"
        + sizes.get(Math.floorDiv(key, 100)) + "|" + users[0]));
    final Set<String> actual = new TreeSet<>();
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), MODEL,
        new Properties())) {
      for (List<Object> row : connection.rows("SELECT cohort_period, period_offset, cohort_users, users FROM "
          + "cohorts.hourly_matrix")) {
        actual.add(((Timestamp) row.get(0)).toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli() + "|"
            + row.get(1) + "|" + row.get(2) + "|" + row.get(3));
      }
    }
    assertEquals(expected, actual, kind + " seed " + seed);
    assertTrue(expected.stream().anyMatch(row -> !row.endsWith("|0")), "a meaningful case");
  }

  @org.junit.jupiter.api.Test
  void badCohortOptionsAreModelErrorsAtTheirLine() {
    final String good = "brackets: [[0, 0], [1, 2], [3, 5]], breakdowns: [source, ab]";
    for (String[] bad : new String[][] {
        {good.replace("[[0, 0], [1, 2], [3, 5]]", "[[0, 0], [2, 1]]"), "each after the previous one"},
        {good.replace("[[0, 0], [1, 2], [3, 5]]", "[[1, 2], [2, 3]]"), "each after the previous one"},
        {good.replace("[[0, 0], [1, 2], [3, 5]]", "[[0, 1, 2]]"), "a pair [from, to]"},
        {good.replace("[source, ab]", "[source, nothing]"),
            "neither a segmentation, a funnel of this model, nor a column"},
        {good + ", periods: 4", "must reach the last bracket's end, 5"}}) {
      final String model = MODEL.replace(good, bad[0]);
      final SQLException error = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> AdapterConnections.open(SegmentCases.store(StoreKind.H2, 1), model, new Properties()).close(),
          bad[0]);
      assertTrue(error.getMessage().contains(bad[1]) && error.getMessage().startsWith("test.yaml:"),
          error.getMessage());
    }
    final String withoutBrackets = MODEL.replace("brackets: [[0, 0], [1, 2], [3, 5]], ", "");
    final SQLException missing = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> AdapterConnections.open(SegmentCases.store(StoreKind.H2, 1), withoutBrackets, new Properties()).close());
    assertTrue(missing.getMessage().contains("retention: bracket needs brackets"), missing.getMessage());
  }

  /** Each user's segment in a segmentation, from its table. */
  private static Map<Long, String> segments(AdapterConnection connection, String segmentation) throws SQLException {
    final Map<Long, String> segments = new HashMap<>();
    for (List<Object> row : connection.rows("SELECT user_id, segment FROM segments." + segmentation)) {
      segments.put(((Number) row.get(0)).longValue(), (String) row.get(1));
    }
    return segments;
  }

  /** The matrix rows as text, sorted: cohort week, offset, end, cohort users, users, breakdown, segment. */
  private static List<String> actual(AdapterConnection connection, String cohort) throws SQLException {
    final Set<String> rows = new TreeSet<>();
    for (List<Object> row : connection.rows("SELECT cohort_period, period_offset, period_offset_end, cohort_users, "
        + "users, breakdown, segment FROM cohorts." + cohort + "_matrix")) {
      rows.add(((Timestamp) row.get(0)).toLocalDateTime().toLocalDate() + "|" + row.get(1) + "|" + row.get(2) + "|"
          + row.get(3) + "|" + row.get(4) + "|" + row.get(5) + "|" + row.get(6));
    }
    return List.copyOf(rows);
  }

  private List<String> expected(Map<Long, List<TestEvent>> byUser, boolean recurring, List<int[]> cells,
      LocalDate lastWeek, String breakdown, Map<Long, String> segments) {
    final Map<Member, Set<Long>> active = new HashMap<>();
    byUser.forEach((user, own) -> {
      final Set<LocalDate> entries = new TreeSet<>();
      own.stream().filter(e -> e.millis() != null && "a".equals(e.name())).forEach(e -> entries.add(week(e.millis())));
      if (entries.isEmpty()) {
        return;
      }
      for (LocalDate cohort : recurring ? entries : Set.of(entries.iterator().next())) {
        final Set<Long> offsets = new TreeSet<>();
        own.stream().filter(e -> e.millis() != null && ("b".equals(e.name()) || "c".equals(e.name())))
            .forEach(e -> offsets.add(ChronoUnit.WEEKS.between(cohort, week(e.millis()))));
        active.put(new Member(user, cohort), offsets);
      }
    });
    final Map<String, long[]> cellsByKey = new TreeMap<>();
    final Map<String, Long> sizes = new HashMap<>();
    active.keySet().forEach(member -> sizes.merge(member.cohort() + "|" + segmentOf(segments, member), 1L, Long::sum));
    active.forEach((member, offsets) -> {
      for (int[] cell : cells) {
        if (member.cohort().plusWeeks(cell[0]).isAfter(lastWeek)) {
          continue;
        }
        final String segment = segmentOf(segments, member);
        final String key = member.cohort() + "|" + cell[0] + "|" + cell[1] + "|"
            + sizes.get(member.cohort() + "|" + segment) + "|";
        final boolean returned = offsets.stream().anyMatch(k -> k >= cell[0] && k <= cell[1]);
        cellsByKey.computeIfAbsent(key + "\0" + segment, k -> new long[1])[0] += returned ? 1 : 0;
      }
    });
    final List<String> rows = new ArrayList<>();
    cellsByKey.forEach((key, users) -> {
      final String[] parts = key.split("\0");
      rows.add(parts[0] + users[0] + "|" + breakdown + "|" + parts[1]);
    });
    return new TreeSet<>(rows).stream().toList();
  }

  private static String segmentOf(Map<Long, String> segments, Member member) {
    return segments == null ? "null" : String.valueOf(segments.get(member.user()));
  }
}
