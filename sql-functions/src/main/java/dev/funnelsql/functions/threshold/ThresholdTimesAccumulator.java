package dev.funnelsql.functions.threshold;

import java.util.Arrays;

/**
 * Per condition, the time of the k-th row (by time) of a group that meets it: the earliest time at which the group
 * counts k rows meeting the condition at or before it, ties included, or none while it counts fewer. A count against
 * a threshold ({@code COUNT(*) FILTER (WHERE …) >= k}) holds as of a time exactly when that time is not before the
 * threshold time, so a segment defined by such counts is known at every time from a few numbers per user.
 *
 * <p>Rows may come in any order: each condition keeps its k smallest times in a bounded max-heap that starts small
 * and grows only with the rows it is given. Rows given in time order fill each heap once and then leave it, so that
 * {@link #complete()} tells a reader of sorted rows when the rest cannot change the result.
 *
 * <p>Instances are not thread-safe.
 */
public final class ThresholdTimesAccumulator {
  /** The largest threshold a condition takes: the heap a group keeps per condition is at most this long. */
  public static final int MAX_THRESHOLD = 10_000;
  /** The most conditions one accumulator takes (the width of the condition mask). */
  public static final int MAX_CONDITIONS = 31;

  private final int[] thresholds;
  private final long[][] heaps;
  private final int[] sizes;
  private int open;

  /**
   * Creates an empty accumulator.
   *
   * @param thresholds per condition, the k of its k-th row, 1 to {@value #MAX_THRESHOLD}
   * @throws IllegalArgumentException if there are no conditions, more than {@value #MAX_CONDITIONS}, or a threshold
   *     is out of range
   */
  public ThresholdTimesAccumulator(int[] thresholds) {
    if (thresholds.length == 0 || thresholds.length > MAX_CONDITIONS) {
      throw new IllegalArgumentException("threshold times take 1 to " + MAX_CONDITIONS + " conditions, got "
          + thresholds.length);
    }
    for (int k : thresholds) {
      if (k < 1 || k > MAX_THRESHOLD) {
        throw new IllegalArgumentException("a threshold must be 1 to " + MAX_THRESHOLD + ", got " + k);
      }
    }
    this.thresholds = thresholds.clone();
    this.heaps = new long[thresholds.length][];
    for (int c = 0; c < thresholds.length; c++) {
      heaps[c] = new long[Math.min(thresholds[c], 8)];
    }
    this.sizes = new int[thresholds.length];
    this.open = thresholds.length;
  }

  /** Forgets the group's rows. */
  public void reset() {
    Arrays.fill(sizes, 0);
    open = thresholds.length;
  }

  /**
   * Takes one row.
   *
   * @param time the row's time
   * @param mask bit {@code c} set = condition {@code c} holds on the row
   */
  public void add(long time, int mask) {
    int bits = mask;
    while (bits != 0) {
      final int c = Integer.numberOfTrailingZeros(bits);
      bits &= bits - 1;
      if (c < thresholds.length) {
        offer(c, time);
      }
    }
  }

  private void offer(int c, long time) {
    final int k = thresholds[c];
    long[] heap = heaps[c];
    final int size = sizes[c];
    if (size < k) {
      if (size == heap.length) {
        heap = Arrays.copyOf(heap, Math.min(k, size * 2));
        heaps[c] = heap;
      }
      // Sift up: the largest of the kept times at the root.
      int child = size;
      while (child > 0) {
        final int parent = (child - 1) >>> 1;
        if (heap[parent] >= time) {
          break;
        }
        heap[child] = heap[parent];
        child = parent;
      }
      heap[child] = time;
      sizes[c] = size + 1;
      if (size + 1 == k) {
        open--;
      }
      return;
    }
    if (time >= heap[0]) {
      return;
    }
    // Replace the root, then sift it down.
    int parent = 0;
    while (true) {
      final int left = 2 * parent + 1;
      if (left >= k) {
        break;
      }
      final int right = left + 1;
      final int larger = right < k && heap[right] > heap[left] ? right : left;
      if (heap[larger] <= time) {
        break;
      }
      heap[parent] = heap[larger];
      parent = larger;
    }
    heap[parent] = time;
  }

  /**
   * Whether every condition has met its threshold: given rows in time order, later rows no longer change the
   * result.
   */
  public boolean complete() {
    return open == 0;
  }

  /** The number of conditions. */
  public int conditions() {
    return thresholds.length;
  }

  /** Whether condition {@code c} has met its threshold on the rows given. */
  public boolean reached(int c) {
    return sizes[c] == thresholds[c];
  }

  /** The time of condition {@code c}'s k-th row; meaningful only when {@link #reached(int)}. */
  public long time(int c) {
    return heaps[c][0];
  }
}
