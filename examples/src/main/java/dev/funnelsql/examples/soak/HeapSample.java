package dev.funnelsql.examples.soak;

/**
 * One sample of a soak run.
 *
 * @param seconds time since the load started
 * @param queries queries completed since the previous sample
 * @param errors queries failed since the previous sample
 * @param usedHeapAfterGc heap in use right after a full collection, in bytes
 * @param intervalSeconds length of the interval the counts cover
 */
public record HeapSample(double seconds, long queries, long errors, long usedHeapAfterGc, double intervalSeconds) {
  /** Queries per second over the interval. */
  public double throughput() {
    return intervalSeconds <= 0 ? 0 : queries / intervalSeconds;
  }

  /** Used heap after GC in MiB. */
  public double heapMib() {
    return usedHeapAfterGc / (1024.0 * 1024.0);
  }
}
