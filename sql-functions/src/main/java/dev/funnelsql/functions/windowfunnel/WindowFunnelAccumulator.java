package dev.funnelsql.functions.windowfunnel;

import dev.funnelsql.functions.grouping.IndexSort;
import java.util.Arrays;

/**
 * Aggregate accumulator of one Doris- or StarRocks-style {@code window_funnel} over a group's rows in any order: it
 * buffers {@code (ts, mask)} pairs in primitive arrays and computes the level (0..steps) on demand, so that the
 * function works as an ordinary SQL aggregate and returns the engines' documented answers.
 *
 * <h2>Order of rows with equal timestamps</h2>
 * Both engines resolve ties by something SQL does not define (Doris: the order rows arrive in; StarRocks: the
 * condition index), so one order is fixed here and the answer never depends on the order of {@link #add} calls:
 * <ul>
 *   <li>Doris: rows are sorted by {@code (ts, mask)}, the mask compared as an unsigned {@code int}; at equal times a
 *       row matching only earlier conditions therefore comes first (rows {@code B@0, A@0, C@1} count 3, where Doris
 *       itself may give 1 for that input order).</li>
 *   <li>StarRocks: each row becomes one event per true condition and events are sorted by
 *       {@code (ts, condition index)}, exactly as StarRocks does, so ties are deterministic there too.</li>
 * </ul>
 * Rows whose mask (after keeping the low {@code steps} bits) is 0 are ignored: neither engine lets a row that
 * matches no condition take part (Doris 4.1 {@code fixed} included).
 *
 * <h2>Doris (4.1+, {@code window_funnel} = {@code window_funnel_v2})</h2>
 * One row is at most one step of a chain; a chain's steps are rows in the order above; every later step is at most
 * {@code window} after the chain's step-1 row (inclusive); every step-1 row is tried as a start and the largest
 * level is returned.
 * <ul>
 *   <li>{@code default}: the longest chain of distinct rows. One pass, keeping per level the latest step-1 time that
 *       reaches it: O(n·steps).</li>
 *   <li>{@code increase}: the longest chain whose consecutive steps have strictly increasing timestamps. This is the
 *       documented meaning, chosen where V1 and V2 differ: {@code A@0 B@1 B@2 C@2} gives 3 (V1's answer, and the
 *       one PR #68093 restores; the V2 code before it keeps the later B and gives 2) and {@code A@0 B@0 B@1 C@2}
 *       gives 3 (V2's answer; V1 stops at the tied B and gives 1). The pass of {@code default} over groups of equal
 *       timestamps: O(n·steps).</li>
 *   <li>{@code deduplication}: from each start, greedily take the earliest next row that has the next condition;
 *       the chain ends when a row between two of its steps matches a condition already matched (condition 1
 *       included). At any row the walks still running have distinct levels, so all walks together read at most
 *       {@code n·steps} rows: O(n·steps).</li>
 *   <li>{@code fixed}: from each start, the rows that immediately follow it must match conditions 2, 3, ... in
 *       turn (a row matching no condition does not count, as in Doris 4.1). Each walk reads at most {@code steps}
 *       rows: O(n·steps).</li>
 * </ul>
 *
 * <h2>StarRocks</h2>
 * The single pass of StarRocks' {@code get_event_level} over the {@code (ts, condition)} events: mode 0 (and 4)
 * keeps per level the latest chain start; {@code deduplication} ends and clears the current chain when a step
 * already reached occurs again; {@code fixed} ends and clears it when a step occurs whose predecessor is not
 * reached; {@code increase} requires each step strictly after the previous one. One deliberate difference: in
 * modes 5, 6 and 7 StarRocks does not record the time of step 1, so it does not enforce {@code increase} between
 * steps 1 and 2 ({@code A@0 B@0} gives 2 there but 1 in mode 4); here it is enforced in every combination. Unset
 * levels are tracked by flags, not by -1 times, so negative timestamps work. O(n·steps).
 *
 * <p>Rows are sorted lazily, at the first {@link #level()} after an out-of-order {@link #add}, in O(n log n).
 * Not thread-safe.
 */
public final class WindowFunnelAccumulator {
  private final WindowFunnelSpec spec;
  private final int steps;
  private final int stepMask;
  private final long window;
  /** Per level {@code j} (0-based), the time of the step 1 of the chain kept for level {@code j + 1}. */
  private final long[] start;
  /** Per level, the time of the last step of that chain (StarRocks {@code increase}). */
  private final long[] last;

  private long[] times = new long[16];
  private int[] masks = new int[16];
  private int size;
  private boolean sorted = true;
  private long minTs = Long.MAX_VALUE;
  private long maxTs = Long.MIN_VALUE;
  private int cachedLevel = -1;
  private long[] scratchLong;

