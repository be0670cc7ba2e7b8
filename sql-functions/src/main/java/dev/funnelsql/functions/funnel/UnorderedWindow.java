package dev.funnelsql.functions.funnel;

import java.util.Arrays;

/**
 * The {@code unordered} mode of {@link FunnelStateMachine} (see its class comment for the contract): a sliding
 * window over one group's rows in non-decreasing time order.
 *
 * <p>A ring buffer holds the distinct timestamps {@code t} with {@code first <= t <= first + window}, where
 * {@code first} is the oldest one kept, each with the OR of the masks of its rows; {@code counts[k - 1]} is the
 * number of buffered timestamps with step {@code k}, so the number of distinct steps in the buffer is always known.
 * For the rows so far, the window instance of start {@code first} is the whole buffer, and the instance of any later
 * buffered start is a subset of it. When a row comes more than {@code window} after {@code first}, the instance of
 * {@code first} is final: it is compared with the best final instance so far, and {@code first} is dropped. Starts
 * are finalized in increasing order, so only a strictly larger level replaces the best; its chain (O(buffer) to
 * compute) is therefore computed at most {@code steps} times per group. Memory is O(timestamps within one window);
 * the buffer only grows, so the steady state does not allocate.
 */
final class UnorderedWindow {
  private final int steps;
  private final long window;
  private final int stepMask;
  private final boolean track;

  /** {@code counts[k - 1]}: number of buffered timestamps whose mask has step {@code k}. */
  private final int[] counts;
  /** Number of steps with a nonzero count: the level of the instance that starts at the buffer's first time. */
  private int distinct;

  private long[] ringTs = new long[16];
  private int[] ringMask = new int[16];
  private int head;
  private int size;

  /** The largest level of a final instance; {@code bestTimes[0..bestLevel)} is the chain of the earliest. */
  private int bestLevel;
  private final long[] bestTimes;
  private boolean stopped;

  private boolean hasLast;
  private long lastTs;

  UnorderedWindow(FunnelSpec spec, boolean trackTimes) {
    this.steps = spec.steps();
    this.window = spec.window();
    this.stepMask = steps == 32 ? -1 : (1 << steps) - 1;
    this.track = trackTimes;
    this.counts = new int[steps];
    this.bestTimes = trackTimes ? new long[steps] : null;
  }

  void reset() {
    Arrays.fill(counts, 0);
    distinct = 0;
    head = 0;
    size = 0;
    bestLevel = 0;
    stopped = false;
    hasLast = false;
  }

  void accept(long ts, int mask) {
    if (hasLast && ts < lastTs) {
      throw new IllegalStateException("funnel events must come in non-decreasing time order: " + ts + " after "
          + lastTs);
    }
    hasLast = true;
    lastTs = ts;
    if ((mask & ~stepMask) != 0) {
      throw new IllegalArgumentException("mask " + Integer.toBinaryString(mask) + " has bits beyond step " + steps);
    }
    if (stopped || mask == 0) {
      return;
    }
    final int capacity = ringTs.length - 1;
    int back = (head + size - 1) & capacity;
    if (size == 0 || ringTs[back] != ts) {
      // ts - first may exceed Long.MAX_VALUE; as an unsigned number it is exact.
      while (size > 0 && Long.compareUnsigned(ts - ringTs[head], window) > 0) {
        dropFirst();
      }
      if (size == ringTs.length) {
        grow();
      }
      back = (head + size) & (ringTs.length - 1);
      ringTs[back] = ts;
      ringMask[back] = 0;
      size++;
    }
    int fresh = mask & ~ringMask[back];
    ringMask[back] |= mask;
    while (fresh != 0) {
      final int k = Integer.numberOfTrailingZeros(fresh);
      fresh &= fresh - 1;
      if (counts[k]++ == 0) {
        distinct++;
      }
    }
    if (distinct == steps) {
      // Every earlier start was final with a smaller level, and no later row can add a step to this instance's
      // chain: the answer is complete.
      bestLevel = steps;
      if (track) {
        firstAppearances(bestTimes);
      }
      stopped = true;
    }
  }

  /** The instance of the first buffered start is final: keep it if it beats the best, then drop that start. */
  private void dropFirst() {
    if (distinct > bestLevel) {
      bestLevel = distinct;
      if (track) {
        firstAppearances(bestTimes);
      }
    }
    int bits = ringMask[head];
    while (bits != 0) {
      final int k = Integer.numberOfTrailingZeros(bits);
      bits &= bits - 1;
      if (--counts[k] == 0) {
        distinct--;
      }
    }
    head = (head + 1) & (ringTs.length - 1);
    size--;
  }

  private void grow() {
    final int n = ringTs.length;
    final long[] ts = new long[n * 2];
    final int[] masks = new int[n * 2];
    final int firstPart = n - head;
    System.arraycopy(ringTs, head, ts, 0, firstPart);
    System.arraycopy(ringTs, 0, ts, firstPart, head);
    System.arraycopy(ringMask, head, masks, 0, firstPart);
    System.arraycopy(ringMask, 0, masks, firstPart, head);
    ringTs = ts;
    ringMask = masks;
    head = 0;
  }

  /** Writes, for the instance that is the whole buffer, the time at which the i-th distinct step first appears. */
  private void firstAppearances(long[] out) {
    final int capacity = ringTs.length - 1;
    int seen = 0;
    int written = 0;
    for (int i = 0; i < size && written < distinct; i++) {
      final int at = (head + i) & capacity;
      final int mask = ringMask[at];
      final int fresh = Integer.bitCount(mask & ~seen);
      if (fresh != 0) {
        Arrays.fill(out, written, written + fresh, ringTs[at]);
        written += fresh;
        seen |= mask;
      }
    }
  }

  int level() {
    return Math.max(bestLevel, distinct);
  }

  boolean chainTimes(long[] out) {
    if (bestLevel >= distinct) {
      // An earlier start reached at least as much (ties go to the earliest start).
      System.arraycopy(bestTimes, 0, out, 0, bestLevel);
      return bestLevel > 0;
    }
    firstAppearances(out);
    return true;
  }

  boolean stopped() {
    return stopped;
  }
}
