package dev.funnelsql.functions.funnel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The funnel contract of {@link FunnelStateMachine}, written literally and slowly: build the entries, sort them,
 * walk them applying the stop rules with R computed by enumerating chains, then enumerate every chain of the answer's
 * length to pick the reported one; under {@code unordered}, enumerate every window instance and count its distinct
 * steps. Obvious over fast; the reference for the randomized tests.
 */
final class FunnelBruteForce {
  /** The answer: the level and the reported chain's times (length = level). */
  static final class Result {
    final int level;
    final long[] times;

    Result(int level, long[] times) {
      this.level = level;
      this.times = times;
    }

    @Override public String toString() {
      return "level=" + level + " times=" + Arrays.toString(times);
    }
  }

  /** One entry: the row's time, the step (0 = "other"), the row's mask and its index. */
  private static final class Entry {
    final long ts;
    final int step;
    final int mask;
    final int row;

    Entry(long ts, int step, int mask, int row) {
      this.ts = ts;
      this.step = step;
      this.mask = mask;
      this.row = row;
    }
  }

  private final FunnelSpec spec;
  private final List<Entry> entries = new ArrayList<>();

  private FunnelBruteForce(FunnelSpec spec, long[] ts, int[] masks) {
    this.spec = spec;
    for (int row = 0; row < ts.length; row++) {
      boolean any = false;
      for (int k = 1; k <= spec.steps(); k++) {
        if ((masks[row] & (1 << (k - 1))) != 0) {
          entries.add(new Entry(ts[row], k, masks[row], row));
          any = true;
        }
      }
      if (!any && spec.has(FunnelMode.STRICT_ORDER)) {
        entries.add(new Entry(ts[row], 0, 0, row));
      }
    }
    entries.sort(Comparator.<Entry>comparingLong(e -> e.ts).thenComparingInt(e -> e.step)
        .thenComparing((e1, e2) -> Integer.compareUnsigned(e1.mask, e2.mask)).thenComparingInt(e -> e.row));
  }

  /** Evaluates the funnel over rows {@code (ts[i], masks[i])}, in any order. */
  static Result evaluate(FunnelSpec spec, long[] ts, int[] masks) {
    return new FunnelBruteForce(spec, ts, masks).evaluate();
  }

  private Result evaluate() {
    if (spec.has(FunnelMode.UNORDERED)) {
      return evaluateUnordered();
    }
    int reached = 0;
    int end = entries.size();
    for (int p = 0; p < entries.size(); p++) {
      final Entry e = entries.get(p);
      if (stops(e, reached)) {
        end = p;
        break;
      }
      // reached(prefix + e) = max(reached(prefix), length of a chain ending at e if one exists).
      if (e.step >= 1 && chainEndsAt(p)) {
        reached = Math.max(reached, e.step);
      }
    }
    return new Result(reached, reportedChain(reached, end));
  }

  /**
   * unordered: for each start time s (the ts of an entry, smallest first) the window instance is the entries with
   * s <= ts <= s + window and its level the number of distinct steps in it; the answer is the largest level, and the
   * reported chain is that of the earliest instance of that level: for each distinct step in order of first
   * appearance in the instance, the ts of that first appearance.
   */
  private Result evaluateUnordered() {
    int bestLevel = 0;
    long[] bestTimes = new long[0];
    for (Entry start : entries) {
      final long s = start.ts;
      final List<Entry> instance = new ArrayList<>();
      for (Entry e : entries) {
        // s <= ts <= s + window, without overflow.
        if (e.ts >= s && Long.compareUnsigned(e.ts - s, spec.window()) <= 0) {
          instance.add(e);
        }
      }
      final Set<Integer> distinct = new HashSet<>();
      for (Entry e : instance) {
        distinct.add(e.step);
      }
      if (distinct.size() > bestLevel) {
        bestLevel = distinct.size();
        bestTimes = firstAppearances(instance);
      }
    }
    return new Result(bestLevel, bestTimes);
  }

  /** For entries in time order: the ts at which the 1st, 2nd, ... distinct step first appears. */
  private static long[] firstAppearances(List<Entry> instance) {
    final Set<Integer> seen = new HashSet<>();
    final List<Long> times = new ArrayList<>();
    for (Entry e : instance) {
      if (seen.add(e.step)) {
        times.add(e.ts);
      }
    }
    final long[] out = new long[times.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = times.get(i);
    }
    return out;
  }

