package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.ExcludingFunnelSpec;
import dev.funnelsql.functions.period.CalendarPeriod;

/**
 * What a funnel's trend aggregate is bound to: the funnel with its exclusions, and the calendar period its users are
 * counted by (the period holding their entry).
 *
 * @param funnel the funnel and its exclusions, on the time line of epoch milliseconds
 * @param period the entry period
 */
public record FunnelTrendSpec(ExcludingFunnelSpec funnel, CalendarPeriod period) {
}
