package dev.funnelsql.pgwire.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Settings from {@code pg_settings}: the session's parameters (those SHOW and current_setting report). */
final class SettingsAnswer implements CatalogAnswer {
  @Override public boolean matches(QueryShape query) {
    return "pg_settings".equals(query.mainRelation());
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context) {
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    context.allSettings().forEach((name, value) -> {
      if (Filters.accepts(query, "name", name)) {
        final Map<String, @Nullable Object> row = new HashMap<>();
        row.put("name", name);
        row.put("setting", value);
        row.put("current_setting", value);
        row.put("source", "session");
        row.put("context", "user");
        row.put("vartype", "string");
        rows.add(row);
      }
    });
    return rows;
  }
}
