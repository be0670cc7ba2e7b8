package dev.funnelsql.calcite.funnel;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The seconds (from entry, or from the previous step) in which the users of one segment reached one step, kept as a
 * growable primitive array so that exact quantiles and a histogram cost one sort of the step's own values at the end.
 */
final class StepSeconds {
  private long[] values = new long[8];
  private int size;
  private boolean sorted = true;

  void add(long seconds) {
    sorted = false;
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = seconds;
  }

  /** The median (the mean of the two middle values when there is an even number), or null when there is none. */
  @Nullable Double median() {
    return quantile(0.5);
  }

  /**
   * The exact quantile {@code p} (0..1), interpolated linearly between the two values around rank {@code (n - 1) p}
   * of the sorted values (PostgreSQL's {@code percentile_cont}), or null when there is none.
   */
  @Nullable Double quantile(double p) {
    if (size == 0) {
      return null;
    }
    sort();
    final double rank = (size - 1) * p;
    final int below = (int) Math.floor(rank);
    final int above = Math.min(size - 1, below + 1);
    return values[below] + (rank - below) * (values[above] - (double) values[below]);
  }

  /** The number of values in {@code [from, to)}, or {@code [from, to]} when {@code closed}. */
  long countBetween(long from, long to, boolean closed) {
    sort();
    return upperIndex(to, closed) - upperIndex(from, false);
  }

  /** The number of values below {@code bound} (at or below it when {@code inclusive}). */
  private int upperIndex(long bound, boolean inclusive) {
    int low = 0;
    int high = size;
    while (low < high) {
      final int mid = (low + high) >>> 1;
      if (values[mid] < bound || inclusive && values[mid] == bound) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private void sort() {
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
  }
}
