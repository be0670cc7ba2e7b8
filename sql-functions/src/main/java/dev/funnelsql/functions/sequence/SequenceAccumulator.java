package dev.funnelsql.functions.sequence;

import java.util.Arrays;
import java.util.Objects;

/**
 * Accumulator of SEQUENCE_MATCH(pattern, ts, cond1, ...) and SEQUENCE_COUNT(pattern, ts, cond1, ...): buffers the
 * events of one group and matches a {@link SequencePattern} against them.
 *
 * <h2>Events</h2>
 * Each added row whose condition mask is non-zero (after dropping bits at or above the pattern's number of
 * conditions) is an <em>event</em>; rows matching no condition are not events at all: they are invisible to
 * {@code .} and do not break adjacency (as in ClickHouse). The caller drops rows with a NULL timestamp. Events are
 * ordered by {@code (ts, mask)}, the mask compared as an unsigned 32-bit integer, so at equal timestamps an event
 * satisfying only lower-numbered conditions comes first (ClickHouse leaves the order of ties undefined; we fix it so
 * that the answer never depends on input order). Let {@code e[0..m-1]} be the events in that order.
 *
 * <h2>Matches</h2>
 * Let {@code E1..Ek} be the pattern's event elements ({@code (?N)} and {@code .}) in pattern order. A <em>match</em>
 * is a tuple of event positions {@code i1 < i2 < ... < ik} such that
 * <ol>
 *   <li>{@code e[ij]} satisfies {@code Ej}: condition N holds on it for {@code (?N)}; anything for {@code .};</li>
 *   <li>for each j &ge; 2: if a {@code .*} stands anywhere between {@code E(j-1)} and {@code Ej} in the pattern then
 *       {@code ij > i(j-1)}, otherwise {@code ij = i(j-1) + 1} (the immediately following event);</li>
 *   <li>every time condition {@code (?t op S)} standing between {@code E(j-1)} and {@code Ej} holds for
 *       {@code ts(e[ij]) - ts(e[i(j-1)]) op S * unitsPerSecond} (exact arithmetic, no overflow).</li>
 * </ol>
 * {@code i1} is free (the pattern is implicitly preceded by {@code .*}) and nothing is required after {@code ik}
 * (the pattern is not anchored at the end; a trailing {@code .*} changes nothing).
 *
 * <p>Note the difference from ClickHouse's backtracking matcher, where a {@code (?t>S)} / {@code (?t>=S)} element
 * may skip events: here a time condition never skips anything; write {@code (?1).*(?t>10)(?2)} for "a 2 more than
 * ten seconds after a 1, with anything in between".
 *
 * <h2>Results</h2>
 * <ul>
 *   <li>{@link #matches()} (SEQUENCE_MATCH) is true iff at least one match exists.</li>
 *   <li>{@link #count()} (SEQUENCE_COUNT) counts non-overlapping matches scanning left to right: with
 *       {@code start = 0}, repeat: among all matches with {@code i1 >= start} take the lexicographically smallest
 *       tuple {@code (i1, ..., ik)} (smallest start; then the choice ClickHouse's backtracking makes, i.e. every
 *       {@code .*} lazy and the leftmost alternative first); if there is none stop; otherwise count it and set
 *       {@code start = ik + 1}.</li>
 * </ul>
 * If a condition used by a {@code (?N)} element never holds in the group, or there are fewer events than event
 * elements, there is no match (fast path).
 *
 * <h2>Cost</h2>
 * {@link #add} appends to growable primitive arrays (amortised O(1), no boxing); events are sorted (a primitive
 * merge sort) only if they were not added in order. Matching is a dynamic programme over (event element, event):
 * O(k &middot; m &middot; (1 + c &middot; log m)) time for k event elements, m events and c time conditions per
 * step, O(m) extra memory for {@link #matches()} and O(m + k &middot; m / 8) bytes for {@link #count()}. There is no
 * backtracking and hence no iteration cap. Results are cached until the next {@link #add} or {@link #reset()}.
 *
 * <p>Instances are not thread-safe.
 */
public final class SequenceAccumulator {

  private static final int INITIAL_CAPACITY = 16;
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;
  private static final int INSERTION_RUN = 32;

