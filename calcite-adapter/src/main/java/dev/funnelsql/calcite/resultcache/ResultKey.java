package dev.funnelsql.calcite.resultcache;

import java.util.List;

/**
 * What makes two executions the same card: the connection's {@link CacheScope} (model, store, credentials,
 * settings), the SQL text, the default schema, the row limit, the row class and the parameter values (immutable
 * copies; a list that may hold nulls).
 */
record ResultKey(String scope, String sql, List<String> schemaPath, long maxRowCount, String rowClass,
    List<Object> parameters) {
}
