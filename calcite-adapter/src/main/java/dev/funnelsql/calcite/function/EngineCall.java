package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.FunnelExclusion;
import dev.funnelsql.functions.funnel.FunnelSpec;
import java.util.List;

/**
 * What a bound aggregate computes, for an engine that computes it whole in its own SQL ({@code funnel.pushdown}):
 * a plain funnel or a retention, with the validated values the call was bound to.
 */
public sealed interface EngineCall {
  /**
   * {@code FUNNEL_STEP}, {@code FUNNEL_TIMES} or a model funnel's per-user aggregate (its times, capped at its
   * exclusions).
   *
   * @param spec the funnel: its steps, window (on the time line) and modes
   * @param exclusions a model funnel's exclusions, conditions after the steps; empty for none
   * @param times whether the result is the reported chain's step times, NULL past the level, rather than the level
   */
  record Funnel(FunnelSpec spec, List<FunnelExclusion> exclusions, boolean times) implements EngineCall {
    /** The funnel, its exclusions copied. */
    public Funnel {
      exclusions = List.copyOf(exclusions);
    }
  }

  /**
   * {@code RETENTION}: per condition, whether it held on a row of the group and the first one held on a row too.
   *
   * @param conditions how many conditions
   */
  record Retention(int conditions) implements EngineCall {
  }
}
