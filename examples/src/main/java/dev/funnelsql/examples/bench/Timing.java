package dev.funnelsql.examples.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a method several times and keeps the median: a warm-up run (JIT, caches, Calcite's first planning), then as
 * many runs as fit the time budget, between 1 and {@code --runs} ({@code --warmups 0}: {@code --runs} runs). A
 * warm-up slower than {@code --slow-seconds} is itself the only run (marked "1*" in the report). Each run's peak
 * heap is measured with {@link HeapPeak}; its full collection before the run is not timed.
 */
final class Timing {
  /** One run of the measured work; returns its result (a histogram, the rows fetched). */
  @FunctionalInterface
  interface Work {
    /** Does the work once. */
    Object run() throws Exception;
  }

  /**
   * Work with an untimed setup before each run, e.g. a fresh connection (so that no per-connection cache carries a
   * result from one run to the next); the returned work is timed, and releases what the setup made.
   */
  @FunctionalInterface
  interface Staged {
    /** Sets up one run (not timed) and returns it. */
    Work prepare() throws Exception;
  }

  private final int warmups;
  private final int maxRuns;
  private final double slowSeconds;
  private final double budgetSeconds;

  Timing(int warmups, int maxRuns, double slowSeconds, double budgetSeconds) {
    this.warmups = warmups;
    this.maxRuns = maxRuns;
    this.slowSeconds = slowSeconds;
    this.budgetSeconds = budgetSeconds;
  }

  /** Measures {@code work} that is no {@link Method} (a query of the tables mode; the caller labels it). */
  Measurement measure(Staged work) throws Exception {
    return measure(null, work);
  }

  /** Measures {@code work}. */
  Measurement measure(Method method, Work work) throws Exception {
    return measure(method, () -> work);
  }

  private Measurement measure(Method method, Staged work) throws Exception {
    int runs = maxRuns;
    for (int i = 0; i < warmups; i++) {
      final Run warmUp = once(work);
      final double warmSeconds = warmUp.nanos / 1e9;
      if (warmSeconds > slowSeconds) {
        return new Measurement(method, List.of(warmUp.nanos), List.of(warmUp.cpuNanos), false, warmUp.peak,
            warmUp.result);
      }
      runs = (int) Math.max(1, Math.min(maxRuns, Math.floor(budgetSeconds / Math.max(warmSeconds, 1e-3))));
    }
    final List<Long> nanos = new ArrayList<>();
    final List<Long> cpuNanos = new ArrayList<>();
    long peak = HeapPeak.NONE;
    Object result = null;
    for (int i = 0; i < runs; i++) {
      final Run run = once(work);
      nanos.add(run.nanos);
      cpuNanos.add(run.cpuNanos);
      peak = Math.max(peak, run.peak);
      result = run.result;
    }
    return new Measurement(method, nanos, cpuNanos, true, peak, result);
  }

  private static Run once(Staged staged) throws Exception {
    final Work work = staged.prepare();
    final HeapPeak heap = HeapPeak.start();
    long peak = HeapPeak.NONE;
    final long cpuStart = processCpuNanos();
    final long start = System.nanoTime();
    final Object result;
    final long nanos;
    final long cpuNanos;
    try {
      result = work.run();
      nanos = System.nanoTime() - start;
      cpuNanos = processCpuNanos() - cpuStart;
    } finally {
      peak = heap.stop();
    }
    return new Run(nanos, cpuNanos, peak, result);
  }

  /** The CPU time of this JVM so far (all threads), or 0 where the platform does not tell. */
  private static long processCpuNanos() {
    final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean
        ? Math.max(0, ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime()) : 0;
  }

  private record Run(long nanos, long cpuNanos, long peak, Object result) {
  }
}
