package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.FunnelSpec;

/**
 * What a bound funnel aggregate computes, for an engine that computes it in its own SQL: the validated funnel and
 * whether the result is the reported chain's step times ({@code FUNNEL_TIMES}, a model funnel's per-user aggregate)
 * or the level reached ({@code FUNNEL_STEP}).
 *
 * @param spec the funnel: its steps, window (on the time line) and modes
 * @param times whether the result is the step times, NULL past the level, rather than the level
 */
public record FunnelCall(FunnelSpec spec, boolean times) {
}
