package dev.funnelsql.functions.sequence;

import dev.funnelsql.functions.grouping.IndexSort;
import java.util.Arrays;
import java.util.Objects;

/**
 * Accumulator of SEQUENCE_MATCH(pattern, ts, cond1, ...) and SEQUENCE_COUNT(pattern, ts, cond1, ...): buffers the
 * events of one group and gives the answers of ClickHouse's {@code sequenceMatch} / {@code sequenceCount} for a
 * {@link SequencePattern}, without ClickHouse's backtracking and its limit of a million steps.
 *
 * <h2>Events</h2>
 * Each added row whose condition mask is non-zero (after dropping bits at or above the pattern's number of
 * conditions) is an <em>event</em>; rows matching no condition are not events at all: they are invisible to
 * {@code .} and do not break adjacency (as in ClickHouse). The caller drops rows with a NULL timestamp. Events are
 * ordered by {@code (ts, mask)}, the mask compared as an unsigned 32-bit integer: ClickHouse leaves the order of
 * equal timestamps undefined, and this is one of its possible orders, fixed so that the answer never depends on the
 * order rows arrive in. Let {@code e[0..n-1]} be the events in that order.
 *
 * <h2>ClickHouse's matcher</h2>
 * The pattern is a list of actions {@code A[0..m-1]}, {@code A[0]} being the implicit leading {@code .*}. ClickHouse
 * runs a depth-first search over states (action, event position, base event), the base being the event a time
 * condition is measured from. From state {@code (a, p, b)} with {@code p < n}:
 * <ul>
 *   <li>{@code (?N)} moves to {@code (a+1, p+1, p)} if condition N holds on {@code e[p]}, and fails otherwise;
 *       {@code .} always moves to {@code (a+1, p+1, p)};</li>
 *   <li>{@code .*} tries {@code (a+1, q, q)} for q = p, p+1, &hellip;, n-1 in turn (lazily: fewest events
 *       first);</li>
 *   <li>{@code (?t op S)} tries {@code (a+1, q, q)} for each q &ge; p, in turn, for which
 *       {@code ts(e[q]) - ts(e[b]) op S * unit} holds: a time condition skips events, whatever they are, like a
 *       {@code .*} bounded by time. So the base of a time condition is the event the preceding {@code (?N)} or
 *       {@code .} used, or, after {@code .*}, the first event the {@code .*} did not skip.</li>
 * </ul>
 * A state with {@code a = m} is a match ending at p. A state with {@code p = n} (the events ran out) is a match
 * ending at n if every remaining action is {@code .*}, {@code (?t<S)}, {@code (?t<=S)} or {@code (?t>=0)}, and no
 * match otherwise; this is the bounded end rule of ClickHouse's 2026 fix (earlier releases read past the end of the
 * pattern there). When the whole search fails, ClickHouse applies the same end rule from the implicit {@code .*},
 * so a pattern made only of such actions (such as {@code (?t<0)}) matches any group.
 *
 * <h2>Results</h2>
 * <ul>
 *   <li>{@link #matches()} (SEQUENCE_MATCH) is true iff the search from {@code (0, 0, 0)} finds a match. With no
 *       events this is whether every action is one of the above, so {@code ''} and {@code .*} match every group,
 *       as in ClickHouse.</li>
 *   <li>{@link #count()} (SEQUENCE_COUNT) repeats the search from {@code (0, s, s)}, s = 0 first, while
 *       {@code s < n}: each success counts one and the next search starts where the first match the depth-first
 *       order finds ended (one event further if it used none); the first failure ends the count. Matches never share
 *       an event that an event element used.</li>
 * </ul>
 * If a condition used by a {@code (?N)} element never holds in the group, or there are fewer events than event
 * elements, there is no match (ClickHouse's precheck, and a fast path).
 *
 * <h2>Cost</h2>
 * The search is a dynamic programme over (action, event, whether the base is the event itself or the one before),
 * with binary searches for the events a time condition allows (timestamps are sorted): O(m &middot; n &middot;
 * log n) time, O(n) extra memory for {@link #matches()} and O(m &middot; n / 8) bytes for {@link #count()}. Where
 * ClickHouse gives up with TOO_SLOW after a million search steps, this gives the answer of the complete search.
 * {@link #add} appends to growable primitive arrays (amortised O(1), no boxing); events are sorted (a stable merge
 * sort of their indexes, {@link IndexSort}) only if they were not added in order. Results are cached until the
 * next {@link #add} or {@link #reset()}.
 *
 * <p>Instances are not thread-safe.
 */
public final class SequenceAccumulator {

  private static final int INITIAL_CAPACITY = 16;
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

  private final SequencePattern pattern;
  private final int conditionMask;
  private final int actions;
  private final int[] kind;
  /** Per action: the condition bit of {@code (?N)}, 0 for other actions. */
  private final int[] bit;
  /** Per action: the operator of a time condition. */
  private final int[] op;
  /** Per action: S * unit of a time condition as an unsigned 64-bit value (valid unless huge). */
  private final long[] threshold;
  /** Per action: true iff S * unit does not fit in 64 unsigned bits. */
  private final boolean[] huge;
  /** Per action index a (0..m): whether every action from a on holds when the events have run out. */
  private final boolean[] endMatches;

