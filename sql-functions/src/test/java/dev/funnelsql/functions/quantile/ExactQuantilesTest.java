package dev.funnelsql.functions.quantile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactQuantilesTest {
  private static final double[] PS = {0.5, 0.25, 0.75, 0.9, 0.0, 1.0, 0.37};

  /** The brute force: sort, then PostgreSQL's percentile_cont between the two values around rank (n - 1) p. */
  private static double percentileCont(long[] values, double p) {
    final long[] sorted = values.clone();
    Arrays.sort(sorted);
    final double rank = (sorted.length - 1) * p;
    final int below = (int) Math.floor(rank);
    final int above = Math.min(sorted.length - 1, below + 1);
    return sorted[below] + (rank - below) * (sorted[above] - (double) sorted[below]);
  }

  /** Values of one of several shapes: few distinct (ties), a wide range, a narrow one with outliers, sorted runs. */
  private static long[] randomValues(Random random) {
    final int n = random.nextInt(4) == 0 ? random.nextInt(70) + 1 : random.nextInt(20_000) + 1;
    final long[] values = new long[n];
    final int shape = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      switch (shape) {
        case 0: values[i] = random.nextInt(5); break;
        case 1: values[i] = random.nextLong(); break;
        case 2: values[i] = random.nextInt(100) < 95 ? random.nextInt(3) : 604_800 - random.nextInt(3); break;
        case 3: values[i] = random.nextInt(604_801); break;
        case 4: values[i] = i / 7 - 50; break;
        default:
          values[i] = random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : Long.MAX_VALUE - random.nextInt(3);
      }
    }
    return values;
  }

  @Test void quantilesEqualPercentileContOfSortedValuesOnRandomBags() {
    final Random random = new Random(47);
    for (int bag = 0; bag < 3_000; bag++) {
      final long[] values = randomValues(random);
      final ExactQuantiles quantiles = new ExactQuantiles();
      for (long value : values) {
        quantiles.add(value);
      }
      final double[] expected = new double[PS.length];
      for (int i = 0; i < PS.length; i++) {
        expected[i] = percentileCont(values, PS[i]);
      }
      assertArrayEquals(expected, quantiles.quantiles(PS), 0.0, () -> "values " + Arrays.toString(values));
      assertEquals(values.length, quantiles.size());
    }
  }

  @Test void selectionFindsEveryRankOfTheSortedValues() {
    final Random random = new Random(48);
    for (int bag = 0; bag < 500; bag++) {
      final long[] values = randomValues(random);
      final long[] sorted = values.clone();
      Arrays.sort(sorted);
      final int[] ranks = new int[1 + random.nextInt(9)];
      for (int i = 0; i < ranks.length; i++) {
        ranks[i] = random.nextInt(values.length);
      }
      final long[] expected = new long[ranks.length];
      for (int i = 0; i < ranks.length; i++) {
        expected[i] = sorted[ranks[i]];
      }
      final long[] before = values.clone();
      assertArrayEquals(expected, ExactQuantiles.select(values, values.length, ranks));
      assertArrayEquals(before, values, "the values are left as they were");
    }
  }

  @Test void countsBetweenEdgesEqualCountingEachBucket() {
    final Random random = new Random(49);
    for (int bag = 0; bag < 1_000; bag++) {
      final long[] values = randomValues(random);
      final long[] edges = new long[random.nextInt(6)];
      long edge = random.nextInt(3) - 1;
      for (int e = 0; e < edges.length; e++) {
        edges[e] = edge;
        edge += 1 + random.nextInt(random.nextBoolean() ? 3 : 300_000);
      }
      final ExactQuantiles quantiles = new ExactQuantiles();
      for (long value : values) {
        quantiles.add(value);
      }
      final long[] expected = new long[Math.max(0, edges.length - 1)];
      for (int b = 0; b < expected.length; b++) {
        final boolean last = b + 2 == edges.length;
        for (long value : values) {
          if (value >= edges[b] && (value < edges[b + 1] || last && value == edges[b + 1])) {
            expected[b]++;
          }
        }
      }
      assertArrayEquals(expected, quantiles.countsBetween(edges));
    }
  }

  @Test void refusesAQuantileOfNothingOrOutsideZeroToOne() {
    final ExactQuantiles quantiles = new ExactQuantiles();
    assertThrows(IllegalStateException.class, () -> quantiles.quantiles(0.5));
    quantiles.add(3);
    assertArrayEquals(new double[] {3.0}, quantiles.quantiles(0.5));
    assertThrows(IllegalArgumentException.class, () -> quantiles.quantiles(1.5));
    assertThrows(IllegalArgumentException.class, () -> quantiles.quantiles(Double.NaN));
  }
}
