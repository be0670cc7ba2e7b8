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
 *
 * <p>A row may be marked as one that cannot start an instance (a date scope lets only the rows in its range start
 * one, while later rows still count as steps): a buffered timestamp may start one if one of its rows may, and only
 * the instances of such starts count.
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
  private boolean[] ringStart = new boolean[16];
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

  void accept(long ts, int mask, boolean mayStart) {
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
      ringStart[back] = false;
      size++;
    }
    ringStart[back] |= mayStart;
    int fresh = mask & ~ringMask[back];
    ringMask[back] |= mask;
    while (fresh != 0) {
      final int k = Integer.numberOfTrailingZeros(fresh);
      fresh &= fresh - 1;
      if (counts[k]++ == 0) {
        distinct++;
      }
    }
    if (distinct == steps && ringStart[head]) {
      // Every earlier start that may start was final with a smaller level (or is already the best, with every
      // step, when the starts before it may not), and no later row can add a step: the answer is complete.
      if (bestLevel < steps) {
        bestLevel = steps;
        if (track) {
          firstAppearances(0, bestTimes);
        }
      }
      stopped = true;
    }
  }

  /** The instance of the first buffered start is final: keep it if it beats the best, then drop that start. */
  private void dropFirst() {
    if (distinct > bestLevel && ringStart[head]) {
      bestLevel = distinct;
      if (track) {
        firstAppearances(0, bestTimes);
      }
      // Every step: no later start can do better, and ties go to the earliest.
      stopped = bestLevel == steps;
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
    final boolean[] starts = new boolean[n * 2];
    final int firstPart = n - head;
    System.arraycopy(ringTs, head, ts, 0, firstPart);
    System.arraycopy(ringTs, 0, ts, firstPart, head);
    System.arraycopy(ringMask, head, masks, 0, firstPart);
    System.arraycopy(ringMask, 0, masks, firstPart, head);
    System.arraycopy(ringStart, head, starts, 0, firstPart);
    System.arraycopy(ringStart, 0, starts, firstPart, head);
    ringTs = ts;
    ringMask = masks;
    ringStart = starts;
    head = 0;
  }

  /**
   * Writes, for the instance of the buffered start {@code from} (an index from the head), the time at which the i-th
   * distinct step first appears.
   */
  private void firstAppearances(int from, long[] out) {
    final int capacity = ringTs.length - 1;
    int seen = 0;
    int written = 0;
    for (int i = from; i < size && written < steps; i++) {
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
    return Math.max(bestLevel, openLevel(firstOpenStart()));
  }

  boolean chainTimes(long[] out) {
    final int from = firstOpenStart();
    if (bestLevel >= openLevel(from)) {
      // An earlier start reached at least as much (ties go to the earliest start).
      System.arraycopy(bestTimes, 0, out, 0, bestLevel);
      return bestLevel > 0;
    }
    firstAppearances(from, out);
    return true;
  }

  /**
   * The index (from the head) of the earliest buffered timestamp that may start an instance, or {@code size}: its
   * instance holds those of every later buffered start, so it is the one left to count.
   */
  private int firstOpenStart() {
    int i = 0;
    while (i < size && !ringStart[(head + i) & (ringTs.length - 1)]) {
      i++;
    }
    return i;
  }

  /** The number of distinct steps from the buffered start {@code from} to the newest timestamp. */
  private int openLevel(int from) {
    if (from == 0) {
      return distinct;
    }
    int seen = 0;
    for (int i = from; i < size; i++) {
      seen |= ringMask[(head + i) & (ringTs.length - 1)];
    }
    return Integer.bitCount(seen);
  }

  boolean stopped() {
    return stopped;
  }
}
