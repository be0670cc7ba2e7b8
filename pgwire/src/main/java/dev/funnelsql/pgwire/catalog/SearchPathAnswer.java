package dev.funnelsql.pgwire.catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The search path as a set of rows: {@code SELECT * FROM unnest(current_schemas(true))} and {@code SELECT * FROM
 * current_schemas(true)}, which pgcli's completion asks for when it connects. One row per schema, {@code pg_catalog}
 * first when implicit schemas are asked for, then the session's current schema.
 */
final class SearchPathAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    final @Nullable String from = query.mainRelation();
    return ("unnest".equals(from) || "current_schemas".equals(from)) && query.mentions("current_schemas");
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (String schema : schemas(!query.mentions("false"), context)) {
      final Map<String, @Nullable Object> row = new HashMap<>();
      row.put("*", schema);
      row.put("unnest", schema);
      row.put("current_schemas", schema);
      rows.add(row);
    }
    return rows;
  }

  /** {@code current_schemas(implicit)}: {@code pg_catalog} if {@code implicit}, then the current schema. */
  static List<String> schemas(boolean implicit, CatalogContext context) throws SQLException {
    final List<String> schemas = new ArrayList<>();
    if (implicit) {
      schemas.add("pg_catalog");
    }
    schemas.add(context.currentSchema());
    return schemas;
  }
}
