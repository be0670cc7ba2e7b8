package dev.funnelsql.pgwire.catalog;

import java.util.Set;

/**
 * The PostgreSQL catalogs that have no rows for FunnelSQL: it has no indexes, constraints, defaults, enums,
 * inheritance, triggers, rules, policies, sequences or publications. A query that inner-joins one of them has an
 * empty answer, whatever else it selects — which is how psql's {@code \d} footers and SQLAlchemy's key and index
 * reflection are answered.
 */
final class EmptyCatalogs {
  /** The name given to a derived table whose own query is empty this way. */
  static final String EMPTY_DERIVED = "(empty)";

  private static final Set<String> ALWAYS_EMPTY = Set.of(EMPTY_DERIVED,
      "pg_index", "pg_constraint", "pg_attrdef", "pg_enum", "pg_inherits", "pg_trigger", "pg_rewrite", "pg_policy",
      "pg_statistic_ext", "pg_statistic_ext_data", "pg_publication", "pg_publication_rel",
      "pg_publication_namespace", "pg_subscription", "pg_sequence", "pg_sequences", "pg_foreign_table",
      "pg_foreign_server", "pg_foreign_data_wrapper", "pg_user_mapping", "pg_user_mappings", "pg_partitioned_table",
      "pg_depend", "pg_event_trigger", "pg_extension", "pg_collation", "pg_opclass", "pg_opfamily", "pg_operator",
      "pg_aggregate", "pg_cast", "pg_conversion", "pg_language", "pg_largeobject_metadata",
      "pg_default_acl", "pg_init_privs", "pg_seclabel", "pg_seclabels", "pg_shseclabel", "pg_transform",
      "pg_ts_config", "pg_ts_dict", "pg_ts_parser", "pg_ts_template", "pg_range", "pg_am", "pg_amop", "pg_amproc",
      "pg_auth_members", "pg_tablespace", "pg_matviews", "pg_indexes", "pg_locks", "pg_prepared_xacts",
      "pg_stat_activity", "pg_stat_user_tables", "pg_statio_user_tables", "pg_stat_all_tables", "pg_shdescription",
      "pg_db_role_setting", "pg_replication_slots", "pg_stat_replication", "pg_available_extensions",
      "key_column_usage", "table_constraints", "referential_constraints", "constraint_column_usage",
      "check_constraints", "routines", "parameters", "triggers", "sequences");

  private EmptyCatalogs() {
  }

  static boolean isAlwaysEmpty(String relation) {
    return ALWAYS_EMPTY.contains(relation);
  }
}