  private boolean stops(Entry e, int r) {
    if (spec.has(FunnelMode.STRICT_DEDUPLICATION) && e.step >= 2 && r >= e.step) {
      return true;
    }
    if (spec.has(FunnelMode.STRICT_ORDER)) {
      if (e.step == 0 && r >= 1) {
        return true;
      }
      if (e.step >= 2 && r >= 1 && r < e.step - 1) {
        return true;
      }
      if (e.step == 1 && r >= 2 && !spec.has(FunnelMode.ALLOW_REENTRY)) {
        return true;
      }
    }
    return false;
  }

  /** Whether some valid chain has its last entry at position {@code p}. */
  private boolean chainEndsAt(int p) {
    final int length = entries.get(p).step;
    final int[] chain = new int[length];
    chain[length - 1] = p;
    return existsBackwards(chain, length - 1);
  }

  /** chain[i..] is chosen; choose chain[i - 1] among earlier positions. */
  private boolean existsBackwards(int[] chain, int i) {
    if (i == 0) {
      return valid(chain);
    }
    final Entry last = entries.get(chain[chain.length - 1]);
    for (int q = chain[i] - 1; q >= 0; q--) {
      final Entry e = entries.get(q);
      if (Long.compareUnsigned(last.ts - e.ts, spec.window()) > 0) {
        break; // entries are in time order: every earlier one is outside the window too (only a pruning)
      }
      if (e.step == i) {
        chain[i - 1] = q;
        if (existsBackwards(chain, i - 1)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The definition of a valid chain of positions (steps 1..L at increasing positions are given by construction). */
  private boolean valid(int[] chain) {
    final Entry first = entries.get(chain[0]);
    final Entry last = entries.get(chain[chain.length - 1]);
    for (int i = 0; i < chain.length; i++) {
      if (entries.get(chain[i]).step != i + 1 || i > 0 && chain[i] <= chain[i - 1]) {
        return false;
      }
    }
    // ts(eL) <= ts(e1) + window, without overflow.
    if (Long.compareUnsigned(last.ts - first.ts, spec.window()) > 0) {
      return false;
    }
    if (spec.has(FunnelMode.STRICT_INCREASE)) {
      for (int i = 1; i < chain.length; i++) {
        if (entries.get(chain[i]).ts <= entries.get(chain[i - 1]).ts) {
          return false;
        }
      }
    }
    if (spec.has(FunnelMode.STRICT_ONCE)) {
      for (int i = 0; i < chain.length; i++) {
        for (int j = i + 1; j < chain.length; j++) {
          if (entries.get(chain[i]).row == entries.get(chain[j]).row) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Enumerates every valid chain of length {@code length} within entries[0..end) and returns the reported one. */
  private long[] reportedChain(int length, int end) {
    if (length == 0) {
      return new long[0];
    }
    final List<long[]> all = new ArrayList<>();
    enumerate(new int[length], 0, end, all);
    long[] bestChain = null;
    for (long[] c : all) {
      if (bestChain == null || better(c, bestChain)) {
        bestChain = c;
      }
    }
    if (bestChain == null) {
      throw new AssertionError("no chain of the reached length");
    }
    return bestChain;
  }

  private void enumerate(int[] chain, int i, int end, List<long[]> out) {
    if (i == chain.length) {
      if (valid(chain)) {
        final long[] t = new long[chain.length];
        for (int j = 0; j < chain.length; j++) {
          t[j] = entries.get(chain[j]).ts;
        }
        out.add(t);
      }
      return;
    }
    for (int q = i == 0 ? 0 : chain[i - 1] + 1; q < end; q++) {
      final Entry e = entries.get(q);
      if (e.step != i + 1) {
        continue;
      }
      if (i > 0 && Long.compareUnsigned(e.ts - entries.get(chain[0]).ts, spec.window()) > 0) {
        break; // later entries are even further from step 1 (only a pruning)
      }
      chain[i] = q;
      enumerate(chain, i + 1, end, out);
    }
  }

  /** Earliest last step, then latest step 1, then lexicographically smallest middle steps. */
  private static boolean better(long[] a, long[] b) {
    final int last = a.length - 1;
    if (a[last] != b[last]) {
      return a[last] < b[last];
    }
    if (a[0] != b[0]) {
      return a[0] > b[0];
    }
    for (int i = 1; i < last; i++) {
      if (a[i] != b[i]) {
        return a[i] < b[i];
      }
    }
    return false;
  }
}
