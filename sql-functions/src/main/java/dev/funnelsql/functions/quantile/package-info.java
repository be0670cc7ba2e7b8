/**
 * Exact quantiles of many integers (the seconds users took to reach a step) without sorting them: a selection by
 * buckets of the values' range, linear in their number.
 */
package dev.funnelsql.functions.quantile;
