package dev.funnelsql.functions.funnel;

import java.util.Arrays;
import java.util.List;

/**
 * The exclusion events of one group and the check of a chain against them: remembers the times of the rows that
 * match each exclusion, then caps a chain's level at the {@code from} step of the earliest-starting exclusion that
 * happened strictly between its step {@code from} and its step {@code to} (or its last step, if it stopped before).
 * Rows may come in any order. Not thread-safe.
 */
public final class ExclusionCheck {
  private final FunnelExclusion[] exclusions;
  private final long[][] times;
  private final int[] sizes;

  /** Creates an empty check of those exclusions. */
  public ExclusionCheck(List<FunnelExclusion> exclusions) {
    this.exclusions = exclusions.toArray(new FunnelExclusion[0]);
    this.times = new long[this.exclusions.length][4];
    this.sizes = new int[this.exclusions.length];
  }

  /** Forgets the rows, for the next group. */
  public void reset() {
    Arrays.fill(sizes, 0);
  }

  /**
   * Takes a row's exclusion conditions.
   *
   * @param ts the row's time
   * @param mask bit {@code i} set = exclusion {@code i} holds for the row
   */
  public void accept(long ts, int mask) {
    for (int e = 0; mask != 0; e++, mask >>>= 1) {
      if ((mask & 1) != 0) {
        if (sizes[e] == times[e].length) {
          times[e] = Arrays.copyOf(times[e], sizes[e] * 2);
        }
        times[e][sizes[e]++] = ts;
      }
    }
  }

  /**
   * The level the chain keeps.
   *
   * @param level the chain's level
   * @param chain the times of its steps 1..level, in {@code chain[0..level-1]}
   */
  public int cap(int level, long[] chain) {
    int cap = level;
    for (int e = 0; e < exclusions.length; e++) {
      final FunnelExclusion exclusion = exclusions[e];
      if (exclusion.from() >= cap || level <= exclusion.from()) {
        continue;
      }
      final long after = chain[exclusion.from() - 1];
      final long before = chain[Math.min(exclusion.to(), level) - 1];
      final long[] own = times[e];
      for (int i = 0; i < sizes[e]; i++) {
        if (own[i] > after && own[i] < before) {
          cap = exclusion.from();
          break;
        }
      }
    }
    return cap;
  }
}
