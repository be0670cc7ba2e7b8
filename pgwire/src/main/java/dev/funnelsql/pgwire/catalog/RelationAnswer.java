package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Relations from {@code pg_class} (joined with {@code pg_namespace}): psql's {@code \dt}, {@code \dv}, {@code \d}
 * lists and its {@code \d name} lookup and details, SQLAlchemy's table, view and OID lookups and view definitions,
 * and pgjdbc's {@code getTables}. Filters on schema, name (=, LIKE, psql's regular expressions), OID, kind and
 * visibility (the current schema).
 */
final class RelationAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    return query.relations().contains("pg_class") && !query.relations().contains("pg_attribute")
        && !("pg_type".equals(query.mainRelation()) && !query.innerJoins("pg_class"));
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final @Nullable Set<Character> kinds = Filters.relationKinds(query);
    final boolean visibleOnly = Filters.calls(query, "pg_table_is_visible");
    final String current = context.currentSchema();
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    final List<Relation> relations = new ArrayList<>(context.catalog().relations());
    if (query.mentions("table_type")) {
      relations.sort(Comparator.comparing(Relation::kind));
    }
    for (Relation relation : relations) {
      final String schema = relation.namespace().name();
      if (kinds != null && !kinds.contains(relation.kind())
          || visibleOnly && !schema.equalsIgnoreCase(current)
          || !Filters.accepts(query, "nspname", schema)
          || !Filters.accepts(query, "relname", relation.name())
          || !Filters.acceptsNumber(query, "oid", relation.oid())
          || !Filters.acceptsNumber(query, "relnamespace", relation.namespace().oid())) {
        continue;
      }
      rows.add(row(relation, context));
    }
    return rows;
  }

  static Map<String, @Nullable Object> row(Relation relation, CatalogContext context) {
    final boolean view = relation.kind() == 'v';
    final Map<String, @Nullable Object> row = new HashMap<>();
    row.put("oid", relation.oid());
    row.put("relname", relation.name());
    row.put("nspname", relation.namespace().name());
    row.put("relkind", relation.kind());
    row.put("relnamespace", relation.namespace().oid());
    row.put("relowner", 10);
    row.put("relchecks", (short) 0);
    for (String flag : List.of("relhasindex", "relhasrules", "relhastriggers", "relrowsecurity",
        "relforcerowsecurity", "relhasoids", "relispartition", "relhassubclass", "relisshared")) {
      row.put(flag, Boolean.FALSE);
    }
    row.put("reltablespace", 0);
    row.put("reloftype", 0);
    row.put("relam", 0);
    row.put("reltoastrelid", 0);
    row.put("relpersistence", 'p');
    row.put("relreplident", 'd');
    row.put("relnatts", (short) relation.attributes().size());
    row.put("reltuples", -1.0f);
    row.put("relpages", 0);
    row.put("case", "");
    // psql's list columns, pgjdbc's getTables columns, SQLAlchemy's view definition.
    row.put("schema", relation.namespace().name());
    row.put("name", relation.name());
    row.put("type", view ? "view" : "table");
    row.put("owner", context.user());
    row.put("pg_get_userbyid", context.user());
    row.put("persistence", "permanent");
    row.put("size", "0 bytes");
    row.put("description", relation.remarks());
    row.put("obj_description", relation.remarks());
    row.put("table_schem", relation.namespace().name());
    row.put("table_name", relation.name());
    row.put("table_type", view ? "VIEW" : "TABLE");
    row.put("remarks", relation.remarks());
    row.put("view_def", ViewDefinitions.of(relation));
    row.put("pg_get_viewdef", ViewDefinitions.of(relation));
    return row;
  }
}
