package dev.funnelsql.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables mode at a tiny size on all three stores, one run per table and no warm-up, each baseline measured once
 * per store: every table completes, the hand-written baseline of each store gives FunnelSQL's answer, and the report
 * is written.
 */
class TablesModeTest {
  @TempDir
  Path dir;

  @Test
  void everyTableEqualsItsHandWrittenBaselineOnEveryStore() throws Exception {
    final BenchOptions options = BenchOptions.parse("--tables", "--events", "5k", "--warmups", "0", "--runs", "1",
        "--baselines", "once", "--table-timeout", "120s", "--dir", dir.toString());
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final TableResults results = BenchMain.runTables(options, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

    assertEquals(List.of(), results.mismatches());
    final int tables = ShopTables.of(new ShopSql(StoreKind.DUCKDB), options.mainData()).size();
    assertEquals(tables * StoreKind.values().length, results.rows().size());
    for (TableRow row : results.rows()) {
      final String what = row.store().title() + " " + row.table().name();
      assertEquals("equal", row.check(), what + ": " + row.funnel().error() + " / " + row.baselineError());
      assertTrue(((TableAnswer) row.funnel().measurement().result()).rows() > 0, what + " is empty");
    }
    final String report = Files.readString(dir.resolve("report.md"));
    assertEquals(out.toString(StandardCharsets.UTF_8), report);
    assertTrue(report.contains("## Tables at 5k events"), report);
    assertTrue(report.contains("Every table completes at 5k events"), report);
    assertTrue(Files.exists(dir.resolve("data").resolve(options.mainData().name() + "-duckdb-shop.yaml")));
  }
}
