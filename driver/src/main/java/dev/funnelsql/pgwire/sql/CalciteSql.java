package dev.funnelsql.pgwire.sql;

/**
 * A client statement translated for FunnelSQL: the SQL text, and for each JDBC {@code ?} in order the PostgreSQL
 * parameter number ({@code $n}) whose value it takes; {@code parameterCount} is the highest n.
 */
public record CalciteSql(String sql, int[] parameterOrder, int parameterCount) {
}
