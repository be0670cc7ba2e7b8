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

  /** Measures {@code work}. */
  Measurement measure(Method method, Work work) throws Exception {
    return measure(method, () -> work);
  }

  private Measurement measure(Method method, Staged work) throws Exception {
    final Series series = new Series(method, work);
    int runs = maxRuns;
    for (int i = 0; i < warmups; i++) {
      if (series.warmUp()) {
        return series.measurement();
      }
      runs = runsWithin(series.warmSeconds);
    }
    for (int i = 0; i < runs; i++) {
      series.run();
    }
    return series.measurement();
  }

  /**
   * Measures {@code works} in alternation: a warm-up of each, then rounds of one run of each in turn, so that a
   * drift of the machine's speed (another process, the JIT, the heap) weighs on each alike, and the ratio of their
   * medians is not that of two moments minutes apart. The rounds are as many as fit the time budget of the slowest
   * work. A work whose warm-up is slower than {@code --slow-seconds} is measured by it alone, and one that fails is
   * recorded as failed; the others go on.
   *
   * @return each work's outcome, in the order of {@code works}
   */
  List<Outcome> alternate(List<Staged> works) {
    final List<Series> series = new ArrayList<>();
    works.forEach(work -> series.add(new Series(null, work)));
    double slowest = 1e-3;
    for (int i = 0; i < warmups; i++) {
      for (Series one : series) {
        if (one.active()) {
          one.tryWarmUp();
          slowest = Math.max(slowest, one.warmSeconds);
        }
      }
    }
    final int rounds = warmups == 0 ? maxRuns : runsWithin(slowest);
    for (int i = 0; i < rounds; i++) {
      for (Series one : series) {
        if (one.active()) {
          one.tryRun();
        }
      }
    }
    final List<Outcome> outcomes = new ArrayList<>();
    series.forEach(one -> outcomes.add(one.outcome()));
    return outcomes;
  }

  /** The counted runs that fit the time budget after a warm-up of {@code warmSeconds}: 1 to {@code --runs}. */
  private int runsWithin(double warmSeconds) {
    return (int) Math.max(1, Math.min(maxRuns, Math.floor(budgetSeconds / Math.max(warmSeconds, 1e-3))));
  }

  /** The runs of one work so far: its counted runs, or the slow warm-up that stands for them, or its failure. */
  private final class Series {
    private final Method method;
    private final Staged work;
    private final List<Long> nanos = new ArrayList<>();
    private final List<Long> cpuNanos = new ArrayList<>();
    private long peak = HeapPeak.NONE;
    private Object result;
    private double warmSeconds;
    private boolean slow;
    private Outcome failure;

    Series(Method method, Staged work) {
      this.method = method;
      this.work = work;
    }

    /** Runs a warm-up; true if it was slow, and so is the only run counted. */
    boolean warmUp() throws Exception {
      final Run warmUp = once(work);
      warmSeconds = warmUp.nanos / 1e9;
      if (warmSeconds > slowSeconds) {
        slow = true;
        count(warmUp);
      }
      return slow;
    }

    void run() throws Exception {
      count(once(work));
    }

    void tryWarmUp() {
      try {
        warmUp();
      } catch (Exception | OutOfMemoryError e) {
        failure = Outcome.failed(e);
      }
    }

    void tryRun() {
      try {
        run();
      } catch (Exception | OutOfMemoryError e) {
        failure = Outcome.failed(e);
      }
    }

    /** Whether it still runs: not slow, not failed. */
    boolean active() {
      return !slow && failure == null;
    }

    private void count(Run run) {
      nanos.add(run.nanos);
      cpuNanos.add(run.cpuNanos);
      peak = Math.max(peak, run.peak);
      result = run.result;
    }

    Measurement measurement() {
      return new Measurement(method, List.copyOf(nanos), List.copyOf(cpuNanos), !slow, peak, result);
    }

    Outcome outcome() {
      return failure != null ? failure : Outcome.of(measurement());
    }
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
