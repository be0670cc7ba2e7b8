package dev.funnelsql.examples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The timed runs of one method on one store and data set: wall times, the peak heap of each run and the value the
 * last run returned (a histogram, or the rows fetched).
 *
 * @param method what was run, or null for a query of the tables mode (labelled by its {@link TableRow})
 * @param nanos the wall time of each counted run
 * @param cpuNanos the CPU time this JVM spent during each counted run (all its threads, DuckDB's and H2's included)
 * @param warmedUp false when the first run was slow and is the only one counted (no warm-up before it)
 * @param peakHeapBytes the largest {@link HeapPeak} figure over the counted runs, or {@link HeapPeak#NONE}
 * @param result what the last run returned
 */
record Measurement(Method method, List<Long> nanos, List<Long> cpuNanos, boolean warmedUp, long peakHeapBytes,
    Object result) {
  /** The median wall time in seconds (the mean of the two middle runs for an even count). */
  double medianSeconds() {
    return median(nanos);
  }

  /** The median CPU time of this JVM in seconds. */
  double medianCpuSeconds() {
    return median(cpuNanos);
  }

  private static double median(List<Long> values) {
    final List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    final int n = sorted.size();
    final double middle = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    return middle / 1e9;
  }

  /** The number of counted runs. */
  int runs() {
    return nanos.size();
  }

  /** The result as a histogram (for methods that compute the funnel). */
  Histogram histogram() {
    return (Histogram) result;
  }
}
