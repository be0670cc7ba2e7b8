package dev.funnelsql.pgwire.catalog;

import java.util.List;
import java.util.Map;

/**
 * The columns of the PostgreSQL catalogs that clients select with {@code *} or {@code alias.*} (DBeaver's
 * {@code SELECT n.oid, n.*, …}), in PostgreSQL's order, so that a star expands to the names a client reads by.
 * Columns an answer has no value for come back NULL.
 */
final class CatalogColumns {
  private static final Map<String, List<String>> COLUMNS = Map.of(
      "pg_namespace", List.of("oid", "nspname", "nspowner", "nspacl"),
      "pg_class", List.of("oid", "relname", "relnamespace", "reltype", "reloftype", "relowner", "relam",
          "relfilenode", "reltablespace", "relpages", "reltuples", "relallvisible", "reltoastrelid", "relhasindex",
          "relisshared", "relpersistence", "relkind", "relnatts", "relchecks", "relhasrules", "relhastriggers",
          "relhassubclass", "relrowsecurity", "relforcerowsecurity", "relispopulated", "relreplident",
          "relispartition", "relrewrite", "relfrozenxid", "relminmxid", "relacl", "reloptions", "relpartbound"),
      "pg_attribute", List.of("attrelid", "attname", "atttypid", "attstattarget", "attlen", "attnum", "attndims",
          "attcacheoff", "atttypmod", "attbyval", "attstorage", "attalign", "attnotnull", "atthasdef",
          "atthasmissing", "attidentity", "attgenerated", "attisdropped", "attislocal", "attinhcount",
          "attcollation", "attacl", "attoptions", "attfdwoptions", "attmissingval"),
      "pg_type", List.of("oid", "typname", "typnamespace", "typowner", "typlen", "typbyval", "typtype",
          "typcategory", "typispreferred", "typisdefined", "typdelim", "typrelid", "typelem", "typarray",
          "typinput", "typoutput", "typreceive", "typsend", "typmodin", "typmodout", "typanalyze", "typalign",
          "typstorage", "typnotnull", "typbasetype", "typtypmod", "typndims", "typcollation", "typdefaultbin",
          "typdefault", "typacl"),
      "pg_database", List.of("oid", "datname", "datdba", "encoding", "datcollate", "datctype", "datistemplate",
          "datallowconn", "datconnlimit", "datlastsysoid", "datfrozenxid", "datminmxid", "dattablespace", "datacl"),
      "pg_settings", List.of("name", "setting", "unit", "category", "short_desc", "extra_desc", "context",
          "vartype", "source", "min_val", "max_val", "enumvals", "boot_val", "reset_val", "sourcefile",
          "sourceline", "pending_restart"));

  private CatalogColumns() {
  }

  /** The columns of a catalog by its name ({@code pg_class}), or an empty list for one not listed here. */
  static List<String> of(String catalog) {
    return COLUMNS.getOrDefault(catalog, List.of());
  }
}
