package dev.funnelsql.functions.funnel;

import java.util.List;

/**
 * A funnel with exclusion steps, as a model funnel defines it: the {@link FunnelSpec} of its steps and its
 * exclusions. Its rows carry the step conditions in the low {@code funnel.steps()} bits of their mask and the
 * exclusion conditions in the bits above, in the order of {@code exclusions}, then, with {@code startCondition},
 * one more bit: whether the row may start a chain (an {@code unordered} funnel scoped to a date range).
 *
 * @param funnel the steps, window and modes
 * @param exclusions the exclusions, each within the funnel's steps
 * @param startCondition whether the rows carry the start condition in the bit after the exclusions
 */
public record ExcludingFunnelSpec(FunnelSpec funnel, List<FunnelExclusion> exclusions, boolean startCondition) {
  /** Checks that the exclusions lie within the steps and that every condition has its bit. */
  public ExcludingFunnelSpec {
    exclusions = List.copyOf(exclusions);
    if (funnel.steps() + exclusions.size() + (startCondition ? 1 : 0) > FunnelSpec.MAX_STEPS) {
      throw new IllegalArgumentException("a funnel has at most " + FunnelSpec.MAX_STEPS + " steps and exclusions"
          + (startCondition ? " and its start condition" : "") + ", got " + funnel.steps() + " steps and "
          + exclusions.size() + " exclusions");
    }
    for (FunnelExclusion exclusion : exclusions) {
      if (exclusion.to() > funnel.steps()) {
        throw new IllegalArgumentException("exclusion to step " + exclusion.to() + " of a funnel of " + funnel.steps()
            + " steps");
      }
    }
  }

  /** A funnel whose rows carry no start condition: every row may start a chain. */
  public ExcludingFunnelSpec(FunnelSpec funnel, List<FunnelExclusion> exclusions) {
    this(funnel, exclusions, false);
  }

  /** The same funnel whose rows also carry the start condition. */
  public ExcludingFunnelSpec withStartCondition() {
    return new ExcludingFunnelSpec(funnel, exclusions, true);
  }

  /** The number of conditions a row carries: steps, then exclusions, then the start condition if there is one. */
  public int conditions() {
    return funnel.steps() + exclusions.size() + (startCondition ? 1 : 0);
  }

  /** Whether a row of that mask may start a chain: without a start condition, every row may. */
  public boolean mayStart(int mask) {
    return !startCondition || (mask >>> (funnel.steps() + exclusions.size()) & 1) != 0;
  }

  /** The exclusion bits of a row's mask, from bit 0. */
  public int exclusionBits(int mask) {
    final int steps = funnel.steps();
    return steps >= 32 ? 0 : (mask >>> steps) & (int) ((1L << exclusions.size()) - 1);
  }
}