  private long[] ts = new long[0];
  private int[] masks = new int[0];
  private int size;
  private boolean sorted = true;
  private int seenMask;

  private int cachedMatch = -1;
  private long cachedCount = -1;

  /** Scratch result of {@link #landingRange}: first position (inclusive). */
  private int rangeLo;
  /** Scratch result of {@link #landingRange}: last position (inclusive). */
  private int rangeHi;

  /**
   * Creates an empty accumulator.
   *
   * @param pattern the parsed pattern
   * @param unit    time-line units per unit of a time condition's number: 1000 for millisecond timestamps (the
   *                number is seconds), 86,400,000 for dates in milliseconds (days, as ClickHouse's Date), 1 for
   *                integer times; must be at least 1
   * @throws IllegalArgumentException if {@code unit < 1}
   */
  public SequenceAccumulator(SequencePattern pattern, long unit) {
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    if (unit < 1) {
      throw new IllegalArgumentException("unit must be at least 1, got " + unit);
    }
    int conditions = pattern.conditions();
    this.conditionMask = conditions >= 32 ? -1 : (1 << conditions) - 1;
    this.actions = pattern.actions();
    this.kind = pattern.kind.clone();
    this.bit = new int[actions];
    this.op = new int[actions];
    this.threshold = new long[actions];
    this.huge = new boolean[actions];
    this.endMatches = new boolean[actions + 1];
    endMatches[actions] = true;
    for (int a = actions - 1; a >= 0; a--) {
      if (kind[a] == SequencePattern.KIND_EVENT) {
        bit[a] = 1 << (pattern.value[a] - 1);
      } else if (kind[a] == SequencePattern.KIND_TIME) {
        op[a] = pattern.value[a];
        huge[a] = Math.multiplyHigh(pattern.amount[a], unit) != 0;
        threshold[a] = pattern.amount[a] * unit;
      }
      boolean holdsAtEnd = kind[a] == SequencePattern.KIND_STAR
          || kind[a] == SequencePattern.KIND_TIME && (op[a] == SequencePattern.OP_LT || op[a] == SequencePattern.OP_LE
              || op[a] == SequencePattern.OP_GE && pattern.amount[a] == 0);
      endMatches[a] = holdsAtEnd && endMatches[a + 1];
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

  /** Returns SEQUENCE_MATCH: whether the pattern matches (see the class documentation). */
  public boolean matches() {
    if (cachedMatch < 0) {
      if (impossible()) {
        cachedMatch = 0;
      } else {
        ensureSorted();
        cachedMatch = search(null) || endMatches[0] ? 1 : 0;
      }
    }
    return cachedMatch == 1;
  }

  /** Returns SEQUENCE_COUNT: the number of matches found one after another (see the class documentation). */
  public long count() {
    if (cachedCount < 0) {
      if (size == 0 || impossible()) {
        cachedCount = 0;
      } else {
        ensureSorted();
        cachedCount = countMatches();
      }
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
    return size < pattern.eventElements() || (pattern.usedMask() & ~seenMask) != 0;
  }

  /**
   * Runs the dynamic programme backwards over the actions. For action a it knows, per position p, whether the
   * search from {@code (a, p, p)} finds a match ({@code here}) and whether the search from {@code (a, p, p-1)}
   * does ({@code afterEvent}; the two differ only for a time condition, through its base); the positions where a
   * {@code .*} or a time condition may land come from the next action's {@code here} as "the first such position at
   * or after p".
   *
   * @param levels if not null, receives per action the positions p &lt; n from which {@code (a, p, p)} matches
   * @return whether the search from {@code (0, 0, 0)} finds a match
   */
  private boolean search(long[][] levels) {
    int n = size;
    int[] nextHere = new int[n + 1];
    boolean[] nextAfterEvent = new boolean[n + 1];
    int[] firstHere = new int[n + 1];
    boolean[] afterEvent = new boolean[n + 1];
    for (int p = 0; p <= n; p++) {
      nextHere[p] = p;
      nextAfterEvent[p] = true;
    }
    nextHere[n] = n;
    boolean startMatches = false;
    for (int a = actions - 1; a >= 0; a--) {
      boolean end = endMatches[a];
      firstHere[n] = n;
      afterEvent[n] = end;
      for (int p = n - 1; p >= 0; p--) {
        boolean here;
        switch (kind[a]) {
          case SequencePattern.KIND_EVENT:
            here = (masks[p] & bit[a]) != 0 && nextAfterEvent[p + 1];
            afterEvent[p] = here;
            break;
          case SequencePattern.KIND_ANY:
            here = nextAfterEvent[p + 1];
            afterEvent[p] = here;
            break;
          case SequencePattern.KIND_STAR:
            here = nextHere[p] < n;
            afterEvent[p] = here;
            break;
          default:
            here = landingRange(a, p, p) && nextHere[rangeLo] <= rangeHi;
            afterEvent[p] = p > 0 && landingRange(a, p, p - 1) && nextHere[rangeLo] <= rangeHi;
            break;
        }
        firstHere[p] = here ? p : firstHere[p + 1];
      }
      if (levels != null) {
        levels[a] = toBits(firstHere, n);
      }
      if (a == 0) {
        startMatches = n == 0 ? end : firstHere[0] == 0;
      }
      int[] t = nextHere;
      nextHere = firstHere;
      firstHere = t;
      boolean[] u = nextAfterEvent;
      nextAfterEvent = afterEvent;
      afterEvent = u;
    }
    return startMatches;
  }

  private long countMatches() {
    int n = size;
    long[][] levels = new long[actions + 1][];
    search(levels);
    levels[actions] = allBits(n);
    long count = 0;
    int start = 0;
    while (start < n) {
      int end;
      if (isSet(levels[0], start)) {
        end = follow(levels, start);
      } else if (endMatches[0]) {
        end = n;
      } else {
        break;
      }
      count++;
      start = end == start ? start + 1 : end;
    }
    return count;
  }

  /** Follows the first match the depth-first search finds from {@code (0, start, start)}; returns where it ends. */
  private int follow(long[][] levels, int start) {
    int n = size;
    int p = start;
    boolean afterEvent = false;
    for (int a = 0; a < actions; a++) {
      if (p == n) {
        return n;
      }
      switch (kind[a]) {
        case SequencePattern.KIND_EVENT:
        case SequencePattern.KIND_ANY:
          p++;
          afterEvent = true;
          break;
        case SequencePattern.KIND_STAR:
          p = nextSetBit(levels[a + 1], p, n);
          afterEvent = false;
          break;
        default:
          if (!landingRange(a, p, afterEvent ? p - 1 : p)) {
            throw new IllegalStateException("sequence matcher invariant violated");
          }
          p = nextSetBit(levels[a + 1], rangeLo, n);
          afterEvent = false;
          break;
      }
      if (p > n || p == n && kind[a] != SequencePattern.KIND_EVENT && kind[a] != SequencePattern.KIND_ANY) {
        throw new IllegalStateException("sequence matcher invariant violated");
      }
    }
    return p;
  }

  /**
   * Computes the positions q in [p, n-1] where time condition a, measured from event {@code base}, lets the next
   * action be tried: each operator selects a contiguous range because timestamps are sorted. The result is in
   * {@link #rangeLo}..{@link #rangeHi}.
   *
   * @return false iff the range is empty
   */
  private boolean landingRange(int a, int p, int base) {
    int lo = p;
    int hi = size - 1;
    switch (op[a]) {
      case SequencePattern.OP_GE:
        lo = firstAtLeast(lo, hi, base, a, 0);
        break;
      case SequencePattern.OP_GT:
        lo = firstAtLeast(lo, hi, base, a, 1);
        break;
      case SequencePattern.OP_LE:
        hi = firstAtLeast(lo, hi, base, a, 1) - 1;
        break;
      case SequencePattern.OP_LT:
        hi = firstAtLeast(lo, hi, base, a, 0) - 1;
        break;
      case SequencePattern.OP_EQ:
        lo = firstAtLeast(lo, hi, base, a, 0);
        hi = firstAtLeast(lo, hi, base, a, 1) - 1;
        break;
      default:
        throw new AssertionError(op[a]);
    }
    rangeLo = lo;
    rangeHi = hi;
    return lo <= hi;
  }

  /**
   * Returns the first position q in [lo, hi] with sign(ts[q] - ts[base] - threshold) &ge; want, or hi + 1. The
   * sign is non-decreasing in q because the events are sorted.
   */
  private int firstAtLeast(int lo, int hi, int base, int a, int want) {
    int x = lo;
    int y = hi + 1;
    while (x < y) {
      int mid = (x + y) >>> 1;
      if (compareGap(ts[mid] - ts[base], a) >= want) {
        y = mid;
      } else {
        x = mid + 1;
      }
    }
    return x;
  }

  /** Compares an unsigned timestamp difference with S * unit of time condition a. */
  private int compareGap(long unsignedDiff, int a) {
    if (huge[a]) {
      return -1;
    }
    return Integer.signum(Long.compareUnsigned(unsignedDiff, threshold[a]));
  }

  private static long[] toBits(int[] firstSet, int n) {
    long[] bits = new long[(n + 63) >>> 6];
    for (int i = firstSet[0]; i < n; i = firstSet[i + 1]) {
      bits[i >>> 6] |= 1L << i;
    }
    return bits;
  }

  private static long[] allBits(int n) {
    long[] bits = new long[(n + 63) >>> 6];
    Arrays.fill(bits, -1L);
    return bits;
  }

  private static boolean isSet(long[] bits, int i) {
    return (bits[i >>> 6] & (1L << i)) != 0;
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
    final int[] order = IndexSort.order(size, (a, b) -> compareEvents(ts[a], masks[a], ts[b], masks[b]));
    ts = IndexSort.permute(ts, order, size);
    masks = IndexSort.permute(masks, order, size);
    sorted = true;
  }
}
