package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.catalog.PgCatalog.Namespace;
import dev.funnelsql.pgwire.catalog.PgCatalog.Relation;
import dev.funnelsql.pgwire.protocol.PgType;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A SELECT without FROM of PostgreSQL's session and catalog functions: {@code version()}, {@code current_schema()},
 * {@code current_database()}, {@code current_user}, {@code pg_backend_pid()}, {@code current_setting('…')},
 * {@code pg_get_viewdef(oid)}, {@code current_schemas(bool)}, privilege checks (all reads allowed), …
 */
final class ServerFunctionAnswer implements CatalogAnswer {
  private static final Set<String> KEYWORDS = Set.of("current_schema", "current_user", "session_user", "user",
      "current_role", "current_catalog");
  private static final Set<String> FUNCTIONS = Set.of("version", "current_schema", "current_database",
      "current_user", "session_user", "pg_backend_pid", "current_setting", "pg_get_viewdef", "current_schemas",
      "pg_is_in_recovery", "pg_encoding_to_char", "pg_client_encoding", "getdatabaseencoding",
      "pg_get_userbyid", "format_type", "obj_description", "col_description", "shobj_description",
      "has_table_privilege", "has_schema_privilege", "has_database_privilege", "has_column_privilege",
      "pg_postmaster_start_time", "inet_server_addr", "inet_server_port", "pg_size_pretty", "txid_current");

  @Override public boolean matches(QueryShape query) {
    if (query.mainRelation() != null) {
      return false;
    }
    boolean known = false;
    for (SelectItem item : query.selectItems()) {
      if (item.call() && FUNCTIONS.contains(item.expressionKey())
          || !item.call() && KEYWORDS.contains(item.expressionKey()) && item.alias() == null
          && item.label().equals(item.expressionKey())) {
        known = true;
      } else if (!item.constant()) {
        return false;
      }
    }
    return known;
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context)
      throws SQLException {
    final Map<String, @Nullable Object> row = new HashMap<>();
    for (SelectItem item : query.selectItems()) {
      if (!item.constant()) {
        final @Nullable Object value = value(item, context);
        row.put(item.alias() != null ? item.alias() : item.expressionKey(), value);
      }
    }
    return List.of(row);
  }

  private static @Nullable Object value(SelectItem item, CatalogContext context) throws SQLException {
    final @Nullable String first = item.arguments().isEmpty() ? null : item.arguments().get(0);
    switch (item.expressionKey()) {
      case "version":
        return context.versionString();
      case "current_schema":
        return context.currentSchema();
      case "current_database":
      case "current_catalog":
        return context.database();
      case "current_user":
      case "session_user":
      case "user":
      case "current_role":
      case "pg_get_userbyid":
        return context.user();
      case "pg_backend_pid":
        return context.processId();
      case "current_setting":
        return first == null ? null : context.setting(first);
      case "pg_get_viewdef": {
        final @Nullable Relation relation = first == null ? null : relation(first, context);
        return relation == null ? null : ViewDefinitions.of(relation);
      }
      case "current_schemas":
        return SearchPathAnswer.schemas("true".equals(first), context);
      case "pg_is_in_recovery":
        return Boolean.FALSE;
      case "pg_encoding_to_char":
      case "pg_client_encoding":
      case "getdatabaseencoding":
        return "UTF8";
      case "format_type": {
        final @Nullable PgType type = first == null ? null : PgType.byOid(parseInt(first));
        return type == null ? null : type.sqlName();
      }
      case "has_table_privilege":
      case "has_schema_privilege":
      case "has_database_privilege":
      case "has_column_privilege":
        return !item.arguments().contains("INSERT") && !item.arguments().contains("UPDATE")
            && !item.arguments().contains("DELETE") && !item.arguments().contains("CREATE");
      case "pg_size_pretty":
        return first == null ? null : first + " bytes";
      default:
        return null;
    }
  }

  private static @Nullable Relation relation(String oidOrName, CatalogContext context) throws SQLException {
    final int oid = parseInt(oidOrName);
    if (oid > 0) {
      return context.catalog().relation(oid);
    }
    final int dot = oidOrName.indexOf('.');
    for (Namespace namespace : context.catalog().namespaces()) {
      final String schema = dot < 0 ? context.currentSchema() : oidOrName.substring(0, dot);
      if (namespace.name().equalsIgnoreCase(schema)) {
        return context.catalog().relation(schema, oidOrName.substring(dot + 1));
      }
    }
    return null;
  }

  private static int parseInt(String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
