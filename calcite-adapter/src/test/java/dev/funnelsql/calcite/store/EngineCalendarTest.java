package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.ComparableRows;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The calendar functions ({@code PERIOD_START}, {@code PERIODS_BETWEEN}, {@code LOCAL_TIME}) run in Trino, Spark and
 * ClickHouse, in the engine's own SQL, and give DuckDB's buckets (which the driver's period tests hold to java.time):
 * every period, on UTC and on local calendars within two days of their daylight-saving changes (both hemispheres, a
 * half-hour offset and a half-hour shift), over two years and before 1970.
 */
class EngineCalendarTest {
  private static final List<String> ZONES = List.of("America/Los_Angeles", "Europe/Paris", "America/St_Johns",
      "Australia/Lord_Howe");
  private static final String FROM = "TIMESTAMP '2026-01-01 12:00:00'";

  private static List<TestEvent> events() {
    final SplittableRandom random = new SplittableRandom(11);
    final List<TestEvent> events = new ArrayList<>();
    long user = 0;
    for (String name : ZONES) {
      Instant at = Instant.parse("2026-01-01T00:00:00Z");
      for (int change = 0; change < 4; change++) {
        final ZoneOffsetTransition transition = ZoneId.of(name).getRules().nextTransition(at);
        at = transition.getInstant();
        for (int i = 0; i < 12; i++) {
          events.add(TestEvent.of(++user, at.toEpochMilli() + random.nextLong(-2 * 86_400L, 2 * 86_400L) * 1000L
              + random.nextInt(1000), "a"));
        }
      }
    }
    for (int i = 0; i < 60; i++) {
      events.add(TestEvent.of(++user, Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()
          + random.nextLong(730L * 86_400_000L), "a"));
    }
    for (int i = 0; i < 10; i++) {
      events.add(TestEvent.of(++user, Instant.parse("1969-12-01T00:00:00Z").toEpochMilli()
          + random.nextLong(60L * 86_400_000L), "a"));
    }
    events.add(TestEvent.of(++user, null, "a"));
    return events;
  }

  private static String sql() {
    final StringBuilder sql = new StringBuilder("SELECT user_id");
    for (String period : List.of("hour", "day", "week", "month")) {
      sql.append(", PERIOD_START(ts, '").append(period).append("'), PERIODS_BETWEEN(").append(FROM)
          .append(", ts, '").append(period).append("')");
    }
    for (String zone : ZONES) {
      sql.append(", LOCAL_TIME(ts, '").append(zone).append("')");
      for (String period : List.of("hour", "day", "week")) {
        sql.append(", PERIOD_START(ts, '").append(period).append("', '").append(zone).append("')");
      }
      sql.append(", PERIODS_BETWEEN(").append(FROM).append(", ts, 'day', '").append(zone).append("')");
    }
    return sql.append(" FROM events").toString();
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"TRINO", "SPARK", "CLICKHOUSE"})
  void periodsRunInTheEngineAndGiveDuckDbsBuckets(StoreKind kind) throws SQLException {
    final List<TestEvent> events = events();
    final String sql = sql();
    try (AdapterConnection onEngine = AdapterConnections.open(TestEvent.store(kind, events));
        AdapterConnection onDuckDb = AdapterConnections.open(TestEvent.store(StoreKind.DUCKDB, events))) {
      final String plan = onEngine.explain(sql);
      assertTrue(plan.matches("(?s).*JdbcProject\\([^\\n]*PERIOD_START.*") && !plan.contains("EnumerableCalc"),
          plan);
      final List<List<Object>> expected = onDuckDb.rows(sql);
      assertEquals(events.size(), expected.size());
      ComparableRows.assertSameRows(expected, onEngine.rows(sql), kind.name());
    }
  }
}
