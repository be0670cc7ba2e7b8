package dev.funnelsql.functions.nextnode;

import dev.funnelsql.functions.grouping.IndexSort;
import java.util.Arrays;
import java.util.Objects;

/**
 * Accumulator of SEQUENCE_NEXT_NODE(direction, base, ts, event_column, base_condition, event1, ..., eventN), the
 * equivalent of ClickHouse's {@code sequenceNextNode(direction, base)(...)}: it buffers the rows of one group and
 * returns the event_column value of the row that follows (or precedes) a chain of events, for flow analysis.
 *
 * <h2>Rows</h2>
 * The caller adds one row per input row whose arguments are all non-NULL: ClickHouse drops a row entirely when
 * the timestamp, the event_column value, base_condition or any event condition is NULL, so such a row must not be
 * added (it is not a row of the sequence and does not break a chain). Every added row is a <em>node</em>, including
 * rows on which no condition holds: they occupy a position and therefore break chains. Mask bit 0 is
 * base_condition and bit {@code k} (1 &le; k &le; N) is event k; bits above N are ignored.
 *
 * <h2>Order</h2>
 * Nodes are sorted by
 * <ol>
 *   <li>timestamp, ascending, as a signed 64-bit value;</li>
 *   <li>then the event_column value in UTF-8 byte order (a proper prefix first), which is what ClickHouse's
 *       byte comparison gives; it equals code point order, not {@link String#compareTo} (UTF-16 order), which
 *       differs for supplementary characters;</li>
 *   <li>then the mask (bits above N dropped) as an unsigned 32-bit integer.</li>
 * </ol>
 * Nodes equal in all three keys are indistinguishable, so the result never depends on the order of {@link #add}
 * calls. Differences from ClickHouse: (a) ClickHouse casts the timestamp to an unsigned 32-bit integer, so
 * timestamps outside 0 to 2<sup>32</sup>-1 wrap around there; here the full {@code long} is compared. (b) For nodes
 * with equal timestamp and value ClickHouse keeps an unspecified order (input order within one thread, undefined
 * across merged partial states), which only matters when their masks differ, e.g. when a condition reads another
 * column; the mask key fixes it here. (c) ClickHouse compares values with {@code strncmp}, which stops at an
 * embedded NUL character; here NUL is an ordinary byte. (d) ClickHouse's 64-event limit is 31 here
 * ({@link NextNodeSpec#MAX_EVENTS}).
 *
 * <h2>Result</h2>
 * With {@code n} sorted nodes {@code node[0..n-1]} and {@code N} event conditions:
 * <ol>
 *   <li>the base index {@code b}: for {@code head} 0 and for {@code tail} n-1, provided that node satisfies
 *       base_condition (no search: otherwise the result is NULL); for {@code first_match} / {@code last_match}
 *       the smallest / largest index whose node satisfies both event1 and base_condition (NULL if none);</li>
 *   <li>with N = 0 the result is the value of {@code node[b]};</li>
 *   <li>otherwise, forward: event k must hold on {@code node[b + k - 1]} for k = 1..N and the result is the value
 *       of {@code node[b + N]}; backward: event k must hold on {@code node[b - k + 1]} and the result is the value
 *       of {@code node[b - N]}; if an event does not hold or an index leaves 0..n-1 the result is NULL. The chain
 *       is strictly consecutive and is not retried from another base.</li>
 * </ol>
 * An empty group gives NULL. The answer row may itself satisfy any condition.
 *
 * <h2>Cost</h2>
 * {@link #add} appends to growable arrays (amortised O(1)); the nodes are sorted (a merge sort) at the first
 * {@link #result()} after rows arrived out of order; evaluating is O(n + N). The result is cached until the next
 * {@link #add} or {@link #reset()}.
 *
 * <p>Instances are not thread-safe.
 */
public final class NextNodeAccumulator {

  private static final int INITIAL_CAPACITY = 16;
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

  private final NextNodeSpec spec;
  private final int validMask;

  private long[] ts = new long[0];
  private String[] values = new String[0];
  private int[] masks = new int[0];
  private int size;
  private boolean sorted = true;

  private boolean cached;
  private String cachedResult;

  /**
   * Creates an empty accumulator.
   *
   * @param spec the validated parameters of the call
   */
  public NextNodeAccumulator(NextNodeSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    int bits = spec.events() + 1;
    this.validMask = bits >= 32 ? -1 : (1 << bits) - 1;
  }

  /** Returns the parameters of the call. */
  public NextNodeSpec spec() {
    return spec;
  }

