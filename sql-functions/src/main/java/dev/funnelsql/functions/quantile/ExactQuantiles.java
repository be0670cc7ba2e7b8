package dev.funnelsql.functions.quantile;

import java.util.Arrays;

/**
 * A growable bag of longs with exact quantiles ({@code percentile_cont}) and counts between bounds, so that a funnel
 * table's time-to-convert figures are exact: the values at the ranks a quantile needs are found by selection
 * (linear) rather than by sorting every value, which took a third of a funnel summary's own time at 10M events.
 */
public final class ExactQuantiles {
  /** At most this many buckets per selection pass: 2^16 ints, small enough to stay in the cache. */
  private static final int MAX_BUCKET_BITS = 16;
  /** Below this many values a selection sorts them instead. */
  private static final int SORT_BELOW = 64;

  private long[] values = new long[8];
  private int size;
  private boolean sorted = true;

  /** Adds a value. */
  public void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    if (sorted && size > 0 && values[size - 1] > value) {
      sorted = false;
    }
    values[size++] = value;
  }

  /** The number of values added. */
  public int size() {
    return size;
  }

  /**
   * The exact quantiles {@code ps} (each 0..1) in that order, each interpolated linearly between the two values
   * around rank {@code (n - 1) p} of the sorted values (PostgreSQL's {@code percentile_cont}).
   *
   * @throws IllegalStateException when there are no values
   */
  public double[] quantiles(double... ps) {
    if (size == 0) {
      throw new IllegalStateException("no values to take a quantile of");
    }
    final int[] ranks = new int[ps.length * 2];
    for (int i = 0; i < ps.length; i++) {
      if (!(ps[i] >= 0 && ps[i] <= 1)) {
        throw new IllegalArgumentException("a quantile lies between 0 and 1, not " + ps[i]);
      }
      final int below = (int) Math.floor((size - 1) * ps[i]);
      ranks[2 * i] = below;
      ranks[2 * i + 1] = Math.min(size - 1, below + 1);
    }
    final long[] at = valuesAt(ranks);
    final double[] quantiles = new double[ps.length];
    for (int i = 0; i < ps.length; i++) {
      final double rank = (size - 1) * ps[i];
      final long below = at[2 * i];
      final long above = at[2 * i + 1];
      quantiles[i] = below + (rank - Math.floor(rank)) * ((double) above - below);
    }
    return quantiles;
  }

  /**
   * The number of values between each two neighbouring {@code edges} (strictly ascending): value {@code b} counts
   * those in {@code [edges[b], edges[b + 1])}, the last one {@code [edges[b], edges[b + 1]]}; values outside are not
   * counted.
   */
  public long[] countsBetween(long[] edges) {
    final long[] counts = new long[Math.max(0, edges.length - 1)];
    if (counts.length == 0) {
      return counts;
    }
    final long last = edges[edges.length - 1];
    for (int i = 0; i < size; i++) {
      final long value = values[i];
      if (value < edges[0] || value > last) {
        continue;
      }
      // The last edge at or below the value, among all but the top edge, which belongs to the last bucket.
      final int found = Arrays.binarySearch(edges, 0, counts.length, value);
      counts[found >= 0 ? found : -found - 2]++;
    }
    return counts;
  }

  /** The values at these ranks (0-based) of the sorted values. */
  private long[] valuesAt(int[] ranks) {
    if (sorted) {
      final long[] at = new long[ranks.length];
      for (int i = 0; i < ranks.length; i++) {
        at[i] = values[ranks[i]];
      }
      return at;
    }
    return select(values, size, ranks);
  }

  /**
   * The values at {@code ranks} of the first {@code length} of {@code values} in sorted order, {@code values} left as
   * it is. Each pass counts the values per bucket of their range (a bucket is a run of 2^shift values above the
   * minimum), finds the bucket of each rank, and gathers those buckets' values to select among them again; the range
   * shrinks 2^16-fold per pass, so at most four passes run before the values left are equal or few.
   */
  static long[] select(long[] values, int length, int[] ranks) {
    final long[] at = new long[ranks.length];
    if (length <= SORT_BELOW) {
      final long[] copy = Arrays.copyOf(values, length);
      Arrays.sort(copy);
      for (int i = 0; i < ranks.length; i++) {
        at[i] = copy[ranks[i]];
      }
      return at;
    }
    long min = values[0];
    long max = values[0];
    for (int i = 1; i < length; i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
    if (min == max) {
      Arrays.fill(at, min);
      return at;
    }
    // The range as an unsigned number, so that one from Long.MIN_VALUE to Long.MAX_VALUE does not overflow.
    final long range = max - min;
    final int bits = 64 - Long.numberOfLeadingZeros(range);
    final int shift = Math.max(0, bits - MAX_BUCKET_BITS);
    final int buckets = (int) (range >>> shift) + 1;
    final int[] starts = new int[buckets + 1];
    for (int i = 0; i < length; i++) {
      starts[(int) ((values[i] - min) >>> shift) + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      starts[b + 1] += starts[b];
    }
    // The bucket of each rank, and a slot per distinct bucket to gather its values into.
    final int[] bucketOfRank = new int[ranks.length];
    final int[] slotOfBucket = new int[buckets];
    Arrays.fill(slotOfBucket, -1);
    int slots = 0;
    final int[] bucketOfSlot = new int[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      final int bucket = bucketOf(starts, ranks[i]);
      bucketOfRank[i] = bucket;
      if (slotOfBucket[bucket] < 0) {
        slotOfBucket[bucket] = slots;
        bucketOfSlot[slots++] = bucket;
      }
    }
    final long[][] gathered = new long[slots][];
    final int[] filled = new int[slots];
    for (int s = 0; s < slots; s++) {
      gathered[s] = new long[starts[bucketOfSlot[s] + 1] - starts[bucketOfSlot[s]]];
    }
    for (int i = 0; i < length; i++) {
      final int slot = slotOfBucket[(int) ((values[i] - min) >>> shift)];
      if (slot >= 0) {
        gathered[slot][filled[slot]++] = values[i];
      }
    }
    for (int s = 0; s < slots; s++) {
      final int bucket = bucketOfSlot[s];
      int wanted = 0;
      for (int i = 0; i < ranks.length; i++) {
        if (bucketOfRank[i] == bucket) {
          wanted++;
        }
      }
      final int[] inBucket = new int[wanted];
      final int[] which = new int[wanted];
      int w = 0;
      for (int i = 0; i < ranks.length; i++) {
        if (bucketOfRank[i] == bucket) {
          inBucket[w] = ranks[i] - starts[bucket];
          which[w++] = i;
        }
      }
      final long[] found = select(gathered[s], gathered[s].length, inBucket);
      for (int j = 0; j < wanted; j++) {
        at[which[j]] = found[j];
      }
    }
    return at;
  }

  /** The bucket holding rank {@code rank}: the last {@code b} whose start is at or below it. */
  private static int bucketOf(int[] starts, int rank) {
    int low = 0;
    int high = starts.length - 2;
    while (low < high) {
      final int middle = (low + high + 1) >>> 1;
      if (starts[middle] <= rank) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }
}
