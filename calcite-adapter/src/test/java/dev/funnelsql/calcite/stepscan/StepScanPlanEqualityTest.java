package dev.funnelsql.calcite.stepscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.TimestampReading;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step scan's plan is a value: equal parts make equal plans, which then share one result per execution. */
class StepScanPlanEqualityTest {
  private static StepScanPlan plan(String sql, List<Integer> bits) {
    return new StepScanPlan(
        new StoreQuery(sql, sql + " ORDER BY 1, 2", StoreParameters.of(new ArrayList<>(List.of(0)), Map.of())),
        new RowLayout(new ArrayList<>(List.of(ColumnKind.BIGINT)), TimeKind.TIMESTAMP,
            TimestampReading.LOCAL_DATE_TIME),
        new FunctionBits(List.of(), List.of(new ArrayList<>(bits)), bits.size()));
  }

  @Test
  void plansBuiltSeparatelyFromEqualPartsAreEqual() {
    final StepScanPlan one = plan("SELECT k0, t, mask FROM events WHERE ts > ?", List.of(0, 1));
    final StepScanPlan other = plan("SELECT k0, t, mask FROM events WHERE ts > ?", List.of(0, 1));
    assertEquals(one, other);
    assertEquals(one.hashCode(), other.hashCode());
  }

  @Test
  void plansWithOtherSqlOrOtherBitsDiffer() {
    final StepScanPlan one = plan("SELECT k0, t, mask FROM events", List.of(0, 1));
    assertNotEquals(one, plan("SELECT k0, t, mask FROM other", List.of(0, 1)));
    assertNotEquals(one, plan("SELECT k0, t, mask FROM events", List.of(1, 0)));
  }

  @Test
  void aSharingScanHasTheSamePlan() {
    final StepScan scan = new StepScan(plan("SELECT 1", List.of(0)), StepScanSettings.DEFAULT, null);
    assertEquals(scan.plan(), scan.sharing(new SharedRows()).plan());
  }

  @Test
  void thePlansPartsCannotBeChangedAfterwards() {
    final List<Integer> bits = new ArrayList<>(List.of(0, 1));
    final FunctionBits functions = new FunctionBits(List.of(), List.of(bits), 2);
    bits.add(2);
    assertEquals(List.of(List.of(0, 1)), functions.bits());
  }
}
