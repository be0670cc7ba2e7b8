package dev.funnelsql.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole benchmark at a tiny size on all three stores, one run per method and no warm-up, so that it cannot rot:
 * it completes, every exact method agrees with B1 (and FunnelSQL agrees across stores), the shortcut's answer is
 * reported, and the report is written.
 */
class BenchmarkTest {
  @TempDir
  Path dir;

  @Test
  void aTinyRunOnEveryStoreCompletesAndFunnelSqlEqualsTheExactSql() throws Exception {
    final BenchOptions options = BenchOptions.parse("--events", "20k", "--growth=", "--warmups", "0", "--runs",
        "1", "--dir", dir.toString());
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final BenchResults results = BenchMain.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));

    assertEquals(java.util.List.of(), results.failures());
    final DataSpec spec = options.mainData();
    for (StoreKind store : StoreKind.values()) {
      final Measurement funnel = results.find(store, spec, Method.FUNNELSQL);
      final Measurement b1 = results.find(store, spec, Method.B1);
      assertNotNull(funnel, store.title());
      assertNotNull(b1, store.title());
      assertEquals(b1.histogram(), funnel.histogram(), store.title());
      assertNotNull(results.find(store, spec, Method.FIRST_TOUCH), store.title());
      final Measurement fetch = results.find(store, spec, Method.FETCH);
      final Measurement fetchMask = results.find(store, spec, Method.FETCH_MASK);
      assertEquals(((FetchResult) fetch.result()).rows(), ((FetchResult) fetchMask.result()).rows(),
          store.title());
      final Measurement fetchArrow = results.find(store, spec, Method.FETCH_ARROW);
      if (store == StoreKind.DUCKDB) {
        assertEquals(((FetchResult) fetch.result()).rows(), ((FetchResult) fetchArrow.result()).rows());
      } else {
        assertNull(fetchArrow, store.title());
      }
    }
    assertNotNull(results.find(StoreKind.H2, spec, Method.B2C));
    final Histogram exact = results.exact(spec);
    assertTrue(exact.atLeast(2) > 0 && exact.atLeast(4) > 0, "the funnel must not be empty: " + exact);
    assertTrue(results.stepRows(spec) > 0 && results.stepRows(spec) < spec.events());

    final String report = Files.readString(dir.resolve("report.md"));
    assertEquals(out.toString(StandardCharsets.UTF_8), report);
    assertTrue(report.contains("## Results at 20k events"), report);
    assertTrue(report.contains("StepScanAggregate"), report);
    assertTrue(report.contains("max_parallel_workers_per_gather="), report);
  }
}
