/**
 * The step scan: how FunnelSQL executes a behavioural aggregate ({@code FUNNEL_STEP}, {@code FUNNEL_TIMES},
 * {@code RETENTION}, {@code SEQUENCE_*}) over a JDBC event store. The store computes the step conditions as one
 * bit-mask column, drops rows that match no step and returns only (group key, time, mask), and the value column
 * ({@code SEQUENCE_NEXT_NODE}'s event column) only when a function takes one; FunnelSQL reads that result set with
 * primitive getters (the value once per row, kept as the id of a per-query dictionary), buckets the rows by group in
 * compact arrays (or, when they would not fit the buffer limit, has the store sort them and streams) and runs each
 * group through the streaming evaluators.
 * It replaces Calcite's generic per-row aggregate, which boxes every row and buffers per group.
 */
package dev.funnelsql.calcite.stepscan;
