package dev.funnelsql.calcite.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which rule conditions a segmentation's history computes over running totals: counts, sums, minima and maxima, with
 * or without a filter; not a distinct count, an average, a window or a subquery, nor a column read outside an
 * aggregate.
 */
class RunningAggregatesTest {
  private static RunningAggregates of(String... conditions) throws Exception {
    final List<String> canonical = new java.util.ArrayList<>();
    for (String condition : conditions) {
      canonical.add(SqlText.expression(condition));
    }
    return RunningAggregates.of(canonical);
  }

  @Test
  void countsSumsMinimaAndMaximaAreRunningTotals() throws Exception {
    assertNotNull(of("COUNT(*) FILTER (WHERE event_name = 'a') >= 3", "SUM(revenue) > 60 AND MIN(ts) < TIMESTAMP "
        + "'2026-01-01 00:00:00'", "COUNT(event_name) = COUNT(*)", "ABS(MAX(score) - 5) <= 2"));
  }

  @Test
  void whatIsNoRunningTotalKeepsThePerPeriodHistory() throws Exception {
    for (String condition : List.of("COUNT(DISTINCT session_id) >= 2", "AVG(revenue) > 5",
        "COUNT(*) > (SELECT COUNT(*) FROM events)", "SUM(revenue) > 5 OR revenue > 3",
        "MAX(score) OVER () > 1")) {
      assertNull(of("COUNT(*) >= 1", condition), condition);
    }
  }

  @Test
  void aCallInTwoConditionsIsOneRunningTotal() throws Exception {
    final RunningAggregates aggregates = of("COUNT(*) FILTER (WHERE event_name = 'a') >= 20",
        "COUNT(*) FILTER (WHERE event_name = 'a') >= 5", "COUNT(*) >= 3");
    final EventsRelation events = EventsRelation.of("s.events", "user_id", "ts", "event_name", null);
    final String sql = aggregates.sql(events, "week", conditions -> String.join(" | ", conditions));
    assertEquals(2, sql.split(" OVER \\(", -1).length - 1, sql);
    assertTrue(sql.contains("(\"r\".\"c0\" >= 20) | (\"r\".\"c0\" >= 5) | (\"r\".\"c1\" >= 3)"), sql);
    final String spans = aggregates.spansSql(events, "TRUE", conditions -> String.join(" | ", conditions));
    assertEquals(2, spans.split(" RANGE BETWEEN ", -1).length - 1, spans);
  }

  @Test
  void spansSendOnlyTheAnchorRowsWhereTheSegmentChanges() throws Exception {
    final String spans = of("COUNT(*) >= 3").spansSql(EventsRelation.of("s.events", "user_id", "ts", "event_name",
        null), "event_name = 'a'", conditions -> conditions.get(0));
    assertTrue(spans.contains("WHERE r.\"anchor\""), spans);
    assertTrue(spans.endsWith("c.\"segment\" IS DISTINCT FROM c.\"previous\""), spans);
  }

  @Test
  void theQueryCarriesEachPartialIntoItsRunningCombination() throws Exception {
    final String sql = of("COUNT(*) >= 3", "MIN(ts) < TIMESTAMP '2026-01-01 00:00:00'").sql(
        EventsRelation.of("s.events", "user_id", "ts", "event_name", null), "week",
        conditions -> String.join(" | ", conditions));
    assertEquals(2, sql.split("OVER \\(PARTITION BY w.\"user_id\" ORDER BY w.\"first_at\"", -1).length - 1, sql);
    assertEquals(true, sql.contains("SUM(w.\"a0\") OVER") && sql.contains("MIN(w.\"a1\") OVER")
        && sql.contains("(\"r\".\"c0\" >= 3) | (\"r\".\"c1\" < TIMESTAMP '2026-01-01 00:00:00')"), sql);
  }
}
