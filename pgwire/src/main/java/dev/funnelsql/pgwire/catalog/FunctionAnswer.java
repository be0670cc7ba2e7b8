package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.calcite.registry.FunctionEntry;
import dev.funnelsql.calcite.registry.FunctionRegistry;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * FunnelSQL's own functions from {@code pg_proc} (joined with {@code pg_namespace}, {@code pg_description}): psql's
 * {@code \df} and pgjdbc's {@code getFunctions}, read from the function registry. Names are lower case, as
 * PostgreSQL folds unquoted names, and the functions are shown in the session's current schema, where an
 * unqualified call finds them. Filters on name and schema.
 */
final class FunctionAnswer implements CatalogAnswer {
  /** Object ids of FunnelSQL's functions start here, above those of relations and namespaces. */
  private static final int FIRST_OID = 900_000;

  @Override public boolean matches(QueryShape query) {
    return "pg_proc".equals(query.mainRelation());
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final String schema = context.currentSchema();
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    final List<FunctionEntry> entries = FunctionRegistry.entries();
    for (int i = 0; i < entries.size(); i++) {
      final FunctionEntry entry = entries.get(i);
      final String name = entry.name().toLowerCase(Locale.ROOT);
      if (!Filters.accepts(query, "proname", name) || !Filters.accepts(query, "nspname", schema)) {
        continue;
      }
      rows.add(row(entry, name, FIRST_OID + i, schema, context));
    }
    return rows;
  }

  private static Map<String, @Nullable Object> row(FunctionEntry entry, String name, int oid, String schema,
      CatalogContext context) {
    final boolean aggregate = entry.kind() == FunctionEntry.Kind.AGGREGATE;
    final boolean window = entry.kind() == FunctionEntry.Kind.WINDOW;
    final String signature = entry.signature();
    final String arguments = signature.substring(signature.indexOf('(') + 1, signature.lastIndexOf(')'));
    final Map<String, @Nullable Object> row = new HashMap<>();
    row.put("oid", oid);
    row.put("proname", name);
    row.put("nspname", schema);
    row.put("prokind", aggregate ? 'a' : window ? 'w' : 'f');
    row.put("proretset", Boolean.FALSE);
    // pgcli's completion: FunctionMetadata needs a return type; none is a set-returning or extension one.
    row.put("return_type", entry.returns());
    row.put("is_aggregate", aggregate);
    row.put("proisagg", aggregate);
    row.put("is_window", window);
    row.put("proiswindow", window);
    row.put("is_set_returning", Boolean.FALSE);
    row.put("is_extension", Boolean.FALSE);
    row.put("pg_get_function_result", entry.returns());
    row.put("pg_get_function_arguments", arguments);
    row.put("description", entry.remarks());
    row.put("obj_description", entry.remarks());
    // psql's \df columns.
    row.put("schema", schema);
    row.put("name", name);
    row.put("result data type", entry.returns());
    row.put("argument data types", arguments);
    row.put("type", aggregate ? "agg" : window ? "window" : "func");
    row.put("case", aggregate ? "agg" : window ? "window" : "func");
    // pgjdbc's getFunctions columns.
    row.put("function_cat", context.database());
    row.put("function_schem", schema);
    row.put("function_name", name);
    row.put("remarks", entry.remarks());
    row.put("function_type", (short) DatabaseMetaData.functionNoTable);
    row.put("specific_name", name + "_" + oid);
    return row;
  }
}
