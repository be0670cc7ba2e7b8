package dev.funnelsql.examples.soak;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of a soak run from its samples: throughput, errors, and whether the heap used after GC grew — the
 * mean of the last third of the samples against the mean of the first third (after the first, warm-up sample).
 *
 * @param samples the samples in order
 */
public record SoakReport(List<HeapSample> samples) {
  /** Growth above this share of the starting heap, and above {@link #TOLERATED_MIB}, counts as growth. */
  static final double TOLERATED_SHARE = 0.20;
  /** Growth below this many MiB is noise whatever the share. */
  static final double TOLERATED_MIB = 16;

  /** All queries completed. */
  public long queries() {
    return samples.stream().mapToLong(HeapSample::queries).sum();
  }

  /** All queries failed. */
  public long errors() {
    return samples.stream().mapToLong(HeapSample::errors).sum();
  }

  /** The mean heap after GC of the first third of the samples after warm-up, in MiB. */
  public double startMib() {
    final List<HeapSample> steady = steady();
    return mean(steady.subList(0, Math.max(1, steady.size() / 3)));
  }

  /** The mean heap after GC of the last third of the samples, in MiB. */
  public double endMib() {
    final List<HeapSample> steady = steady();
    return mean(steady.subList(steady.size() - Math.max(1, steady.size() / 3), steady.size()));
  }

  /** Whether the heap after GC grew beyond the tolerance. */
  public boolean heapGrew() {
    final double growth = endMib() - startMib();
    return growth > TOLERATED_MIB && growth > TOLERATED_SHARE * startMib();
  }

  private List<HeapSample> steady() {
    return samples.size() > 1 ? samples.subList(1, samples.size()) : samples;
  }

  private static double mean(List<HeapSample> part) {
    return part.stream().mapToDouble(HeapSample::heapMib).average().orElse(0);
  }

  /** Prints the summary lines. */
  public void print(PrintStream out) {
    final double seconds = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).seconds();
    out.printf(Locale.ROOT, "%nsoak: %d queries in %.0f s (%.1f queries/s), %d errors%n", queries(), seconds,
        seconds > 0 ? queries() / seconds : 0, errors());
    out.printf(Locale.ROOT, "heap after GC: %.1f MiB at the start, %.1f MiB at the end (%+.1f MiB): %s%n",
        startMib(), endMib(), endMib() - startMib(), heapGrew() ? "GREW" : "no growth");
  }
}
