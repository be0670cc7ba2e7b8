package dev.funnelsql.calcite.schema;

/**
 * The session a model derives for each event ({@code events: { session: { gap: 30m } }}): the name of the column it
 * adds to the events and the gap that starts a new session.
 *
 * @param column the derived column's name
 * @param gap the longest time between two events of one session: seconds for a TIMESTAMP or DATE time, the time's
 *     own unit for a number
 */
public record DerivedSession(String column, long gap) {
}
