package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Attribute;
import dev.funnelsql.pgwire.catalog.PgCatalog.Namespace;
import dev.funnelsql.pgwire.catalog.PgCatalog.Relation;
import dev.funnelsql.pgwire.protocol.PgType;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The standard views {@code information_schema.schemata}, {@code tables}, {@code views} and {@code columns}, which
 * Grafana, Tableau and Metabase's PostgreSQL driver read; filtered by their schema, table and column names.
 */
final class InformationSchemaAnswer implements CatalogAnswer {
  private static final Set<String> VIEWS = Set.of("schemata", "tables", "views", "columns");

  @Override public boolean matches(QueryShape query) {
    return query.mentions("information_schema") && query.mainRelation() != null
        && VIEWS.contains(query.mainRelation());
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    final String view = String.valueOf(query.mainRelation());
    if (view.equals("schemata")) {
      for (Namespace namespace : context.catalog().namespaces()) {
        final Map<String, @Nullable Object> row = new HashMap<>();
        row.put("catalog_name", context.database());
        row.put("schema_name", namespace.name());
        row.put("schema_owner", context.user());
        addIfAccepted(query, rows, row);
      }
      return rows;
    }
    final String current = context.currentSchema();
    for (Relation relation : context.catalog().relations()) {
      if (view.equals("views") && relation.kind() != 'v') {
        continue;
      }
      final Map<String, @Nullable Object> table = new HashMap<>();
      // Grafana's table list, a CASE: the bare name on the search path (the current schema), else schema.name.
      table.put("case", relation.namespace().name().equalsIgnoreCase(current) ? relation.name()
          : relation.namespace().name() + "." + relation.name());
      table.put("table_catalog", context.database());
      table.put("table_schema", relation.namespace().name());
      table.put("table_name", relation.name());
      table.put("table_type", relation.kind() == 'v' ? "VIEW" : "BASE TABLE");
      table.put("is_insertable_into", "NO");
      table.put("is_typed", "NO");
      table.put("view_definition", ViewDefinitions.of(relation));
      table.put("check_option", "NONE");
      table.put("is_updatable", "NO");
      if (!view.equals("columns")) {
        addIfAccepted(query, rows, table);
        continue;
      }
      if (!namedByParseIdent(query, relation, context)) {
        continue;
      }
      for (Attribute attribute : relation.attributes()) {
        final Map<String, @Nullable Object> row = new HashMap<>(table);
        row.put("column_name", attribute.name());
        row.put("ordinal_position", attribute.number());
        row.put("is_nullable", attribute.notNull() ? "NO" : "YES");
        row.put("data_type", attribute.type().sqlName());
        row.put("udt_name", attribute.type().typname());
        row.put("udt_schema", "pg_catalog");
        row.put("character_maximum_length", attribute.type() == PgType.VARCHAR && attribute.typmod() > 0
            ? attribute.typmod() - 4 : null);
        row.put("numeric_precision", precision(attribute.type()));
        row.put("is_identity", "NO");
        row.put("is_generated", "NEVER");
        // Metabase's describe-fields, read by these aliases.
        row.put("database-type", attribute.type().typname());
        row.put("database-position", attribute.number() - 1);
        row.put("pk?", Boolean.FALSE);
        row.put("field-comment", attribute.remarks());
        row.put("database-required", Boolean.FALSE);
        row.put("database-is-auto-increment", Boolean.FALSE);
        addIfAccepted(query, rows, row);
      }
    }
    return rows;
  }

  private static @Nullable Integer precision(PgType type) {
    switch (type) {
      case INT2:
        return 16;
      case INT4:
        return 32;
      case INT8:
        return 64;
      case FLOAT4:
        return 24;
      case FLOAT8:
        return 53;
      default:
        return null;
    }
  }

  /**
   * Whether the relation is the one Grafana's column query names with {@code parse_ident('<t>')}: {@code schema.table},
   * or a bare table name, looked up in the current schema first and then in any schema (names compared without
   * case, as FunnelSQL's are); true without parse_ident.
   */
  private static boolean namedByParseIdent(QueryShape query, Relation relation, CatalogContext context)
      throws SQLException {
    final List<String> named = query.literalArguments("parse_ident");
    if (named.isEmpty()) {
      return true;
    }
    final List<String> parts = identifierParts(named.get(0));
    if (parts.size() == 2) {
      return relation.namespace().name().equalsIgnoreCase(parts.get(0))
          && relation.name().equalsIgnoreCase(parts.get(1));
    }
    final String table = parts.get(parts.size() - 1);
    if (!relation.name().equalsIgnoreCase(table)) {
      return false;
    }
    final String current = context.currentSchema();
    final boolean inCurrent = context.catalog().relations().stream().anyMatch(other
        -> other.name().equalsIgnoreCase(table) && other.namespace().name().equalsIgnoreCase(current));
    return !inCurrent || relation.namespace().name().equalsIgnoreCase(current);
  }

  /** PostgreSQL's {@code parse_ident}: dot-separated names, double-quoted ones kept as written, others lower-cased. */
  static List<String> identifierParts(String text) {
    final List<String> parts = new ArrayList<>();
    final StringBuilder part = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c == '"') {
        if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          part.append('"');
          i++;
        } else {
          quoted = !quoted;
          wasQuoted = true;
        }
      } else if (c == '.' && !quoted) {
        parts.add(wasQuoted ? part.toString() : part.toString().strip().toLowerCase(java.util.Locale.ROOT));
        part.setLength(0);
        wasQuoted = false;
      } else {
        part.append(c);
      }
    }
    parts.add(wasQuoted ? part.toString() : part.toString().strip().toLowerCase(java.util.Locale.ROOT));
    return parts;
  }

  private static void addIfAccepted(QueryShape query, List<Map<String, @Nullable Object>> rows,
      Map<String, @Nullable Object> row) {
    for (String column : List.of("schema_name", "table_schema", "table_name", "table_type", "column_name")) {
      if (row.containsKey(column) && !Filters.accepts(query, column, (String) row.get(column))) {
        return;
      }
    }
    rows.add(row);
  }
}
