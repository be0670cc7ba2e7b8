package dev.funnelsql.calcite.stepscan;

/**
 * The queries a step scan sends the event store — its rows in any order, and ordered by key and time — with the
 * FunnelSQL statement's parameters they take.
 *
 * @param sql the query of the rows in any order
 * @param orderedSql the same query ordered by key and time
 * @param parameters the FunnelSQL statement's parameters, one per {@code ?} of the queries
 */
record StoreQuery(String sql, String orderedSql, StoreParameters parameters) {
}
