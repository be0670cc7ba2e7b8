/**
 * Threshold times: per group, the time by which the k-th row meeting a condition had happened, which is when a count
 * of those rows reached k, and from which a condition on that count holds for good.
 */
package dev.funnelsql.functions.threshold;
