package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.SparkServer;
import dev.funnelsql.calcite.testing.StoreKind;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FunnelSQL over Spark's Thrift server gives DuckDB's answers ({@link EngineStoreParity}), and a cancelled query
 * cancels its Spark job.
 */
class SparkStoreTest extends EngineStoreParity {
  @Override StoreKind kind() {
    return StoreKind.SPARK;
  }

  /**
   * A cancelled funnel cancels its job in Spark, whether Spark sends the step rows (client) or computes the funnel
   * (engine): a three-way self-join whose filter no row passes would run for hours. Spark's log shows the query run,
   * then its job group cancelled (a running task stops when it next checks, which a nested-loop join does seldom: 33 s
   * after the cancel here) and the query closed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"client", "engine"})
  void aCancelledFunnelCancelsItsSparkJob(String pushdown) throws Exception {
    final long marker = -1_000_000L - pushdown.length();
    final int before = SparkServer.log().length();
    cancelAnEndlessFunnel(pushdown, marker, () -> afterMarker(before, marker).contains("Running query with "), () -> {
      final Matcher cancel = Pattern.compile("Cancel query with (\\S+)").matcher(afterMarker(before, marker));
      assertTrue(cancel.find(), "FunnelSQL's cancel never reached Spark");
      final String after = afterMarker(before, marker).substring(cancel.end());
      return after.contains("Asked to cancel job group " + cancel.group(1))
          && after.contains("Close statement with " + cancel.group(1));
    });
  }

  /** Spark's log since {@code before}, from the query holding {@code marker} on; empty until it is submitted. */
  private static String afterMarker(int before, long marker) throws IOException {
    final String log = SparkServer.log().substring(before);
    final int at = log.indexOf(Long.toString(marker));
    return at < 0 ? "" : log.substring(at);
  }
}
