package dev.funnelsql.calcite.stepscan;

import static dev.funnelsql.calcite.stepscan.TransferComparison.STEP_ROW_KINDS;
import static dev.funnelsql.calcite.stepscan.TransferComparison.assertSameRows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * DuckDB hands the step rows over as Arrow batches (the test JVM opens {@code java.nio} to Arrow), and every kind of
 * step row read that way gives the rows its getters give ({@code funnel.transfer=jdbc}): integer, NULL, SMALLINT and
 * absent keys, timestamps sent as epoch milliseconds and integer times with NULLs, a value's number, and more step
 * rows than one batch holds.
 */
class ArrowStepRowsTest {
  @Test
  void arrowBatchesGiveTheRowsTheGettersGiveOnRandomEvents() throws SQLException {
    for (long seed = 1; seed <= 40; seed++) {
      assertSameRows(TestEvent.store(StoreKind.DUCKDB, RandomEvents.generate(seed, 60, 12)), STEP_ROW_KINDS,
          "transfer=[arrow]");
    }
  }

  @Test
  void arrowBatchesGiveTheRowsTheGettersGiveAcrossManyBatches() throws SQLException {
    assertSameRows(TestEvent.store(StoreKind.DUCKDB, RandomEvents.generate(99L, 800, 16)), STEP_ROW_KINDS,
        "transfer=[arrow]");
  }

  @Test
  void textKeysAreReadThroughTheGetters() throws SQLException {
    final Store store = TestEvent.store(StoreKind.DUCKDB, RandomEvents.generate(3L, 20, 8));
    try (AdapterConnection connection = AdapterConnections.open(store, null, new Properties())) {
      final String sql = "SELECT source, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b') FROM events "
          + "GROUP BY source";
      final String plan = connection.explain(sql);
      assertTrue(plan.contains("StepScanAggregate") && !plan.contains("transfer=[arrow]"), plan);
    }
  }
}
