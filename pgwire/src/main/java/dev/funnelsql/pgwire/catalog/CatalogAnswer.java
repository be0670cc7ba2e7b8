package dev.funnelsql.pgwire.catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One family of catalog queries (say, "relations from pg_class"): whether a query belongs to it, and its rows as
 * values keyed by lower-case names — column names, function names, the aliases clients give — from which
 * {@link CatalogQueries} projects whatever select list the client wrote.
 */
interface CatalogAnswer {
  /** Whether the query is one this family answers. */
  boolean matches(QueryShape query);

  /** The rows, each a map from key to value (missing keys read as NULL). */
  List<Map<String, @Nullable Object>> rows(QueryShape query, CatalogContext context) throws SQLException;
}
