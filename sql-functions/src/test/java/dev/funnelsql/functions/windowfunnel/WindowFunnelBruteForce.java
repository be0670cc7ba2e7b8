package dev.funnelsql.functions.windowfunnel;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code window_funnel} written literally and slowly from the definitions in the research note
 * ({@code /work/notes/research/doris-starrocks-funnel.md}), without the accumulator's shortcuts: boxed rows, list
 * sorts, exact window arithmetic with {@link BigInteger}, chains enumerated one by one for Doris {@code default} and
 * {@code increase}, the per-start procedures of Doris V1 (§2.6) for {@code deduplication} and {@code fixed} (on the
 * rows that match a condition, which is V2's {@code fixed}, §2.7/2.8), and StarRocks' single pass (§3.4) with its
 * mode branches spelled out, {@code last[0]} set by step 1 in every mode (the deliberate fix) and {@code null} for
 * an unset level. Obvious over fast; the reference for the randomized tests.
 */
final class WindowFunnelBruteForce {
  /** One input row: its time and its mask already cut to the funnel's steps. */
  private static final class Row {
    final long ts;
    final int mask;

    Row(long ts, int mask) {
      this.ts = ts;
      this.mask = mask;
    }

    boolean has(int condition) {
      return (mask & (1 << (condition - 1))) != 0;
    }
  }

  /** One StarRocks event: a time and a 1-based condition index. */
  private static final class Event {
    final long ts;
    final int cond;

    Event(long ts, int cond) {
      this.ts = ts;
      this.cond = cond;
    }
  }

  private final WindowFunnelSpec spec;
  private final int n;
  private final List<Row> rows = new ArrayList<>();

  private WindowFunnelBruteForce(WindowFunnelSpec spec, long[] ts, int[] masks) {
    this.spec = spec;
    this.n = spec.steps();
    final int keep = n == 32 ? -1 : (1 << n) - 1;
    for (int i = 0; i < ts.length; i++) {
      // Rows matching nothing are kept here (except for Doris fixed, below): the definitions must ignore them.
      rows.add(new Row(ts[i], masks[i] & keep));
    }
    // The tie order chosen for Doris: (ts, mask as an unsigned int).
    rows.sort(Comparator.<Row>comparingLong(r -> r.ts).thenComparing((a, b) -> Integer.compareUnsigned(a.mask,
        b.mask)));
  }

  /** Evaluates the funnel over rows {@code (ts[i], masks[i])}, in any order. */
  static int evaluate(WindowFunnelSpec spec, long[] ts, int[] masks) {
    final WindowFunnelBruteForce bf = new WindowFunnelBruteForce(spec, ts, masks);
    if (spec.dialect() == WindowFunnelSpec.Dialect.STARROCKS) {
      return bf.starRocks();
    }
    switch (spec.modeName()) {
      case "default":
        return bf.dorisChains(false);
      case "increase":
        return bf.dorisChains(true);
      case "deduplication":
        return bf.dorisDeduplication();
      case "fixed":
        return bf.dorisFixed();
      default:
        throw new AssertionError(spec);
    }
  }

  /** Whether {@code later} is at most the window after {@code first}, in exact arithmetic. */
  private boolean within(long first, long later) {
    return BigInteger.valueOf(later).subtract(BigInteger.valueOf(first)).compareTo(BigInteger.valueOf(spec.window()))
        <= 0;
  }

  /**
   * Doris {@code default} / {@code increase}: the longest chain of distinct rows r1 < r2 < ... (in the sorted order)
   * where row rj has condition j, every step is within the window of r1 and, under {@code increase}, each step's time
   * is strictly greater than the previous step's.
   */
  private int dorisChains(boolean increase) {
    int best = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).has(1)) {
        best = Math.max(best, longestFrom(i, i, 1, increase));
      }
    }
    return best;
  }

  private int longestFrom(int first, int lastPos, int count, boolean increase) {
    if (count == n) {
      return count;
    }
    int best = count;
    for (int q = lastPos + 1; q < rows.size(); q++) {
      final Row row = rows.get(q);
      if (row.has(count + 1) && within(rows.get(first).ts, row.ts)
          && (!increase || row.ts > rows.get(lastPos).ts)) {
        best = Math.max(best, longestFrom(first, q, count + 1, increase));
      }
    }
    return best;
  }

  /** Doris V1 {@code deduplication} (§2.6), one start after the other. */
  private int dorisDeduplication() {
    int best = 0;
    for (int m = 0; m < rows.size(); m++) {
      if (!rows.get(m).has(1)) {
        continue;
      }
      int count = 1;
      int last = m;
      int r = m + 1;
      for (int k = 2; k <= n && r < rows.size(); k++) {
        // Greedy: the earliest row at or after r with condition k.
        while (r < rows.size() && !rows.get(r).has(k)) {
          r++;
        }
        if (r == rows.size() || !within(rows.get(m).ts, rows.get(r).ts)) {
          break;
        }
        boolean duplicate = false;
        for (int between = last + 1; between < r; between++) {
          for (int j = 1; j <= k - 1; j++) {
            duplicate |= rows.get(between).has(j);
          }
        }
        if (duplicate) {
          break;
        }
        last = r;
        count++;
        r++;
      }
      best = Math.max(best, count);
    }
    return best;
  }

  /** Doris V2 {@code fixed}: V1's procedure (§2.6) on the rows that match at least one condition (§2.8, item 1). */
  private int dorisFixed() {
    final List<Row> relevant = new ArrayList<>();
    for (Row row : rows) {
      if (row.mask != 0) {
        relevant.add(row);
      }
    }
    int best = 0;
    for (int m = 0; m < relevant.size(); m++) {
      if (!relevant.get(m).has(1)) {
        continue;
      }
      int count = 1;
      int r = m + 1;
      for (int k = 2; k <= n && r < relevant.size(); k++) {
        if (relevant.get(r).has(k) && within(relevant.get(m).ts, relevant.get(r).ts)) {
          count++;
          r++;
        } else {
          break;
        }
      }
      best = Math.max(best, count);
    }
    return best;
  }

  /** StarRocks {@code get_event_level} (§3.4) over (ts, condition) events, with {@code last[0]} always recorded. */
  private int starRocks() {
    final List<Event> events = new ArrayList<>();
    for (Row row : rows) {
      for (int k = 1; k <= n; k++) {
        if (row.has(k)) {
          events.add(new Event(row.ts, k));
        }
      }
    }
    events.sort(Comparator.<Event>comparingLong(e -> e.ts).thenComparingInt(e -> e.cond));
    final boolean increase = spec.has(WindowFunnelSpec.INCREASE);
    final int mode = spec.modeBits() & 3;
    final Long[] start = new Long[n];
    final Long[] last = new Long[n];
    if (mode == 0) {
      for (Event e : events) {
        final int idx = e.cond - 1;
        if (idx == 0) {
          start[0] = e.ts;
          last[0] = e.ts;
        } else if (start[idx - 1] != null) {
          boolean matched = within(start[idx - 1], e.ts);
          if (increase) {
            matched = matched && last[idx - 1] < e.ts;
          }
          if (matched) {
            start[idx] = start[idx - 1];
            last[idx] = e.ts;
            if (idx + 1 == n) {
              return n;
            }
          }
        }
      }
      for (int level = n; level > 0; level--) {
        if (start[level - 1] != null) {
          return level;
        }
      }
      return 0;
    }
    final int[] cur = {-1};
    int maxLevel = -1;
    boolean firstEvent = false;
    for (Event e : events) {
      final int idx = e.cond - 1;
      if (mode == 1) {
        if (idx == 0) {
          start[0] = e.ts;
          last[0] = e.ts; // the fix; StarRocks leaves last[0] unset here
          cur[0] = Math.max(cur[0], 0);
        } else if (start[idx] != null) {
          maxLevel = Math.max(maxLevel, cur[0]);
          eliminate(cur, start);
        } else if (start[idx - 1] != null) {
          if (promote(start, last, e.ts, idx, cur, increase)) {
            return n;
          }
        }
      } else if (mode == 2) {
        if (idx == 0) {
          start[0] = e.ts;
          last[0] = e.ts; // the fix
          cur[0] = Math.max(cur[0], 0);
          firstEvent = true;
        } else if (firstEvent && start[idx - 1] == null) {
          if (cur[0] >= 0) {
            maxLevel = Math.max(maxLevel, cur[0]);
            eliminate(cur, start);
          }
        } else if (start[idx - 1] != null) {
          if (promote(start, last, e.ts, idx, cur, increase)) {
            return n;
          }
        }
      } else {
        if (idx == 0) {
          start[0] = e.ts;
          last[0] = e.ts; // the fix
          cur[0] = Math.max(cur[0], 0);
          firstEvent = true;
        } else if (start[idx] != null) {
          maxLevel = Math.max(maxLevel, cur[0]);
          eliminate(cur, start);
        } else if (firstEvent && start[idx - 1] == null) {
          if (cur[0] >= 0) {
            maxLevel = Math.max(maxLevel, cur[0]);
            eliminate(cur, start);
          }
        } else if (start[idx - 1] != null) {
          if (promote(start, last, e.ts, idx, cur, increase)) {
            return n;
          }
        }
      }
    }
    return Math.max(cur[0], maxLevel) + 1;
  }

  /** Unsets the starts of levels cur..0 and sets cur to -1. */
  private static void eliminate(int[] cur, Long[] start) {
    for (; cur[0] >= 0; cur[0]--) {
      start[cur[0]] = null;
    }
  }

  /** Moves the chain of level idx-1 to level idx if ts fits; returns whether the last level was reached. */
  private boolean promote(Long[] start, Long[] last, long ts, int idx, int[] cur, boolean increase) {
    final long first = start[idx - 1];
    boolean matched = within(first, ts);
    if (increase) {
      matched = matched && last[idx - 1] < ts;
    }
    if (matched) {
      start[idx] = first;
      last[idx] = ts;
      cur[0] = Math.max(cur[0], idx);
      return idx + 1 == n;
    }
    return false;
  }
}
