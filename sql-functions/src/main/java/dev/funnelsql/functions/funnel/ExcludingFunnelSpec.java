package dev.funnelsql.functions.funnel;

import java.util.List;

/**
 * A funnel with exclusion steps, as a model funnel defines it: the {@link FunnelSpec} of its steps and its
 * exclusions. Its rows carry the step conditions in the low {@code funnel.steps()} bits of their mask and the
 * exclusion conditions in the bits above, in the order of {@code exclusions}.
 *
 * @param funnel the steps, window and modes
 * @param exclusions the exclusions, each within the funnel's steps
 */
public record ExcludingFunnelSpec(FunnelSpec funnel, List<FunnelExclusion> exclusions) {
  /** Checks that the exclusions lie within the steps and that every condition has its bit. */
  public ExcludingFunnelSpec {
    exclusions = List.copyOf(exclusions);
    if (funnel.steps() + exclusions.size() > FunnelSpec.MAX_STEPS) {
      throw new IllegalArgumentException("a funnel has at most " + FunnelSpec.MAX_STEPS + " steps and exclusions, got "
          + funnel.steps() + " steps and " + exclusions.size() + " exclusions");
    }
    for (FunnelExclusion exclusion : exclusions) {
      if (exclusion.to() > funnel.steps()) {
        throw new IllegalArgumentException("exclusion to step " + exclusion.to() + " of a funnel of " + funnel.steps()
            + " steps");
      }
    }
  }

  /** The number of conditions a row carries: steps, then exclusions. */
  public int conditions() {
    return funnel.steps() + exclusions.size();
  }
}
