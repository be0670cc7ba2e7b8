package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Attribute;
import dev.funnelsql.pgwire.catalog.PgCatalog.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Columns from {@code pg_attribute} (joined with {@code pg_class}, {@code pg_namespace}, {@code pg_type}): psql's
 * {@code \d name} column list, SQLAlchemy's {@code get_columns}, pgjdbc's {@code getColumns}. Selects the relation
 * by OID ({@code attrelid = n}) or by schema and table name, and the columns by name.
 */
final class AttributeAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    return query.relations().contains("pg_attribute");
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final @Nullable Set<Character> kinds = Filters.relationKinds(query);
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (Relation relation : context.catalog().relations()) {
      if (kinds != null && !kinds.contains(relation.kind())
          || !Filters.acceptsNumber(query, "attrelid", relation.oid())
          || !Filters.acceptsNumber(query, "oid", relation.oid())
          || !Filters.accepts(query, "nspname", relation.namespace().name())
          || !Filters.accepts(query, "relname", relation.name())) {
        continue;
      }
      for (Attribute attribute : relation.attributes()) {
        if (Filters.accepts(query, "attname", attribute.name())
            && Filters.acceptsNumber(query, "attnum", attribute.number())) {
          rows.add(row(relation, attribute));
        }
      }
    }
    return rows;
  }

  private static Map<String, @Nullable Object> row(Relation relation, Attribute attribute) {
    final Map<String, @Nullable Object> row = new HashMap<>();
    row.put("attname", attribute.name());
    row.put("attnum", (short) attribute.number());
    row.put("atttypid", attribute.type().oid());
    row.put("atttypmod", attribute.typmod());
    row.put("attnotnull", attribute.notNull());
    row.put("attlen", attribute.type().length());
    row.put("attrelid", relation.oid());
    row.put("table_oid", relation.oid());
    row.put("attisdropped", Boolean.FALSE);
    row.put("atthasdef", Boolean.FALSE);
    row.put("attndims", 0);
    row.put("attidentity", "");
    row.put("attgenerated", "");
    row.put("format_type", attribute.formatType());
    row.put("comment", attribute.remarks());
    row.put("description", attribute.remarks());
    row.put("col_description", attribute.remarks());
    row.put("nspname", relation.namespace().name());
    row.put("relname", relation.name());
    row.put("relkind", relation.kind());
    row.put("typname", attribute.type().typname());
    row.put("typtype", 'b');
    row.put("typbasetype", 0);
    row.put("typtypmod", -1);
    row.put("typnotnull", Boolean.FALSE);
    return row;
  }
}
