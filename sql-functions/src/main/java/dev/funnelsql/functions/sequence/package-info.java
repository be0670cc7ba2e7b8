/**
 * SEQUENCE_MATCH and SEQUENCE_COUNT: ClickHouse-style sequence patterns ({@code (?N)}, {@code .}, {@code .*},
 * {@code (?t op S)}) parsed by {@link dev.funnelsql.functions.sequence.SequencePattern} and matched by
 * {@link dev.funnelsql.functions.sequence.SequenceAccumulator}.
 */
package dev.funnelsql.functions.sequence;
