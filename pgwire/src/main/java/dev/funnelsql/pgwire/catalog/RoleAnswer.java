package dev.funnelsql.pgwire.catalog;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Roles from {@code pg_roles}, {@code pg_user} and the like: one, the session's user, who may log in and read but
 * has no other privileges (FunnelSQL is read-only).
 */
final class RoleAnswer implements CatalogAnswer {
  private static final Set<String> ROLE_CATALOGS = Set.of("pg_roles", "pg_user", "pg_authid", "pg_shadow");

  @Override public boolean matches(QueryShape query) {
    return query.mainRelation() != null && ROLE_CATALOGS.contains(query.mainRelation());
  }

  @Override public List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context) {
    final String user = context.user();
    if (!Filters.accepts(query, "rolname", user) || !Filters.accepts(query, "usename", user)) {
      return List.of();
    }
    final Map<String, @Nullable Object> row = new HashMap<>();
    row.put("oid", 10);
    row.put("usesysid", 10);
    row.put("rolname", user);
    row.put("usename", user);
    row.put("name", user);
    row.put("role_name", user);
    row.put("rolcanlogin", Boolean.TRUE);
    row.put("rolinherit", Boolean.TRUE);
    row.put("rolconnlimit", -1);
    for (String flag : List.of("rolsuper", "usesuper", "rolcreaterole", "rolcreatedb", "usecreatedb",
        "rolreplication", "userepl", "rolbypassrls", "usebypassrls")) {
      row.put(flag, Boolean.FALSE);
    }
    row.put("attributes", "");
    return List.of(row);
  }
}
