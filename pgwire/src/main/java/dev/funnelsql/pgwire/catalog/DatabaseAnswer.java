package dev.funnelsql.pgwire.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Databases from {@code pg_database}: one, the database the client connected to (psql's {@code \l}, Superset's
 * catalog list {@code SELECT datname FROM pg_database WHERE datistemplate = false}).
 */
final class DatabaseAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    return "pg_database".equals(query.mainRelation());
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context) {
    final String name = context.database();
    if (!Filters.accepts(query, "datname", name) || !Filters.accepts(query, "datistemplate", "false")) {
      return List.of();
    }
    final Map<String, @Nullable Object> row = new HashMap<>();
    row.put("oid", 16_384);
    row.put("datname", name);
    row.put("name", name);
    row.put("datdba", 10);
    row.put("owner", context.user());
    row.put("pg_get_userbyid", context.user());
    row.put("encoding", "UTF8");
    row.put("pg_encoding_to_char", "UTF8");
    row.put("datcollate", "C.UTF-8");
    row.put("collate", "C.UTF-8");
    row.put("datctype", "C.UTF-8");
    row.put("ctype", "C.UTF-8");
    row.put("datistemplate", Boolean.FALSE);
    row.put("datallowconn", Boolean.TRUE);
    row.put("datconnlimit", -1);
    row.put("description", "FunnelSQL");
    return List.of(row);
  }
}