  private final SequencePattern pattern;
  private final int conditionMask;
  private final int steps;
  private final int[] stepBit;
  private final boolean[] stepGap;
  private final int[][] stepOps;
  /** Per step and time condition: S * unitsPerSecond as an unsigned 64-bit value (valid unless huge). */
  private final long[][] stepThreshold;
  /** Per step and time condition: true iff S * unitsPerSecond does not fit in 64 unsigned bits. */
  private final boolean[][] stepHuge;

  private long[] ts = new long[0];
  private int[] masks = new int[0];
  private int size;
  private boolean sorted = true;
  private int seenMask;

  private int cachedMatch = -1;
  private long cachedCount = -1;

  /** Scratch result of {@link #successorRange}: first candidate position (inclusive). */
  private int rangeLo;
  /** Scratch result of {@link #successorRange}: last candidate position (inclusive). */
  private int rangeHi;

  /**
   * Creates an empty accumulator.
   *
   * @param pattern        the parsed pattern
   * @param unitsPerSecond timestamp units per second: 1000 for millisecond timestamps, 1 for numeric timestamps in
   *                       seconds; must be at least 1
   * @throws IllegalArgumentException if {@code unitsPerSecond < 1}
   */
  public SequenceAccumulator(SequencePattern pattern, long unitsPerSecond) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    if (unitsPerSecond < 1) {
      throw new IllegalArgumentException("unitsPerSecond must be at least 1, got " + unitsPerSecond);
    }
    int conditions = pattern.conditions();
    this.conditionMask = conditions >= 32 ? -1 : (1 << conditions) - 1;
    this.steps = pattern.steps;
    this.stepBit = new int[steps];
    this.stepGap = pattern.stepGap.clone();
    this.stepOps = new int[steps][];
    this.stepThreshold = new long[steps][];
    this.stepHuge = new boolean[steps][];
    for (int j = 0; j < steps; j++) {
      int n = pattern.stepCondition[j];
      stepBit[j] = n == 0 ? 0 : 1 << (n - 1);
      stepOps[j] = pattern.stepOps[j].clone();
      long[] seconds = pattern.stepSeconds[j];
      stepThreshold[j] = new long[seconds.length];
      stepHuge[j] = new boolean[seconds.length];
      for (int c = 0; c < seconds.length; c++) {
        stepHuge[j][c] = Math.multiplyHigh(seconds[c], unitsPerSecond) != 0;
        stepThreshold[j][c] = seconds[c] * unitsPerSecond;
      }
    }
  }

  /** Returns the pattern this accumulator matches. */
  public SequencePattern pattern() {
    return pattern;
  }

  /**
   * Adds one row.
   *
   * @param ts   the row's timestamp (rows with a NULL timestamp must not be added)
   * @param mask bit {@code i} set iff condition {@code i + 1} holds for the row (NULL mapped to false); bits at or
   *             above the pattern's number of conditions are ignored; a row with no condition is ignored
   */
  public void add(long ts, int mask) {
    int m = mask & conditionMask;
    if (m == 0) {
      return;
    }
    if (size == this.ts.length) {
      grow();
    }
    if (sorted && size > 0 && compareEvents(this.ts[size - 1], masks[size - 1], ts, m) > 0) {
      sorted = false;
    }
    this.ts[size] = ts;
    masks[size] = m;
    size++;
    seenMask |= m;
    cachedMatch = -1;
    cachedCount = -1;
  }

  /** Returns the number of events buffered (rows added with a non-zero mask). */
  public int events() {
    return size;
  }

  /** Returns SEQUENCE_MATCH: true iff the pattern has at least one match (see the class documentation). */
  public boolean matches() {
    if (cachedMatch < 0) {
      if (cachedCount >= 0) {
        cachedMatch = cachedCount > 0 ? 1 : 0;
      } else if (impossible()) {
        cachedMatch = 0;
      } else {
        ensureSorted();
        cachedMatch = evaluate(null) ? 1 : 0;
      }
    }
    return cachedMatch == 1;
  }

  /** Returns SEQUENCE_COUNT: the number of non-overlapping matches (see the class documentation). */
  public long count() {
    if (cachedCount < 0) {
      if (cachedMatch == 0 || impossible()) {
        cachedCount = 0;
      } else {
        ensureSorted();
        cachedCount = countMatches();
      }
      cachedMatch = cachedCount > 0 ? 1 : 0;
    }
    return cachedCount;
  }

  /** Forgets all rows so the accumulator can be reused for the next group (buffers are kept). */
  public void reset() {
    size = 0;
    sorted = true;
    seenMask = 0;
    cachedMatch = -1;
    cachedCount = -1;
  }

  private boolean impossible() {
    return size < steps || (pattern.usedMask() & ~seenMask) != 0;
  }

  /**
   * Runs the backward dynamic programme: {@code ok[j][i]} = event i can be matched by step j and steps j+1..k-1
   * can be matched after it. Keeps, per step, the "next ok position at or after i" of the following step only.
   *
   * @param okRows if not null, receives a bit set per step with the {@code ok} flags
   * @return true iff some event is ok for step 0, i.e. a match exists
   */
  private boolean evaluate(long[][] okRows) {
    int m = size;
    int[] next = new int[m + 1];
    int[] cur = new int[m + 1];
    next[m] = m;
    int last = steps - 1;
    for (int i = m - 1; i >= 0; i--) {
      next[i] = stepMatches(last, i) ? i : next[i + 1];
    }
    if (okRows != null) {
      okRows[last] = toBits(next, m);
    }
    for (int j = last - 1; j >= 0; j--) {
      cur[m] = m;
      for (int i = m - 1; i >= 0; i--) {
        boolean ok = stepMatches(j, i) && successorRange(j + 1, i) && next[rangeLo] <= rangeHi;
        cur[i] = ok ? i : cur[i + 1];
      }
      int[] t = next;
      next = cur;
      cur = t;
      if (okRows != null) {
        okRows[j] = toBits(next, m);
      }
    }
    return next[0] < m;
  }

  private long countMatches() {
    int m = size;
    long[][] ok = new long[steps][];
    if (!evaluate(ok)) {
      return 0;
    }
    long count = 0;
    int start = 0;
    while (start < m) {
      int pos = nextSetBit(ok[0], start, m);
      if (pos >= m) {
        break;
      }
      for (int j = 1; j < steps; j++) {
        if (!successorRange(j, pos)) {
          throw new IllegalStateException("sequence matcher invariant violated");
        }
        pos = nextSetBit(ok[j], rangeLo, m);
        if (pos > rangeHi) {
          throw new IllegalStateException("sequence matcher invariant violated");
        }
      }
      count++;
      start = pos + 1;
    }
    return count;
  }

  private boolean stepMatches(int j, int i) {
    int bit = stepBit[j];
    return bit == 0 || (masks[i] & bit) != 0;
  }

  /**
   * Computes the positions allowed for step {@code j}'s event given step {@code j-1} matched event {@code base}
   * (adjacency or gap, then the time conditions, each of which selects a contiguous range because timestamps are
   * sorted). The result is in {@link #rangeLo}..{@link #rangeHi}.
   *
   * @return false iff the range is empty
   */
  private boolean successorRange(int j, int base) {
    int lo = base + 1;
    int hi = stepGap[j] ? size - 1 : base + 1;
    if (lo >= size) {
      return false;
    }
    int[] ops = stepOps[j];
    for (int c = 0; c < ops.length && lo <= hi; c++) {
      switch (ops[c]) {
        case SequencePattern.OP_GE:
          lo = firstAtLeast(lo, hi, base, j, c, 0);
          break;
        case SequencePattern.OP_GT:
          lo = firstAtLeast(lo, hi, base, j, c, 1);
          break;
        case SequencePattern.OP_LE:
          hi = firstAtLeast(lo, hi, base, j, c, 1) - 1;
          break;
        case SequencePattern.OP_LT:
          hi = firstAtLeast(lo, hi, base, j, c, 0) - 1;
          break;
        case SequencePattern.OP_EQ:
          lo = firstAtLeast(lo, hi, base, j, c, 0);
          hi = firstAtLeast(lo, hi, base, j, c, 1) - 1;
          break;
        default:
          throw new AssertionError(ops[c]);
      }
    }
    rangeLo = lo;
    rangeHi = hi;
    return lo <= hi;
  }

  /**
   * Returns the first position p in [lo, hi] with sign(ts[p] - ts[base] - threshold) &ge; want, or hi + 1. The
   * sign is non-decreasing in p because the events are sorted.
   */
  private int firstAtLeast(int lo, int hi, int base, int j, int c, int want) {
    int a = lo;
    int b = hi + 1;
    while (a < b) {
      int mid = (a + b) >>> 1;
      if (compareGap(ts[mid] - ts[base], j, c) >= want) {
        b = mid;
      } else {
        a = mid + 1;
      }
    }
    return a;
  }

  /** Compares an unsigned timestamp difference with S * unitsPerSecond of time condition c of step j. */
  private int compareGap(long unsignedDiff, int j, int c) {
    if (stepHuge[j][c]) {
      return -1;
    }
    int r = Long.compareUnsigned(unsignedDiff, stepThreshold[j][c]);
    return Integer.signum(r);
  }

  private static long[] toBits(int[] nextOk, int m) {
    long[] bits = new long[(m + 63) >>> 6];
    for (int i = nextOk[0]; i < m; i = nextOk[i + 1]) {
      bits[i >>> 6] |= 1L << i;
    }
    return bits;
  }

  private static int nextSetBit(long[] bits, int from, int m) {
    if (from >= m) {
      return m;
    }
    int w = from >>> 6;
    long word = bits[w] & (-1L << from);
    while (true) {
      if (word != 0) {
        return Math.min(m, (w << 6) + Long.numberOfTrailingZeros(word));
      }
      w++;
      if (w >= bits.length) {
        return m;
      }
      word = bits[w];
    }
  }

  private static int compareEvents(long ts1, int mask1, long ts2, int mask2) {
    int c = Long.compare(ts1, ts2);
    return c != 0 ? c : Integer.compareUnsigned(mask1, mask2);
  }

  private void grow() {
    if (size >= MAX_CAPACITY) {
      throw new IllegalStateException("sequence function group has more than " + MAX_CAPACITY + " events");
    }
    int capacity = size < INITIAL_CAPACITY ? INITIAL_CAPACITY : (int) Math.min(MAX_CAPACITY, size * 2L);
    ts = Arrays.copyOf(ts, capacity);
    masks = Arrays.copyOf(masks, capacity);
  }

  private void ensureSorted() {
    if (sorted) {
      return;
    }
    int n = size;
    for (int lo = 0; lo < n; lo += INSERTION_RUN) {
      insertionSort(ts, masks, lo, Math.min(n, lo + INSERTION_RUN));
    }
    long[] srcTs = ts;
    int[] srcMasks = masks;
    long[] dstTs = new long[ts.length];
    int[] dstMasks = new int[masks.length];
    for (int width = INSERTION_RUN; width < n; width = width > n / 2 ? n : width * 2) {
      for (long lo = 0; lo < n; lo += 2L * width) {
        int from = (int) lo;
        int mid = (int) Math.min(n, lo + width);
        int to = (int) Math.min(n, lo + 2L * width);
        merge(srcTs, srcMasks, dstTs, dstMasks, from, mid, to);
      }
      long[] t = srcTs;
      srcTs = dstTs;
      dstTs = t;
      int[] u = srcMasks;
      srcMasks = dstMasks;
      dstMasks = u;
    }
    ts = srcTs;
    masks = srcMasks;
    sorted = true;
  }

  private static void insertionSort(long[] t, int[] k, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      long ti = t[i];
      int ki = k[i];
      int p = i - 1;
      while (p >= from && compareEvents(t[p], k[p], ti, ki) > 0) {
        t[p + 1] = t[p];
        k[p + 1] = k[p];
        p--;
      }
      t[p + 1] = ti;
      k[p + 1] = ki;
    }
  }

  private static void merge(long[] st, int[] sk, long[] dt, int[] dk, int from, int mid, int to) {
    int a = from;
    int b = mid;
    int o = from;
    while (a < mid && b < to) {
      if (compareEvents(st[b], sk[b], st[a], sk[a]) < 0) {
        dt[o] = st[b];
        dk[o] = sk[b];
        b++;
      } else {
        dt[o] = st[a];
        dk[o] = sk[a];
        a++;
      }
      o++;
    }
    System.arraycopy(st, a, dt, o, mid - a);
    System.arraycopy(sk, a, dk, o, mid - a);
    o += mid - a;
    System.arraycopy(st, b, dt, o, to - b);
    System.arraycopy(sk, b, dk, o, to - b);
  }
}
