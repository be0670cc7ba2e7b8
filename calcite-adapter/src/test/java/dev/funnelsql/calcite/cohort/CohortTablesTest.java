package dev.funnelsql.calcite.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model cohort's tables, as the README defines them: {@code cohorts.<c>} has a row per user and active period
 * (the cohort is the week of the user's first entry event, an active period one with a return event, offsets
 * 0..periods), and {@code cohorts.<c>_matrix} ({@code n_day}) counts per cohort and offset the users active in
 * exactly that offset, zeros included, for the offsets whose period has started by the store's last event; checked
 * on random events against Java.
 */
class CohortTablesTest {
  private static final int PERIODS = 4;
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      cohorts:
        weekly: { entry: "event_name = 'a'", return: "event_name IN ('b', 'c')", period: week, retention: n_day,
                  periods: 4 }
      """;

  /** A row of {@code cohorts.weekly}: user, cohort week and offset. */
  private record Active(long user, LocalDate cohort, long offset) implements Comparable<Active> {
    @Override public int compareTo(Active other) {
      return toString().compareTo(other.toString());
    }
  }

  private static LocalDate week(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate()
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static LocalDate date(Object value) {
    return value instanceof java.sql.Date ? ((java.sql.Date) value).toLocalDate()
        : ((Timestamp) value).toLocalDateTime().toLocalDate();
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB"})
  void activePeriodsAndTheMatrixFollowTheFirstEntry(StoreKind kind) throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(9L, 150, 12);
    final Set<Active> expected = new TreeSet<>();
    final Map<LocalDate, Integer> cohortUsers = new TreeMap<>();
    RandomEvents.byUser(events).forEach((user, own) -> {
      final long entry = own.stream().filter(e -> e.millis() != null && "a".equals(e.name()))
          .mapToLong(TestEvent::millis).min().orElse(Long.MIN_VALUE);
      if (entry == Long.MIN_VALUE) {
        return;
      }
      final LocalDate cohort = week(entry);
      cohortUsers.merge(cohort, 1, Integer::sum);
      own.stream().filter(e -> e.millis() != null && ("b".equals(e.name()) || "c".equals(e.name())))
          .mapToLong(e -> ChronoUnit.WEEKS.between(cohort, week(e.millis())))
          .filter(offset -> offset >= 0 && offset <= PERIODS)
          .forEach(offset -> expected.add(new Active(user, cohort, offset)));
    });
    final LocalDate lastWeek = week(events.stream().map(TestEvent::millis).filter(Objects::nonNull)
        .mapToLong(t -> t).max().orElseThrow());
    final StringBuilder matrix = new StringBuilder();
    cohortUsers.forEach((cohort, size) -> {
      for (int offset = 0; offset <= PERIODS && !cohort.plusWeeks(offset).isAfter(lastWeek); offset++) {
        final int o = offset;
        matrix.append(List.of(cohort, offset, size, expected.stream()
            .filter(a -> a.cohort().equals(cohort) && a.offset() == o).count())).append('\n');
      }
    });
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), MODEL,
        new Properties())) {
      final Set<Active> actual = new TreeSet<>();
      final Map<Active, LocalDate> starts = new HashMap<>();
      for (List<Object> row : connection.rows("SELECT user_id, cohort_period, period_offset, period_start "
          + "FROM cohorts.weekly")) {
        final Active active = new Active(((Number) row.get(0)).longValue(), date(row.get(1)),
            ((Number) row.get(2)).longValue());
        actual.add(active);
        starts.put(active, date(row.get(3)));
      }
      assertEquals(expected, actual);
      starts.forEach((active, start) -> assertEquals(active.cohort().plusWeeks(active.offset()), start));
      final StringBuilder rows = new StringBuilder();
      for (List<Object> row : connection.rows("SELECT cohort_period, period_offset, cohort_users, users "
          + "FROM cohorts.weekly_matrix")) {
        rows.append(List.of(date(row.get(0)), ((Number) row.get(1)).intValue(), ((Number) row.get(2)).intValue(),
            ((Number) row.get(3)).longValue())).append('\n');
      }
      assertEquals(matrix.toString(), rows.toString());
    }
  }
}
