/**
 * SEQUENCE_NEXT_NODE: ClickHouse-compatible flow analysis that returns the event following (or preceding) a chain of
 * events, with parameters validated by {@link dev.funnelsql.functions.nextnode.NextNodeSpec} and groups evaluated by
 * {@link dev.funnelsql.functions.nextnode.NextNodeAccumulator}.
 */
package dev.funnelsql.functions.nextnode;
