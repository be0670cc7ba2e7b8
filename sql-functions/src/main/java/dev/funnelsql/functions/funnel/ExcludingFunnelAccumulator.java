package dev.funnelsql.functions.funnel;

import java.util.Arrays;

/**
 * Aggregate accumulator of a funnel with exclusion steps for rows in any order: a {@link FunnelAccumulator} over the
 * step bits and an {@link ExclusionCheck} over the exclusion bits, whose chain is capped at the first exclusion it
 * crosses. Not thread-safe.
 */
public final class ExcludingFunnelAccumulator {
  private final FunnelAccumulator funnel;
  private final ExclusionCheck exclusions;
  private final int stepMask;
  private final ExcludingFunnelSpec spec;

  /** Creates an empty accumulator. */
  public ExcludingFunnelAccumulator(ExcludingFunnelSpec spec) {
    this.spec = spec;
    this.funnel = new FunnelAccumulator(spec.funnel());
    this.exclusions = new ExclusionCheck(spec.exclusions());
    final int steps = spec.funnel().steps();
    this.stepMask = steps == 32 ? -1 : (1 << steps) - 1;
  }

  /**
   * Adds one row.
   *
   * @param ts the row's time
   * @param mask the step conditions in bits {@code 0..steps-1}, the exclusions in the bits above, then the start
   *     condition if the spec has one
   */
  public void add(long ts, int mask) {
    funnel.add(ts, mask & stepMask, spec.mayStart(mask));
    final int excluded = spec.exclusionBits(mask);
    if (excluded != 0) {
      exclusions.accept(ts, excluded);
    }
  }

  /**
   * The step times of the chain, as {@link FunnelAccumulator#times()}, with the steps past the exclusion cap
   * {@link FunnelAccumulator#NOT_REACHED}.
   */
  public long[] times() {
    final long[] times = funnel.times();
    final int level = funnel.level();
    final int cap = exclusions.cap(level, times);
    Arrays.fill(times, cap, times.length, FunnelAccumulator.NOT_REACHED);
    return times;
  }

  /** The level the chain keeps after its exclusions. */
  public int level() {
    final long[] times = funnel.times();
    return exclusions.cap(funnel.level(), times);
  }
}
