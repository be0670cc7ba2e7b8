package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.protocol.PgType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Types from {@code pg_type}: the built-in types FunnelSQL's results use, found by name or OID (pgjdbc's type
 * cache, SQLAlchemy's {@code hstore} probe, which finds nothing); FunnelSQL has no domains or enums, so
 * {@code typtype = 'd'} and {@code 'e'} find nothing either.
 */
final class TypeAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    // With pg_class inner-joined it asks for composite types (there are none: RelationAnswer); left-joined, as
    // DBeaver's type list does, it only adds the relation kind of each type.
    return "pg_type".equals(query.mainRelation()) && !query.relations().contains("pg_attribute")
        && !query.innerJoins("pg_class");
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context) {
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (PgType type : PgType.values()) {
      if (type == PgType.UNKNOWN) {
        continue;
      }
      final Map<String, @Nullable Object> row = new HashMap<>();
      row.put("oid", type.oid());
      row.put("typname", type.typname());
      row.put("typtype", "b");
      row.put("typnamespace", 11);
      row.put("nspname", "pg_catalog");
      row.put("schema", "pg_catalog");
      row.put("typlen", type.length());
      row.put("typarray", type.arrayOid());
      row.put("typelem", type.element() == null ? 0 : type.element().oid());
      row.put("typbasetype", 0);
      row.put("typtypmod", -1);
      row.put("typnotnull", Boolean.FALSE);
      row.put("typcategory", String.valueOf(type.category()));
      row.put("typdelim", ",");
      row.put("typrelid", 0);
      row.put("is_array", type.element() != null);
      row.put("visible", Boolean.TRUE);
      row.put("pg_type_is_visible", Boolean.TRUE);
      row.put("name", type.typname());
      row.put("format_type", type.sqlName());
      final boolean wanted = Filters.accepts(query, "typname", type.typname())
          && Filters.acceptsNumber(query, "oid", type.oid()) && Filters.accepts(query, "typtype", "b")
          && Filters.accepts(query, "nspname", "pg_catalog");
      if (wanted) {
        rows.add(row);
      }
    }
    return rows;
  }
}