  /**
   * Adds one row; the caller has already dropped rows with a NULL argument (see the class documentation).
   *
   * @param ts    the row's timestamp
   * @param value the row's event_column value, not null
   * @param mask  bit 0 set iff base_condition holds, bit k set iff event k holds (1 &le; k &le; N); higher bits are
   *              ignored
   * @throws NullPointerException if {@code value} is null
   */
  public void add(long ts, String value, int mask) {
    Objects.requireNonNull(value, "value");
    int m = mask & validMask;
    if (size == this.ts.length) {
      grow();
    }
    if (sorted && size > 0 && compareNodes(this.ts[size - 1], values[size - 1], masks[size - 1], ts, value, m) > 0) {
      sorted = false;
    }
    this.ts[size] = ts;
    values[size] = value;
    masks[size] = m;
    size++;
    cached = false;
    cachedResult = null;
  }

  /** Returns the number of rows added since creation or the last {@link #reset()}. */
  public int rows() {
    return size;
  }

  /**
   * Returns SEQUENCE_NEXT_NODE for the rows added so far (see the class documentation).
   *
   * @return the event_column value of the next node, or null for SQL NULL (no such node)
   */
  public String result() {
    if (!cached) {
      cachedResult = compute();
      cached = true;
    }
    return cachedResult;
  }

  /** Forgets all rows so the accumulator can be reused for the next group (buffers are kept). */
  public void reset() {
    Arrays.fill(values, 0, size, null);
    size = 0;
    sorted = true;
    cached = false;
    cachedResult = null;
  }

  private String compute() {
    int n = size;
    int events = spec.events();
    if (n <= events) {
      return null;
    }
    if (!sorted) {
      sort();
    }
    int b = baseIndex(n);
    if (b < 0) {
      return null;
    }
    if (spec.direction() == NextNodeSpec.Direction.FORWARD) {
      int answer = b + events;
      if (answer >= n) {
        return null;
      }
      for (int k = 1; k <= events; k++) {
        if ((masks[b + k - 1] & (1 << k)) == 0) {
          return null;
        }
      }
      return values[answer];
    }
    int answer = b - events;
    if (answer < 0) {
      return null;
    }
    for (int k = 1; k <= events; k++) {
      if ((masks[b - k + 1] & (1 << k)) == 0) {
        return null;
      }
    }
    return values[answer];
  }

  /** Returns the base index, or -1 if there is none. */
  private int baseIndex(int n) {
    switch (spec.base()) {
      case HEAD:
        return (masks[0] & 1) != 0 ? 0 : -1;
      case TAIL:
        return (masks[n - 1] & 1) != 0 ? n - 1 : -1;
      case FIRST_MATCH:
        for (int i = 0; i < n; i++) {
          if ((masks[i] & 3) == 3) {
            return i;
          }
        }
        return -1;
      case LAST_MATCH:
        for (int i = n - 1; i >= 0; i--) {
          if ((masks[i] & 3) == 3) {
            return i;
          }
        }
        return -1;
      default:
        throw new AssertionError(spec.base());
    }
  }

  /**
   * Compares strings by Unicode code point, which is the order of their UTF-8 encodings (a proper prefix first).
   * Code units are compared after moving U+E000..U+FFFF below the surrogates, the standard fix-up that turns UTF-16
   * order into code point order; an unpaired surrogate still gets a consistent place in this total order.
   */
  static int compareValues(String a, String b) {
    if (a == b) {
      return 0;
    }
    int len = Math.min(a.length(), b.length());
    for (int i = 0; i < len; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(fixUp(x), fixUp(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int fixUp(char c) {
    if (c >= 0xE000) {
      return c - 0x800;
    }
    if (c >= 0xD800) {
      return c + 0x2000;
    }
    return c;
  }

  private static int compareNodes(long ts1, String v1, int m1, long ts2, String v2, int m2) {
    int c = Long.compare(ts1, ts2);
    if (c != 0) {
      return c;
    }
    c = compareValues(v1, v2);
    return c != 0 ? c : Integer.compareUnsigned(m1, m2);
  }

  private void grow() {
    if (size >= MAX_CAPACITY) {
      throw new IllegalStateException("SEQUENCE_NEXT_NODE group has more than " + MAX_CAPACITY + " rows");
    }
    int capacity = size < INITIAL_CAPACITY ? INITIAL_CAPACITY : (int) Math.min(MAX_CAPACITY, size * 2L);
    ts = Arrays.copyOf(ts, capacity);
    values = Arrays.copyOf(values, capacity);
    masks = Arrays.copyOf(masks, capacity);
  }

  /** Sorts the nodes through an index permutation ({@link IndexSort}), a stable merge sort. */
  private void sort() {
    final int[] order = IndexSort.order(size,
        (a, b) -> compareNodes(ts[a], values[a], masks[a], ts[b], values[b], masks[b]));
    ts = IndexSort.permute(ts, order, size);
    values = IndexSort.permute(values, order, size);
    masks = IndexSort.permute(masks, order, size);
    sorted = true;
  }
}
