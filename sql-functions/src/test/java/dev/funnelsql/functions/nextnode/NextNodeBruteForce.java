package dev.funnelsql.functions.nextnode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Obvious, slow reference for SEQUENCE_NEXT_NODE written from the definitions in the research note
 * (notes/research/ch-next-node.md, sections 2.3 and 2.4), independent of {@link NextNodeAccumulator}: rows become
 * objects with booleans, are sorted with a comparator on UTF-8 bytes, and the chain is checked node by node.
 */
final class NextNodeBruteForce {

  /** One input row (already free of NULLs), with its conditions unpacked. */
  static final class Row {
    final long ts;
    final String value;
    final boolean baseCondition;
    /** events[k - 1] = event k holds. */
    final boolean[] events;

    Row(long ts, String value, boolean baseCondition, boolean[] events) {
      this.ts = ts;
      this.value = value;
      this.baseCondition = baseCondition;
      this.events = events.clone();
    }

    /** Unpacks the accumulator's mask layout: bit 0 base_condition, bit k event k; higher bits are dropped. */
    static Row fromMask(long ts, String value, int mask, int events) {
      boolean[] e = new boolean[events];
      for (int k = 1; k <= events; k++) {
        e[k - 1] = ((mask >>> k) & 1) == 1;
      }
      return new Row(ts, value, (mask & 1) == 1, e);
    }

    /** The conditions as a non-negative number, base_condition worth 1 and event k worth 2^k. */
    long conditionKey() {
      long key = baseCondition ? 1 : 0;
      for (int k = 1; k <= events.length; k++) {
        if (events[k - 1]) {
          key += 1L << k;
        }
      }
      return key;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder().append(ts).append(':').append(value).append('/');
      sb.append(baseCondition ? 'b' : '-');
      for (boolean e : events) {
        sb.append(e ? '1' : '0');
      }
      return sb.toString();
    }
  }

  private NextNodeBruteForce() {
  }

  /** The note's node order: timestamp, then value as unsigned UTF-8 bytes, then (our tie rule) the conditions. */
  static List<Row> sorted(List<Row> rows) {
    List<Row> nodes = new ArrayList<>(rows);
    nodes.sort(Comparator.<Row>comparingLong(r -> r.ts)
        .thenComparing((a, b) -> Arrays.compareUnsigned(a.value.getBytes(StandardCharsets.UTF_8),
            b.value.getBytes(StandardCharsets.UTF_8)))
        .thenComparingLong(Row::conditionKey));
    return nodes;
  }

  /**
   * SEQUENCE_NEXT_NODE of one group.
   *
   * @param forward true for 'forward', false for 'backward'
   * @param base    one of head, tail, first_match, last_match
   * @param events  the number of event conditions
   * @param rows    the group's rows in any order
   * @return the answer, null for NULL
   */
  static String nextNode(boolean forward, String base, int events, List<Row> rows) {
    List<Row> nodes = sorted(rows);
    int n = nodes.size();
    if (n == 0) {
      return null;
    }
    Integer b = null;
    switch (base) {
      case "head":
        if (nodes.get(0).baseCondition) {
          b = 0;
        }
        break;
      case "tail":
        if (nodes.get(n - 1).baseCondition) {
          b = n - 1;
        }
        break;
      case "first_match":
        for (int i = 0; i < n && b == null; i++) {
          if (nodes.get(i).events[0] && nodes.get(i).baseCondition) {
            b = i;
          }
        }
        break;
      case "last_match":
        for (int i = n - 1; i >= 0 && b == null; i--) {
          if (nodes.get(i).events[0] && nodes.get(i).baseCondition) {
            b = i;
          }
        }
        break;
      default:
        throw new IllegalArgumentException(base);
    }
    if (b == null) {
      return null;
    }
    // walk away from the base: step k (0-based) visits the node at b + k (forward) or b - k (backward)
    int step = forward ? 1 : -1;
    int position = b;
    for (int k = 0; k < events; k++) {
      if (position < 0 || position >= n) {
        return null;
      }
      if (!nodes.get(position).events[k]) {
        return null;
      }
      position += step;
    }
    if (position < 0 || position >= n) {
      return null;
    }
    return nodes.get(position).value;
  }
}
