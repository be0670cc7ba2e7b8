package dev.funnelsql.functions.funnel;

import static dev.funnelsql.functions.funnel.FunnelCheck.check;
import static dev.funnelsql.functions.funnel.FunnelCheck.row;
import static dev.funnelsql.functions.funnel.FunnelCheck.sequence;
import static dev.funnelsql.functions.funnel.FunnelCheck.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The accumulator: any input order, sentinel for unreached steps, sorting paths, reuse. */
class FunnelAccumulatorTest {
  private static final long N = FunnelAccumulator.NOT_REACHED;

  @Test void knownAnswersInAnyOrder() {
    // check() feeds the accumulator in the given, reversed and shuffled orders.
    check(spec(3, 100, ""), 3, new long[] {7, 7, 7}, row(7, "ABC"));
    check(spec(3, 100, "strict_once"), 1, new long[] {7}, row(7, "ABC"));
    check(spec(3, 100, "strict_increase"), 1, new long[] {7}, row(7, "ABC"));
    check(spec(3, 100, "strict_order"), 2, new long[] {0, 1}, sequence("A B - C"));
    check(spec(3, 100, ""), 3, new long[] {0, 1, 3}, sequence("A B - C"));
    check(spec(3, 100, "strict_order"), 1, new long[] {0}, sequence("A C B"));
    check(spec(3, 100, "strict_order"), 3, new long[] {1, 2, 4}, sequence("A A B B C C"));
    check(spec(3, 100, "strict_order"), 2, new long[] {0, 1}, sequence("A B A C"));
    check(spec(3, 100, "strict_order, allow_reentry"), 3, new long[] {0, 1, 3}, sequence("A B A C"));
    final long[][] ties = {row(0, "A"), row(1, "B"), row(1, "C"), row(1, "D"), row(2, "E")};
    check(spec(5, 100, ""), 5, new long[] {0, 1, 1, 1, 2}, ties);
    check(spec(5, 100, "strict_increase"), 2, new long[] {0, 1}, ties);
    check(spec(4, 100, "strict_deduplication"), 3, new long[] {0, 1, 2}, sequence("A B C A B"));
    check(spec(3, 100, "strict_increase"), 3, new long[] {0, 50, 60},
        row(0, "A"), row(50, "A"), row(50, "B"), row(60, "C"));
    check(spec(2, 10, ""), 2, new long[] {0, 10}, row(0, "A"), row(10, "B"));
    check(spec(2, 9, ""), 1, new long[] {0}, row(0, "A"), row(10, "B"));
    check(spec(2, 0, ""), 2, new long[] {5, 5}, row(5, "A"), row(5, "B"));
    check(spec(2, 0, "strict_increase"), 1, new long[] {5}, row(5, "A"), row(5, "B"));
    check(spec(3, 3600, ""), 3, new long[] {5400, 6300, 8100},
        row(3600, "A"), row(5400, "A"), row(6300, "B"), row(8100, "C"));
    check(spec(3, 5, "strict_increase"), 3, new long[] {1, 2, 6},
        row(1, "A"), row(2, "B"), row(5, "A"), row(6, "B"), row(6, "C"));
  }

  @Test void unreachedStepsAreTheSentinel() {
    final FunnelAccumulator acc = new FunnelAccumulator(spec(4, 10, ""));
    assertEquals(0, acc.level());
    assertArrayEquals(new long[] {N, N, N, N}, acc.times());
    acc.add(20, 0b0010);
    acc.add(3, 0b0001);
    acc.add(4, 0);
    assertEquals(1, acc.level()); // 20 is outside the window of 3
    assertArrayEquals(new long[] {3, N, N, N}, acc.times());
    acc.add(12, 0b0010);
    assertEquals(2, acc.level());
    assertArrayEquals(new long[] {3, 12, N, N}, acc.times());
  }

  @Test void resetReusesTheAccumulator() {
    final FunnelAccumulator acc = new FunnelAccumulator(spec(2, 10, "strict_order"));
    acc.add(5, 0b01);
    acc.add(6, 0);
    acc.add(7, 0b10);
    assertEquals(1, acc.level());
    acc.reset();
    assertEquals(0, acc.level());
    acc.add(2, 0b10);
    acc.add(1, 0b01);
    assertEquals(2, acc.level());
    assertArrayEquals(new long[] {1, 2}, acc.times());
  }

  @Test void maskBeyondStepsThrows() {
    final FunnelAccumulator acc = new FunnelAccumulator(spec(3, 10, ""));
    assertThrows(IllegalArgumentException.class, () -> acc.add(1, 0b1000));
  }

  @Test void wideTimeRangeUsesTheMergeSort() {
    // Times further apart than 2^32 cannot be packed with the mask into one long.
    final Random random = new Random(7);
    final int n = 5000;
    final long[] ts = new long[n];
    final int[] masks = new int[n];
    for (int i = 0; i < n; i++) {
      ts[i] = (random.nextInt(2000) - 1000) * 10_000_000_000L;
      masks[i] = random.nextInt(8);
    }
    for (String modes : new String[] {"", "strict_order", "strict_increase", "strict_once,strict_deduplication"}) {
      final FunnelSpec spec = spec(3, 30_000_000_000L, modes);
      final FunnelAccumulator acc = new FunnelAccumulator(spec);
      final FunnelAccumulator sorted = new FunnelAccumulator(spec);
      final long[][] rows = new long[n][];
      for (int i = 0; i < n; i++) {
        acc.add(ts[i], masks[i]);
        rows[i] = new long[] {ts[i], masks[i]};
      }
      java.util.Arrays.sort(rows, (a, b) -> Long.compare(a[0], b[0]));
      for (long[] r : rows) {
        sorted.add(r[0], (int) r[1]);
      }
      assertEquals(sorted.level(), acc.level(), modes);
      assertArrayEquals(sorted.times(), acc.times(), modes);
    }
  }

  @Test void bigGroupsOfEqualTimes() {
    // Date-only timestamps: thousands of rows per time, many matching several steps, under strict_once.
    final Random random = new Random(11);
    final FunnelSpec spec = spec(6, 2, "strict_once");
    final FunnelAccumulator acc = new FunnelAccumulator(spec);
    for (int i = 0; i < 20_000; i++) {
      acc.add(random.nextInt(4), 1 << random.nextInt(6) | 1 << random.nextInt(6));
    }
    assertEquals(6, acc.level());
    assertArrayEquals(new long[] {0, 0, 0, 0, 0, 0}, acc.times());
  }
}
