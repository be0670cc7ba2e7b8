package dev.funnelsql.calcite.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code lifecycle} kind, as the README defines it: as of the period (UTC calendar, ISO weeks) of the store's
 * latest event, a user is {@code new} (first active now), {@code returning} (active now and in the previous period),
 * {@code resurrected} (active now, not in the previous, but before), {@code dormant} (active in the previous, not
 * now) or {@code inactive}. Checked on random events against Java for weekly, daily and monthly periods.
 */
class LifecycleSegmentKindTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        weekly: { kind: lifecycle, period: week, active: "event_name IN ('a', 'b')" }
        daily:  { kind: lifecycle, period: day, active: "revenue > 5" }
        monthly: { kind: lifecycle, period: month }
      """;

  private static LocalDate date(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static LocalDate week(LocalDate date) {
    return date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static Map<Long, Set<String>> reference(long seed, Function<LocalDate, LocalDate> period,
      Function<LocalDate, LocalDate> previous, Predicate<TestEvent> active) {
    final List<TestEvent> all = SegmentCases.events(seed);
    final LocalDate now = period.apply(date(all.stream().map(TestEvent::millis).filter(Objects::nonNull)
        .mapToLong(t -> t).max().orElseThrow()));
    final LocalDate before = previous.apply(now);
    final Map<Long, Set<String>> allowed = new TreeMap<>();
    RandomEvents.byUser(all).forEach((user, events) -> {
      final TreeSet<LocalDate> periods = new TreeSet<>();
      events.stream().filter(e -> e.millis() != null && active.test(e))
          .forEach(e -> periods.add(period.apply(date(e.millis()))));
      final String segment;
      if (periods.contains(now)) {
        segment = periods.first().equals(now) ? "new" : periods.contains(before) ? "returning" : "resurrected";
      } else {
        segment = periods.contains(before) ? "dormant" : "inactive";
      }
      allowed.put(user, SegmentCases.only(segment));
    });
    return allowed;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void weeklyDailyAndMonthlyLifecycle(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of(
        "segments.weekly", reference(seed, LifecycleSegmentKindTest::week, monday -> monday.minusWeeks(1),
            e -> "a".equals(e.name()) || "b".equals(e.name())),
        "segments.daily", reference(seed, Function.identity(), day -> day.minusDays(1),
            e -> e.revenue() != null && e.revenue() > 5),
        "segments.monthly", reference(seed, day -> day.withDayOfMonth(1), first -> first.minusMonths(1), e -> true)),
        List.of("new", "returning", "resurrected", "dormant", "inactive"));
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"DUCKDB", "POSTGRES", "H2"})
  void aStoreWithoutEventsHasNoMembers(StoreKind kind) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, List.of()), MODEL,
        new Properties())) {
      for (String table : List.of("weekly", "daily", "monthly")) {
        assertEquals(List.of(), connection.rows("SELECT * FROM segments." + table), table);
        assertEquals(List.of(), connection.rows("SELECT * FROM segments." + table + "_sizes WHERE users > 0"), table);
      }
    }
  }
}
