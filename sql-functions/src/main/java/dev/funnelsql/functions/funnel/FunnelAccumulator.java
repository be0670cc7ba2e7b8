package dev.funnelsql.functions.funnel;

import java.util.Arrays;

/**
 * Aggregate accumulator of one funnel for rows in any order: it buffers {@code (ts, mask)} pairs in primitive arrays,
 * sorts them only if they did not arrive in time order, and runs a {@link FunnelStateMachine}, so that
 * {@code FUNNEL_STEP} / {@code FUNNEL_TIMES} work as ordinary SQL aggregates.
 *
 * <p>The result does not depend on the input order (see {@link FunnelStateMachine} for the semantics). Rows that
 * match no condition are kept only under {@code strict_order}, the only mode where they matter. Not thread-safe.
 */
public final class FunnelAccumulator {
  /**
   * The value of {@link #times()} elements for steps not reached. A real timestamp may have the same value, so
   * use {@link #level()} to tell how many elements are valid.
   */
  public static final long NOT_REACHED = Long.MIN_VALUE;

  private final FunnelSpec spec;
  private final boolean keepOthers;
  private final int stepMask;
  /** Marks, in a buffered mask above the steps, a row that may not start a chain (funnels under 32 steps). */
  private static final int NO_START = 1 << 31;

  private long[] times = new long[16];
  private int[] masks = new int[16];
  private int size;
  private boolean sorted = true;
  private long lastTs = Long.MIN_VALUE;
  private long minTs = Long.MAX_VALUE;
  private long maxTs = Long.MIN_VALUE;

  private long[] scratchLong;
  private int[] scratchInt;
  private FunnelStateMachine levelMachine;
  private FunnelStateMachine timesMachine;
  private int cachedLevel = -1;
  private long[] cachedTimes;

  /** Creates an empty accumulator. */
  public FunnelAccumulator(FunnelSpec spec) {
    this.spec = spec;
    this.keepOthers = spec.has(FunnelMode.STRICT_ORDER);
    this.stepMask = spec.steps() == 32 ? -1 : (1 << spec.steps()) - 1;
  }

  /**
   * Adds one row. The caller skips rows whose time is NULL and passes a NULL condition as a false bit.
   *
   * @param ts the row's time
   * @param mask bit {@code i} set = condition {@code i + 1} true
   * @throws IllegalArgumentException if {@code mask} has bits at or above {@code steps}
   */
  public void add(long ts, int mask) {
    add(ts, mask, true);
  }

  /**
   * Adds one row that may or may not start a chain ({@link FunnelStateMachine#accept(long, int, boolean)}).
   *
   * @throws IllegalArgumentException also if a row of a funnel of 32 steps may not start one
   */
  public void add(long ts, int mask, boolean mayStart) {
    if (!mayStart && spec.steps() == 32) {
      throw new IllegalArgumentException("a funnel of 32 steps has no bit left to mark rows that may not start it");
    }
    if ((mask & ~stepMask) != 0) {
      throw new IllegalArgumentException("mask " + Integer.toBinaryString(mask) + " has bits beyond step "
          + spec.steps());
    }
    if (mask == 0 && !keepOthers) {
      return;
    }
    if (size == times.length) {
      final int grown = size * 2;
      times = Arrays.copyOf(times, grown);
      masks = Arrays.copyOf(masks, grown);
    }
    times[size] = ts;
    masks[size] = mayStart ? mask : mask | NO_START;
    size++;
    if (ts < lastTs) {
      sorted = false;
    }
    lastTs = ts;
    if (ts < minTs) {
      minTs = ts;
    }
    if (ts > maxTs) {
      maxTs = ts;
    }
    cachedLevel = -1;
    cachedTimes = null;
  }

  /** Returns the funnel level, 0..steps ({@code FUNNEL_STEP}). */
  public int level() {
    if (cachedLevel < 0) {
      if (levelMachine == null) {
        levelMachine = new FunnelStateMachine(spec, false);
      }
      run(levelMachine);
      cachedLevel = levelMachine.level();
    }
    return cachedLevel;
  }

