package dev.funnelsql.calcite.stepscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The step scan is an optimisation only: on random events with ties and NULLs, every behavioural aggregate gives
 * the same rows whether the step scan orders the rows itself ({@code funnel.sort=client}, the default), has the
 * store order them ({@code funnel.sort=source}, a sort by key and time under the scan) or is turned off
 * ({@code funnel.pushdown=never}, Calcite's generic aggregate, no step scan in the plan).
 */
class StepScanAgreesWithGenericAggregateTest {
  private static final List<String> QUERIES = List.of(
      // Several timed aggregates share one scan, whose mask holds the union of their conditions.
      "SELECT user_id, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b', event_name = 'c'), "
          + "FUNNEL_STEP(ts, INTERVAL '2' DAY, 'strict_order', event_name = 'a', event_name = 'b', event_name = 'c'), "
          + "FUNNEL_STEP(ts, 172800, 'strict_increase', event_name = 'a', revenue > 10, event_name = 'c'), "
          + "FUNNEL_TIMES(ts, 86400, event_name = 'a', event_name = 'b'), "
          + "SEQUENCE_COUNT('(?1).*(?t<=86400)(?2)', ts, event_name = 'a', event_name = 'b') "
          + "FROM events WHERE source IS NOT NULL OR score > 3 GROUP BY user_id",
      "SELECT user_id, RETENTION(event_name = 'a', score >= 5, event_name = 'c') FROM events "
          + "WHERE revenue IS NULL OR revenue > 3 GROUP BY user_id",
      "SELECT source, FUNNEL_STEP(ts, 86400, 'unordered', event_name = 'a', event_name = 'b') AS r "
          + "FROM events GROUP BY source");

  private static Properties settings(String key, String value) {
    final Properties properties = new Properties();
    properties.setProperty(key, value);
    return properties;
  }

  private static List<List<Object>> sortedRows(AdapterConnection connection, String sql) throws SQLException {
    final List<List<Object>> rows = connection.rows(sql);
    rows.sort((x, y) -> String.valueOf(x.get(0)).compareTo(String.valueOf(y.get(0))));
    return rows;
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void everySettingGivesTheSameRows(StoreKind kind) throws SQLException {
    final Store store = TestEvent.store(kind, RandomEvents.generate(5L, 80, 16));
    try (AdapterConnection scan = AdapterConnections.open(store, null, new Properties());
        AdapterConnection sourceSort = AdapterConnections.open(store, null, settings("funnel.sort", "source"));
        AdapterConnection generic = AdapterConnections.open(store, null, settings("funnel.pushdown", "never"))) {
      final String first = QUERIES.get(0);
      assertTrue(scan.explain(first).contains("order=[client]"), first);
      final String sorted = sourceSort.explain(first);
      assertTrue(sorted.contains("order=[source]") && sorted.contains("JdbcSort(sort0=[$0], sort1=[$1]"), sorted);
      assertFalse(generic.explain(first).contains("StepScanAggregate"), first);
      for (String sql : QUERIES) {
        final List<List<Object>> expected = sortedRows(generic, sql);
        assertEquals(expected.toString(), sortedRows(scan, sql).toString(), sql);
        assertEquals(expected.toString(), sortedRows(sourceSort, sql).toString(), sql);
      }
    }
  }
}
