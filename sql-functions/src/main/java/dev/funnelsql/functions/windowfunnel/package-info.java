/**
 * Apache Doris- and StarRocks-compatible {@code window_funnel}: the call's parameters are validated once by
 * {@link dev.funnelsql.functions.windowfunnel.WindowFunnelSpec} and each group's rows are folded into a level by
 * {@link dev.funnelsql.functions.windowfunnel.WindowFunnelAccumulator}, so that queries written for either engine
 * return the answers their documentation and tests give.
 */
package dev.funnelsql.functions.windowfunnel;