  /** Creates an empty accumulator. */
  public WindowFunnelAccumulator(WindowFunnelSpec spec) {
    this.spec = spec;
    this.steps = spec.steps();
    this.stepMask = lowBits(steps);
    this.window = spec.window();
    this.start = new long[steps];
    this.last = new long[steps];
  }

  /**
   * Adds one input row. The caller skips rows the engine skips (a NULL time; for Doris also any NULL condition) and
   * passes a NULL StarRocks array element as a false bit.
   *
   * @param ts the row's time
   * @param mask bit {@code i} set = condition {@code i + 1} true; bits at or above {@code steps} are ignored
   */
  public void add(long ts, int mask) {
    final int m = mask & stepMask;
    if (m == 0) {
      return;
    }
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      masks = Arrays.copyOf(masks, size * 2);
    }
    if (sorted && size > 0) {
      final long prev = times[size - 1];
      sorted = ts > prev || ts == prev && Integer.compareUnsigned(m, masks[size - 1]) >= 0;
    }
    times[size] = ts;
    masks[size] = m;
    size++;
    minTs = Math.min(minTs, ts);
    maxTs = Math.max(maxTs, ts);
    cachedLevel = -1;
  }

  /** Returns the funnel level, 0..steps: the number of steps of the best chain. */
  public int level() {
    if (cachedLevel < 0) {
      if (!sorted) {
        sort();
        sorted = true;
      }
      cachedLevel = compute();
    }
    return cachedLevel;
  }

  /** Forgets all rows, keeping the buffers for the next group. */
  public void reset() {
    size = 0;
    sorted = true;
    minTs = Long.MAX_VALUE;
    maxTs = Long.MIN_VALUE;
    cachedLevel = -1;
  }

  private int compute() {
    if (size == 0) {
      return 0;
    }
    if (spec.dialect() == WindowFunnelSpec.Dialect.STARROCKS) {
      return starRocks();
    }
    switch (spec.modeBits()) {
      case 0:
        return dorisDefault(false);
      case WindowFunnelSpec.INCREASE:
        return dorisDefault(true);
      case WindowFunnelSpec.DEDUPLICATION:
        return dorisDeduplication();
      case WindowFunnelSpec.FIXED:
        return dorisFixed();
      default:
        throw new AssertionError(spec);
    }
  }

  /** Bits 0..count-1 set. */
  private static int lowBits(int count) {
    return count >= 32 ? -1 : (1 << count) - 1;
  }

  /** Whether {@code ts}, not before {@code first}, is at most {@code window} after it (no overflow). */
  private boolean within(long first, long ts) {
    return Long.compareUnsigned(ts - first, window) <= 0;
  }

  /**
   * Doris {@code default} (rows one by one) and {@code increase} (rows of equal time merged into one): bit
   * {@code j} of {@code reached} says a chain of {@code j + 1} steps exists and {@code start[j]} is the latest
   * step-1 time of such chains, the best one to extend since any later row fits its window if an earlier start's
   * does.
   */
  private int dorisDefault(boolean increase) {
    final int full = 1 << (steps - 1);
    int reached = 0;
    int i = 0;
    while (i < size) {
      final long ts = times[i];
      int m = masks[i++];
      if (increase) {
        // Steps must be strictly later than their predecessor: the rows of one time extend only earlier chains.
        while (i < size && times[i] == ts) {
          m |= masks[i++];
        }
      }
      reached = extend(reached, ts, m);
      if ((reached & full) != 0) {
        return steps;
      }
    }
    return 32 - Integer.numberOfLeadingZeros(reached);
  }

  /** Extends the chains in {@code reached} by one row (or merged rows) {@code (ts, m)}; returns the new bits. */
  private int extend(int reached, long ts, int m) {
    int added = 0;
    // Highest step first, so that start[k - 1] is read before this row may overwrite it: one row, one step.
    int higher = m & ~1;
    while (higher != 0) {
      final int k = 31 - Integer.numberOfLeadingZeros(higher);
      higher ^= 1 << k;
      if ((reached & 1 << (k - 1)) != 0 && within(start[k - 1], ts)) {
        start[k] = start[k - 1];
        added |= 1 << k;
      }
    }
    if ((m & 1) != 0) {
      start[0] = ts;
      added |= 1;
    }
    return reached | added;
  }

  /**
   * Doris {@code deduplication}: a walk at {@code count} steps stops at the first later row matching any of the
   * conditions 1..count+1; it advances if that row has condition count+1 (and fits the window), else the chain ends.
   */
  private int dorisDeduplication() {
    int best = 0;
    for (int s = 0; s < size; s++) {
      if ((masks[s] & 1) == 0) {
        continue;
      }
      final long first = times[s];
      int count = 1;
      int p = s + 1;
      while (count < steps) {
        final int relevant = lowBits(count + 1);
        while (p < size && (masks[p] & relevant) == 0 && within(first, times[p])) {
          p++;
        }
        if (p == size || !within(first, times[p]) || (masks[p] & 1 << count) == 0) {
          break;
        }
        count++;
        p++;
      }
      if (count > best) {
        best = count;
        if (best == steps) {
          break;
        }
      }
    }
    return best;
  }

  /** Doris {@code fixed}: the rows right after a step-1 row must have conditions 2, 3, ... in turn. */
  private int dorisFixed() {
    int best = 0;
    for (int s = 0; s < size; s++) {
      if ((masks[s] & 1) == 0) {
        continue;
      }
      int count = 1;
      for (int p = s + 1; count < steps && p < size && (masks[p] & 1 << count) != 0 && within(times[s], times[p]);
          p++) {
        count++;
      }
      if (count > best) {
        best = count;
        if (best == steps) {
          break;
        }
      }
    }
    return best;
  }

  /**
   * StarRocks {@code get_event_level}: events {@code (ts, k)} in that order, which is, for each run of rows of
   * equal time, condition by condition and for each condition every row that has it.
   */
  private int starRocks() {
    final boolean increase = spec.has(WindowFunnelSpec.INCREASE);
    final boolean dedup = spec.has(WindowFunnelSpec.DEDUPLICATION);
    final boolean fixed = spec.has(WindowFunnelSpec.FIXED);
    final boolean plain = !dedup && !fixed;
    int reached = 0; // bit k: start[k] and last[k] are set
    int cur = -1; // highest level index of the current chain (dedup/fixed)
    int max = -1; // highest level index of the chains ended so far (dedup/fixed)
    boolean sawFirst = false;
    int i = 0;
    while (i < size) {
      final int from = i;
      final long ts = times[i];
      int any = 0;
      while (i < size && times[i] == ts) {
        any |= masks[i++];
      }
      for (int ks = any; ks != 0; ks &= ks - 1) {
        final int k = Integer.numberOfTrailingZeros(ks);
        final int bit = 1 << k;
        for (int r = from; r < i; r++) {
          if ((masks[r] & bit) == 0) {
            continue;
          }
          if (k == 0) {
            // Setting last[0] here in every mode is the fix of StarRocks' modes 5, 6 and 7.
            start[0] = ts;
            last[0] = ts;
            reached |= 1;
            cur = Math.max(cur, 0);
            sawFirst = true;
          } else if (dedup && (reached & bit) != 0) {
            // A step reached before occurs again: the chain ends (every set level is <= cur, so all are cleared).
            max = Math.max(max, cur);
            reached = 0;
            cur = -1;
          } else if (fixed && sawFirst && (reached & bit >>> 1) == 0) {
            // A leap over an unreached step ends the chain.
            if (cur >= 0) {
              max = Math.max(max, cur);
              reached = 0;
              cur = -1;
            }
          } else if ((reached & bit >>> 1) != 0 && within(start[k - 1], ts) && (!increase || last[k - 1] < ts)) {
            start[k] = start[k - 1];
            last[k] = ts;
            reached |= bit;
            cur = Math.max(cur, k);
            if (k == steps - 1) {
              return steps;
            }
          }
          if (plain) {
            break; // without dedup/fixed, equal events change nothing after the first
          }
        }
      }
    }
    if (plain) {
      return 32 - Integer.numberOfLeadingZeros(reached);
    }
    return Math.max(cur, max) + 1;
  }

  /** Sorts the rows by {@code (ts, mask as unsigned int)}. */
  private void sort() {
    if (scratchLong == null || scratchLong.length < size) {
      scratchLong = new long[times.length];
    }
    if (Long.compareUnsigned(maxTs - minTs, 0xFFFF_FFFFL) <= 0) {
      // Times within 2^32 of each other: one primitive long per row, (ts - min) above the unsigned mask. Flipping
      // the sign bit makes the signed order of the keys their unsigned order.
      final long[] keys = scratchLong;
      for (int i = 0; i < size; i++) {
        keys[i] = ((times[i] - minTs) << 32 | (masks[i] & 0xFFFF_FFFFL)) ^ Long.MIN_VALUE;
      }
      Arrays.sort(keys, 0, size);
      for (int i = 0; i < size; i++) {
        final long key = keys[i] ^ Long.MIN_VALUE;
        times[i] = (key >>> 32) + minTs;
        masks[i] = (int) key;
      }
    } else {
      mergeSort();
    }
  }

  /** Sorts the rows through an index permutation ({@link IndexSort}), for times spread wider than 2^32. */
  private void mergeSort() {
    final int[] order = IndexSort.order(size, (a, b) -> {
      final int c = Long.compare(times[a], times[b]);
      return c != 0 ? c : Integer.compareUnsigned(masks[a], masks[b]);
    });
    times = IndexSort.permute(times, order, size);
    masks = IndexSort.permute(masks, order, size);
  }
}
