package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.ExcludingFunnelSpec;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;

/**
 * What a funnel's trend aggregate is bound to: the funnel with its exclusions, and the calendar period its users are
 * counted by (the period holding their entry).
 *
 * @param funnel the funnel and its exclusions, on the time line of epoch milliseconds
 * @param period the entry period
 * @param calendar the calendar the periods are counted on; a period's start is its wall-clock label
 */
public record FunnelTrendSpec(ExcludingFunnelSpec funnel, CalendarPeriod period, LocalCalendar calendar) {
}
