package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Namespace;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Schemas from {@code pg_namespace} alone: SQLAlchemy's {@code get_schema_names}, psql's {@code \dn}, pgjdbc's
 * {@code getSchemas}.
 */
final class NamespaceAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    // Alone, or with its descriptions left-joined (DBeaver's schema list).
    return "pg_namespace".equals(query.mainRelation())
        && List.of("pg_namespace", "pg_description").containsAll(query.relations());
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (Namespace namespace : context.catalog().namespaces()) {
      if (!Filters.accepts(query, "nspname", namespace.name())
          || !Filters.acceptsNumber(query, "oid", namespace.oid())) {
        continue;
      }
      final Map<String, @Nullable Object> row = new HashMap<>();
      row.put("oid", namespace.oid());
      row.put("nspname", namespace.name());
      row.put("name", namespace.name());
      row.put("table_schem", namespace.name());
      row.put("nspowner", 10);
      row.put("owner", context.user());
      row.put("pg_get_userbyid", context.user());
      rows.add(row);
    }
    return rows;
  }
}
