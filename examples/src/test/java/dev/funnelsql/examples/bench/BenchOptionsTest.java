package dev.funnelsql.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void theDefaultsAreTenMillionEventsOfAMillionUsersWithAOneMillionGrowthPoint() {
    final BenchOptions options = BenchOptions.parse();
    assertEquals(new DataSpec(10_000_000, 1_000_000, 30, 10, 42), options.mainData());
    assertEquals(List.of(new DataSpec(1_000_000, 100_000, 30, 10, 42), options.mainData()), options.allData());
    assertEquals(List.of(StoreKind.DUCKDB, StoreKind.H2, StoreKind.POSTGRES), options.stores());
  }

  @Test
  void sizesTakeSuffixesAndUnderscoresAndGrowthKeepsEventsPerUser() {
    final BenchOptions options = BenchOptions.parse("--events", "2_000k", "--users=50k", "--growth", "100m,1m");
    assertEquals(2_000_000, options.mainData().events());
    assertEquals(List.of(1_000_000L, 2_000_000L, 100_000_000L),
        options.allData().stream().map(DataSpec::events).toList());
    assertEquals(2_500_000, options.allData().get(2).users());
  }

  @Test
  void perStoreCapsDecideWhatRunsWhere() {
    final BenchOptions options = BenchOptions.parse("--growth", "1m,100m", "--max-events", "h2=10m",
        "--baseline-max", "h2=1m", "--stores", "h2,duckdb");
    final DataSpec oneM = options.allData().get(0);
    final DataSpec hundredM = options.allData().get(2);
    assertEquals(List.of(StoreKind.DUCKDB, StoreKind.H2), options.stores());
    assertFalse(options.runs(StoreKind.H2, hundredM));
    assertTrue(options.runs(StoreKind.DUCKDB, hundredM));
    assertTrue(options.runsBaselines(StoreKind.H2, oneM));
    assertFalse(options.runsBaselines(StoreKind.H2, options.mainData()));
    assertTrue(options.runsBaselines(StoreKind.DUCKDB, options.mainData()));
    assertFalse(options.runsBaselines(StoreKind.DUCKDB, hundredM));
    assertTrue(options.runsGenericAggregate(oneM));
    assertFalse(options.runsGenericAggregate(options.mainData()));
  }

  @Test
  void badFlagsSayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--event", "1m"))
        .getMessage().startsWith("unknown flag --event; usage: "));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--events", "ten"))
        .getMessage().startsWith("bad value for --events: 'ten'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--stores", "mysql"))
        .getMessage().contains("unknown store 'mysql'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--runs"))
        .getMessage().startsWith("missing value after --runs"));
  }

  @Test
  void theTablesModeIsASwitchWithABoundPerQuery() {
    assertFalse(BenchOptions.parse().tables());
    assertEquals(300, BenchOptions.parse().tableTimeoutSeconds());
    final BenchOptions options = BenchOptions.parse("--tables", "--events", "200k", "--table-timeout", "2m");
    assertTrue(options.tables());
    assertEquals(200_000, options.mainData().events());
    assertEquals(120, options.tableTimeoutSeconds());
    assertEquals(90, BenchOptions.parse("--table-timeout=90").tableTimeoutSeconds());
    assertEquals(3600, BenchOptions.parse("--table-timeout", "1h").tableTimeoutSeconds());
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--table-timeout", "0s"));
  }

  @Test
  void baselinesAreMeasuredBesideEachTableUnlessAskedOncePerStore() {
    assertTrue(BenchOptions.parse("--tables").baselinesBeside());
    assertTrue(BenchOptions.parse("--tables", "--baselines", "beside").baselinesBeside());
    assertFalse(BenchOptions.parse("--tables", "--baselines=once").baselinesBeside());
    final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> BenchOptions.parse("--baselines", "twice"));
    assertTrue(bad.getMessage().startsWith("--baselines is beside or once, got 'twice'"), bad.getMessage());
  }

  @Test
  void onlyTimesTheTablesWhoseNamesStartWithAGivenPrefix() {
    assertTrue(BenchOptions.parse().times("cohorts.weekly_buyers"));
    final BenchOptions options = BenchOptions.parse("--tables", "--only", "segments.lifecycle, cohorts.");
    assertTrue(options.times("segments.lifecycle_sizes"));
    assertTrue(options.times("cohorts.weekly_buyers_matrix"));
    assertFalse(options.times("segments.engagement"));
    assertFalse(options.times("funnels.checkout_chart"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--only", ","));
  }
}
