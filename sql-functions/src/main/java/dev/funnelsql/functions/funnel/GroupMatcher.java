package dev.funnelsql.functions.funnel;

import java.util.Arrays;

/**
 * Bipartite matching between the steps of a run of consecutive steps and the rows of one tie group, used by
 * {@code strict_once} to decide whether steps {@code a..b} can be taken by distinct rows (a system of distinct
 * representatives).
 *
 * <p>Rows with the same mask are interchangeable, so they are merged into one node whose capacity is its row count
 * (capped at the mask's bit count, since a row never serves more steps than it has bits). Steps are added with
 * augmenting paths (Kuhn's algorithm with capacities); the visited set is a bit mask of steps, as there are at most
 * 32. Adding a step costs O(steps * (nodes + steps)). Reused across groups: no allocation once the arrays are large
 * enough.
 */
final class GroupMatcher {
  private int[] nodeMask = new int[8];
  private int[] nodeRows = new int[8];
  private int[] capacity = new int[8];
  private int[] used = new int[8];
  private int nodes;

  /** Node index of each matched step (index = step, 1-based). */
  private final int[] matchOf = new int[FunnelSpec.MAX_STEPS + 1];
  /** Steps currently matched, bit {@code s - 1} for step {@code s}. */
  private int members;
  private int visited;
  /** While {@code limitStep != 0}, that step may only use nodes {@code <= limitNode}. */
  private int limitStep;
  private int limitNode;

  /**
   * Loads the rows of a group: {@code masks[0..size)} sorted so that equal masks are adjacent, zero masks allowed
   * (they are skipped). Node order follows the array order.
   */
  void load(int[] masks, int size) {
    nodes = 0;
    members = 0;
    limitStep = 0;
    int i = 0;
    while (i < size) {
      final int mask = masks[i];
      int j = i + 1;
      while (j < size && masks[j] == mask) {
        j++;
      }
      if (mask != 0) {
        if (nodes == nodeMask.length) {
          final int grown = nodes * 2;
          nodeMask = Arrays.copyOf(nodeMask, grown);
          nodeRows = Arrays.copyOf(nodeRows, grown);
          capacity = Arrays.copyOf(capacity, grown);
          used = Arrays.copyOf(used, grown);
        }
        nodeMask[nodes] = mask;
        nodeRows[nodes] = j - i;
        capacity[nodes] = Math.min(j - i, Integer.bitCount(mask));
        used[nodes] = 0;
        nodes++;
      }
      i = j;
    }
  }

  /** Removes every step from the matching and lifts any limit. */
  void clear() {
    int m = members;
    while (m != 0) {
      final int s = Integer.numberOfTrailingZeros(m) + 1;
      m &= m - 1;
      used[matchOf[s]]--;
    }
    members = 0;
    limitStep = 0;
  }

  /** Adds step {@code s}; returns false (matching unchanged) if the steps plus {@code s} have no distinct rows. */
  boolean add(int s) {
    visited = 0;
    if (augment(s, -1)) {
      members |= 1 << (s - 1);
      return true;
    }
    return false;
  }

  /** Removes step {@code s}, which must be matched. */
  void remove(int s) {
    used[matchOf[s]]--;
    members &= ~(1 << (s - 1));
  }

  /** Finds a node other than {@code current} for step {@code s}, moving other steps along an augmenting path. */
  private boolean augment(int s, int current) {
    final int bit = 1 << (s - 1);
    visited |= bit;
    final int last = s == limitStep ? limitNode : nodes - 1;
    for (int i = 0; i <= last; i++) {
      if (i != current && (nodeMask[i] & bit) != 0 && used[i] < capacity[i]) {
        move(s, current, i);
        return true;
      }
    }
    int others = members & ~visited;
    while (others != 0) {
      final int other = Integer.numberOfTrailingZeros(others) + 1;
      others &= others - 1;
      final int node = matchOf[other];
      if ((visited & (1 << (other - 1))) == 0 && node != current && node <= last && (nodeMask[node] & bit) != 0) {
        visited |= 1 << (other - 1);
        if (augment(other, node)) {
          move(s, current, node);
          return true;
        }
      }
    }
    return false;
  }

  private void move(int s, int from, int to) {
    if (from >= 0) {
      used[from]--;
    }
    used[to]++;
    matchOf[s] = to;
  }

  /**
   * Returns whether steps {@code a..b} have distinct rows when step {@code b} may only use nodes
   * {@code <= lastNode}. Rebuilds the matching.
   */
  boolean matchable(int a, int b, int lastNode) {
    clear();
    limitStep = b;
    limitNode = lastNode;
    boolean ok = add(b);
    for (int s = a; ok && s < b; s++) {
      ok = add(s);
    }
    clear();
    return ok;
  }

  /** Returns the number of rows that satisfy step {@code s}. */
  int rowsWith(int s) {
    return rowsWithBefore(s, nodes);
  }

  /** Returns the number of rows in nodes {@code < node} that satisfy step {@code s}. */
  int rowsWithBefore(int s, int node) {
    final int bit = 1 << (s - 1);
    int rows = 0;
    for (int i = 0; i < node; i++) {
      if ((nodeMask[i] & bit) != 0) {
        rows += nodeRows[i];
      }
    }
    return rows;
  }

  /**
   * Returns the smallest node {@code p} satisfying step {@code b} such that steps {@code a..b} have distinct rows
   * when step {@code b} may only use nodes {@code <= p}; the caller guarantees that the unrestricted run matches.
   */
  int smallestLimit(int a, int b) {
    final int bit = 1 << (b - 1);
    int lo = 0;
    int hi = nodes - 1;
    while (lo < hi) {
      final int mid = (lo + hi) >>> 1;
      if (matchable(a, b, mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    // lo is the smallest feasible limit; it is a node with the step's bit (otherwise lo - 1 would do as well).
    assert (nodeMask[lo] & bit) != 0;
    return lo;
  }
}