  /**
   * Returns the step timestamps of the reported chain ({@code FUNNEL_TIMES}, see {@link FunnelStateMachine}): a new
   * array of length {@code steps} whose elements {@code 0..level()-1} are the times of steps 1..level() and the rest
   * are {@link #NOT_REACHED}. Under {@code unordered}, element {@code i} is instead the time at which the
   * {@code (i+1)}-th distinct step (whichever it was) was done.
   */
  public long[] times() {
    if (cachedTimes == null) {
      if (timesMachine == null) {
        timesMachine = new FunnelStateMachine(spec, true);
      }
      run(timesMachine);
      final long[] result = new long[spec.steps()];
      Arrays.fill(result, NOT_REACHED);
      timesMachine.chainTimes(result);
      cachedLevel = timesMachine.level();
      cachedTimes = result;
    }
    return cachedTimes.clone();
  }

  /** Forgets all rows, keeping the buffers for the next group. */
  public void reset() {
    size = 0;
    sorted = true;
    lastTs = Long.MIN_VALUE;
    minTs = Long.MAX_VALUE;
    maxTs = Long.MIN_VALUE;
    cachedLevel = -1;
    cachedTimes = null;
  }

  private void run(FunnelStateMachine machine) {
    if (!sorted) {
      sort();
      sorted = true;
      lastTs = maxTs;
    }
    machine.reset();
    final long[] ts = times;
    final int[] ms = masks;
    for (int i = 0; i < size; i++) {
      machine.accept(ts[i], ms[i] & stepMask, (ms[i] & ~stepMask) == 0);
      if (machine.stopped()) {
        break;
      }
    }
  }

  /** Sorts the rows by time (and mask, where cheap); the state machine does not need ties in any order. */
  private void sort() {
    if (Long.compareUnsigned(maxTs - minTs, 0xFFFF_FFFFL) <= 0) {
      sortPacked();
    } else {
      if (scratchLong == null || scratchLong.length < size) {
        scratchLong = new long[times.length];
        scratchInt = new int[times.length];
      }
      mergeSort(0, size, times, masks, scratchLong, scratchInt);
    }
  }

  /** Times within 2^32 of each other: sort {@code (ts - min) << 32 | mask} as one primitive long. */
  private void sortPacked() {
    if (scratchLong == null || scratchLong.length < size) {
      scratchLong = new long[times.length];
      scratchInt = new int[times.length];
    }
    final long[] keys = scratchLong;
    final long min = minTs;
    for (int i = 0; i < size; i++) {
      // Flipping the top bit makes the signed sort order the unsigned order of the packed key.
      keys[i] = ((times[i] - min) << 32 | (masks[i] & 0xFFFF_FFFFL)) ^ Long.MIN_VALUE;
    }
    Arrays.sort(keys, 0, size);
    for (int i = 0; i < size; i++) {
      final long key = keys[i] ^ Long.MIN_VALUE;
      times[i] = (key >>> 32) + min;
      masks[i] = (int) key;
    }
  }

  /** Stable merge sort of {@code ts[from..to)} with the parallel {@code ms}, using the scratch arrays. */
  private static void mergeSort(int from, int to, long[] ts, int[] ms, long[] tmpTs, int[] tmpMs) {
    if (to - from <= 24) {
      for (int i = from + 1; i < to; i++) {
        final long t = ts[i];
        final int m = ms[i];
        int j = i - 1;
        while (j >= from && ts[j] > t) {
          ts[j + 1] = ts[j];
          ms[j + 1] = ms[j];
          j--;
        }
        ts[j + 1] = t;
        ms[j + 1] = m;
      }
      return;
    }
    final int mid = (from + to) >>> 1;
    mergeSort(from, mid, ts, ms, tmpTs, tmpMs);
    mergeSort(mid, to, ts, ms, tmpTs, tmpMs);
    if (ts[mid - 1] <= ts[mid]) {
      return;
    }
    System.arraycopy(ts, from, tmpTs, from, mid - from);
    System.arraycopy(ms, from, tmpMs, from, mid - from);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      if (ts[j] < tmpTs[i]) {
        ts[k] = ts[j];
        ms[k++] = ms[j++];
      } else {
        ts[k] = tmpTs[i];
        ms[k++] = tmpMs[i++];
      }
    }
    while (i < mid) {
      ts[k] = tmpTs[i];
      ms[k++] = tmpMs[i++];
    }
  }
}
