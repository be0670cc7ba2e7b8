package dev.funnelsql.functions.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdTimesAccumulatorTest {
  /**
   * The brute force: the time of the k-th row meeting the condition, rows sorted by time; equivalently the least
   * time t at which at least k rows meeting it have a time at most t.
   */
  private static Long kthTime(List<long[]> rows, int condition, int k) {
    final List<Long> times = new ArrayList<>();
    for (long[] row : rows) {
      if ((row[1] & (1L << condition)) != 0) {
        times.add(row[0]);
      }
    }
    Collections.sort(times);
    return times.size() < k ? null : times.get(k - 1);
  }

  @Test void equalsTheKthTimeOfSortedRowsOnRandomGroupsInAnyOrder() {
    final Random random = new Random(46);
    final ThresholdTimesAccumulator reused = new ThresholdTimesAccumulator(new int[] {1, 3, 20});
    for (int group = 0; group < 5_000; group++) {
      final int conditions = 1 + random.nextInt(5);
      final int[] thresholds = new int[conditions];
      for (int c = 0; c < conditions; c++) {
        thresholds[c] = 1 + random.nextInt(random.nextBoolean() ? 4 : 40);
      }
      final List<long[]> rows = new ArrayList<>();
      final int n = random.nextInt(60);
      for (int r = 0; r < n; r++) {
        // Few distinct times: ties on equal times are the usual case.
        rows.add(new long[] {random.nextInt(12) - 3, random.nextInt(1 << (conditions + 1))});
      }
      final ThresholdTimesAccumulator accumulator = new ThresholdTimesAccumulator(thresholds);
      rows.forEach(row -> accumulator.add(row[0], (int) row[1]));
      for (int c = 0; c < conditions; c++) {
        final Long expected = kthTime(rows, c, thresholds[c]);
        assertEquals(expected != null, accumulator.reached(c), "group " + group + " condition " + c);
        if (expected != null) {
          assertEquals(expected.longValue(), accumulator.time(c), "group " + group + " condition " + c);
        }
      }
      // The same rows sorted, into an accumulator reset between groups: complete once every threshold is met.
      rows.sort((a, b) -> Long.compare(a[0], b[0]));
      reused.reset();
      boolean completeBefore = false;
      for (long[] row : rows) {
        completeBefore |= reused.complete();
        reused.add(row[0], (int) row[1]);
      }
      final int[] fixed = {1, 3, 20};
      boolean all = true;
      for (int c = 0; c < fixed.length; c++) {
        final Long expected = kthTime(rows, c, fixed[c]);
        all &= expected != null;
        assertEquals(expected != null, reused.reached(c));
        if (expected != null) {
          assertEquals(expected.longValue(), reused.time(c));
        }
      }
      assertEquals(all, reused.complete());
      assertFalse(completeBefore && !all);
    }
  }

  @Test void refusesThresholdsOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> new ThresholdTimesAccumulator(new int[0]));
    assertThrows(IllegalArgumentException.class, () -> new ThresholdTimesAccumulator(new int[] {0}));
    assertThrows(IllegalArgumentException.class,
        () -> new ThresholdTimesAccumulator(new int[] {ThresholdTimesAccumulator.MAX_THRESHOLD + 1}));
    assertTrue(new ThresholdTimesAccumulator(new int[] {ThresholdTimesAccumulator.MAX_THRESHOLD}).conditions() == 1);
  }
}
