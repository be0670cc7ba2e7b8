package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Attribute;
import dev.funnelsql.pgwire.catalog.PgCatalog.Relation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Comments from {@code pg_description}: a table's ({@code objsubid = 0}, SQLAlchemy's {@code get_table_comment})
 * and a column's ({@code objsubid = n}), from the remarks in FunnelSQL's metadata.
 */
final class DescriptionAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    return "pg_description".equals(query.mainRelation()) && !query.relations().contains("pg_class");
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (Relation relation : context.catalog().relations()) {
      if (!Filters.acceptsNumber(query, "objoid", relation.oid())) {
        continue;
      }
      add(rows, query, relation, 0, relation.remarks());
      for (Attribute attribute : relation.attributes()) {
        add(rows, query, relation, attribute.number(), attribute.remarks());
      }
    }
    return rows;
  }

  private static void add(List<Map<String, @Nullable Object>> rows, QueryShape query, Relation relation,
      int subId, @Nullable String description) {
    if (description == null || description.isEmpty() || !Filters.acceptsNumber(query, "objsubid", subId)) {
      return;
    }
    final Map<String, @Nullable Object> row = new HashMap<>();
    row.put("objoid", relation.oid());
    row.put("classoid", 1259);
    row.put("objsubid", subId);
    row.put("description", description);
    row.put("table_comment", description);
    rows.add(row);
  }
}
