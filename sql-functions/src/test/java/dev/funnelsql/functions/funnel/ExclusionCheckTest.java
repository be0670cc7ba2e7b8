package dev.funnelsql.functions.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The exclusion cap against a brute-force reading of its definition, on random chains and exclusion events with
 * equal times, events exactly on the steps' times, exclusions that overlap, and rows in any order.
 */
class ExclusionCheckTest {
  @Test
  void capsTheChainAtTheEarliestExclusionStrictlyBetweenItsSteps() {
    final SplittableRandom random = new SplittableRandom(11L);
    int capped = 0;
    for (int round = 0; round < 5_000; round++) {
      final int steps = 2 + random.nextInt(4);
      final List<FunnelExclusion> exclusions = new ArrayList<>();
      for (int e = random.nextInt(4); e > 0; e--) {
        final int from = 1 + random.nextInt(steps - 1);
        exclusions.add(new FunnelExclusion(from, from + 1 + random.nextInt(steps - from)));
      }
      final int level = random.nextInt(steps + 1);
      final long[] chain = new long[steps];
      long time = random.nextInt(5);
      for (int k = 0; k < level; k++) {
        chain[k] = time;
        time += random.nextInt(3);
      }
      final List<long[]> events = new ArrayList<>();
      final ExclusionCheck check = new ExclusionCheck(exclusions);
      for (int i = random.nextInt(6); i > 0; i--) {
        final long at = random.nextInt((int) time + 3);
        final int mask = exclusions.isEmpty() ? 0 : random.nextInt(1 << exclusions.size());
        events.add(new long[] {at, mask});
        check.accept(at, mask);
      }
      final int expected = bruteForce(level, chain, exclusions, events);
      capped += expected < level ? 1 : 0;
      assertEquals(expected, check.cap(level, chain), "round " + round);
      check.reset();
      assertEquals(level, check.cap(level, chain), "after reset, round " + round);
    }
    assertTrue(capped > 100, "chains capped: " + capped);
  }

  /** The cap as the README defines it, one exclusion and one event at a time. */
  private static int bruteForce(int level, long[] chain, List<FunnelExclusion> exclusions, List<long[]> events) {
    int cap = level;
    for (int e = 0; e < exclusions.size(); e++) {
      final FunnelExclusion exclusion = exclusions.get(e);
      if (level < exclusion.from() + 1) {
        continue;
      }
      final long after = chain[exclusion.from() - 1];
      final long before = chain[Math.min(exclusion.to(), level) - 1];
      for (long[] event : events) {
        if ((event[1] >> e & 1) == 1 && event[0] > after && event[0] < before) {
          cap = Math.min(cap, exclusion.from());
        }
      }
    }
    return cap;
  }

  @Test
  void anExclusionMustStartBeforeItEnds() {
    assertThrows(IllegalArgumentException.class, () -> new FunnelExclusion(2, 2));
    assertThrows(IllegalArgumentException.class, () -> new FunnelExclusion(0, 1));
  }
}
