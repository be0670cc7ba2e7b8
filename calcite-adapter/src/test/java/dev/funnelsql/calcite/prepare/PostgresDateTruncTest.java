package dev.funnelsql.calcite.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code DATE_TRUNC('unit', ts)}, PostgreSQL's argument order that BI tools send, is FunnelSQL's UTC calendar
 * truncation on every store (ISO weeks from Monday), not Calcite's BigQuery {@code DATE_TRUNC(ts, unit)}.
 */
class PostgresDateTruncTest {
  /** 2026-03-14 (a Saturday) 17:45:30.250 UTC. */
  private static final LocalDateTime TIME = LocalDateTime.of(2026, 3, 14, 17, 45, 30, 250_000_000);

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void eachUnitTruncatesOnTheUtcCalendar(StoreKind kind) throws SQLException {
    final long millis = Timestamp.valueOf(TIME).getTime();
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind,
        List.of(TestEvent.of(1, millis, "a"))))) {
      final List<Object> row = connection.rows("SELECT DATE_TRUNC('second', ts), DATE_TRUNC('minute', ts), "
          + "DATE_TRUNC('hour', ts), DATE_TRUNC('day', ts), DATE_TRUNC('week', ts), DATE_TRUNC('month', ts), "
          + "DATE_TRUNC('quarter', ts), DATE_TRUNC('year', ts) FROM events").get(0);
      final LocalDateTime day = TIME.truncatedTo(ChronoUnit.DAYS);
      final List<LocalDateTime> expected = List.of(TIME.truncatedTo(ChronoUnit.SECONDS),
          TIME.truncatedTo(ChronoUnit.MINUTES), TIME.truncatedTo(ChronoUnit.HOURS), day,
          day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), day.withDayOfMonth(1),
          day.withDayOfMonth(1).withMonth(1), day.withDayOfYear(1));
      assertEquals(expected.toString(), row.stream().map(value -> ((Timestamp) value).toLocalDateTime()).toList()
          .toString());
    }
  }
}
