package dev.funnelsql.jdbc.metabase;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of Metabase's driver interface the plugin touches, written down as data from reading Metabase's source
 * (no code copied): {@code metabase.driver.sql.query-processor} of 0.50 (commit 0041072) and the newest
 * {@code metabase.driver}, {@code metabase.driver.sql}, {@code metabase.driver.sql-jdbc.execute} and
 * {@code metabase.lib.schema.temporal-bucketing} stored in the index, with the driver changelog from 0.50 to 0.60
 * for what changed between them. Nothing the plugin uses changed from 0.52 to the newest release read, so one table
 * serves every supported version.
 */
final class MetabaseInterface {
  /** How a var is called. */
  enum Kind {
    /** A multimethod dispatching on the driver alone. */
    MULTI_ON_DRIVER,
    /** A multimethod dispatching on the driver and its second argument, e.g. {@code [driver unit]}. */
    MULTI_ON_DRIVER_AND_ARGUMENT,
    /** A multimethod dispatching on the driver and the JDBC type of a result column. */
    MULTI_ON_DRIVER_AND_COLUMN_TYPE,
    /** A function; its stand-in body behaves as Metabase's does with start-of-week Monday (offset 0). */
    FUNCTION
  }

  /**
   * One var.
   *
   * @param namespace its namespace
   * @param name its name
   * @param kind how it dispatches
   * @param arities the numbers of arguments it takes (a multimethod: exactly one)
   * @param standIn a function's stand-in body, a Clojure {@code fn} form
   */
  record Var(String namespace, String name, Kind kind, List<Integer> arities, String standIn) {
    static Var multi(String namespace, String name, Kind kind, int arity) {
      return new Var(namespace, name, kind, List.of(arity), null);
    }
  }

  static final String DRIVER = "metabase.driver";
  static final String QP = "metabase.driver.sql.query-processor";

  /** The vars, with their arities as Metabase declares them. */
  static final List<Var> VARS = List.of(
      new Var(DRIVER, "register!", Kind.FUNCTION, List.of(-1), "(fn [driver & _] driver)"),
      Var.multi(DRIVER, "database-supports?", Kind.MULTI_ON_DRIVER_AND_ARGUMENT, 3),
      Var.multi(DRIVER, "db-default-timezone", Kind.MULTI_ON_DRIVER, 2),
      Var.multi(DRIVER, "db-start-of-week", Kind.MULTI_ON_DRIVER, 1),
      Var.multi("metabase.driver.sql-jdbc.connection", "connection-details->spec", Kind.MULTI_ON_DRIVER, 2),
      Var.multi("metabase.driver.sql-jdbc.sync", "database-type->base-type", Kind.MULTI_ON_DRIVER, 2),
      Var.multi("metabase.driver.sql-jdbc.execute", "read-column-thunk", Kind.MULTI_ON_DRIVER_AND_COLUMN_TYPE, 4),
      Var.multi(QP, "current-datetime-honeysql-form", Kind.MULTI_ON_DRIVER, 1),
      Var.multi(QP, "date", Kind.MULTI_ON_DRIVER_AND_ARGUMENT, 3),
      Var.multi(QP, "unix-timestamp->honeysql", Kind.MULTI_ON_DRIVER_AND_ARGUMENT, 3),
      Var.multi(QP, "add-interval-honeysql-form", Kind.MULTI_ON_DRIVER, 4),
      Var.multi(QP, "->honeysql", Kind.MULTI_ON_DRIVER_AND_ARGUMENT, 2),
      new Var(QP, "adjust-start-of-week", Kind.FUNCTION, List.of(3),
          "(fn [_driver truncate-fn expr] (truncate-fn expr))"),
      new Var(QP, "adjust-day-of-week", Kind.FUNCTION, List.of(2, 3, 4), "(fn [_driver expr & _] expr)"),
      new Var("metabase.util.honey-sql-2", "extract", Kind.FUNCTION, List.of(2),
          "(fn [unit expr] [:h2x/extract unit expr])"));

  /** Every unit {@code sql.qp/date} is called with: bucketing units, temporal-extract units and {@code :default}. */
  static final Set<String> TEMPORAL_UNITS = Set.of("default", "millisecond", "second", "minute", "hour", "day",
      "week", "month", "quarter", "year", "second-of-minute", "minute-of-hour", "hour-of-day", "day-of-week",
      "day-of-week-iso", "day-of-month", "day-of-year", "week-of-year", "week-of-year-iso", "week-of-year-us",
      "week-of-year-instance", "month-of-year", "quarter-of-year", "year-of-era");

  /** The units of {@code unix-timestamp->honeysql} (the coercions UNIX seconds to nanoseconds). */
  static final Set<String> UNIX_TIMESTAMP_UNITS = Set.of("seconds", "milliseconds", "microseconds", "nanoseconds");

  /** The units of {@code add-interval-honeysql-form}. */
  static final Set<String> INTERVAL_UNITS = Set.of("millisecond", "second", "minute", "hour", "day", "week", "month",
      "quarter", "year");

  /**
   * The simple feature keywords of {@code metabase.driver/features} (newest read); database-supports? refuses any
   * other simple keyword. Metabase 0.51 removed {@code :foreign-keys}.
   */
  static final Set<String> FEATURES = Set.of("metadata/key-constraints", "nested-fields", "nested-field-columns",
      "set-timezone", "basic-aggregations", "standard-deviation-aggregations", "expressions", "native-parameters",
      "expression-aggregations", "expression-literals", "nested-queries", "native-parameter-card-reference",
      "persist-models", "persist-models-enabled", "binning", "case-sensitivity-string-filter-options", "left-join",
      "right-join", "inner-join", "full-join", "regex", "advanced-math-expressions", "percentile-aggregations",
      "temporal-extract", "date-arithmetics", "now", "convert-timezone", "datetime-diff", "actions",
      "table-privileges", "uploads", "schemas", "multi-level-schema", "actions/custom", "test/jvm-timezone-setting",
      "connection-impersonation", "connection-impersonation-requires-role", "native-requires-specified-collection",
      "index-info", "describe-fks", "describe-fields", "describe-indexes", "describe-routines", "upload-with-auto-pk",
      "fingerprint", "connection/multiple-databases", "identifiers-with-spaces", "uuid-type", "split-part",
      "temporal/requires-default-unit", "window-functions/cumulative", "window-functions/offset",
      "parameterized-sql", "distinct-where", "saved-question-sandboxing", "expressions/integer", "expressions/text",
      "expressions/date", "expressions/datetime", "expressions/float", "expressions/today", "native-temporal-units",
      "test/dynamic-dataset-loading", "test/creates-db-on-connect", "test/cannot-destroy-db",
      "test/uuids-in-create-table-statements", "database-routing", "database-replication");

  /** The features the {@code :sql} parent (with {@code metabase.driver}'s own defaults) answers true. */
  static final Set<String> INHERITED_TRUE = Set.of("advanced-math-expressions", "binning", "expression-aggregations",
      "expressions", "full-join", "inner-join", "left-join", "native-parameters", "nested-queries",
      "parameterized-sql", "percentile-aggregations", "regex", "right-join", "standard-deviation-aggregations",
      "metadata/key-constraints", "window-functions/cumulative", "window-functions/offset", "distinct-where",
      "native-temporal-units", "expressions/datetime", "expressions/date", "expressions/text", "expressions/today",
      "database-routing", "basic-aggregations", "case-sensitivity-string-filter-options", "date-arithmetics",
      "temporal-extract", "schemas", "fingerprint", "upload-with-auto-pk", "saved-question-sandboxing");

  /** A feature that, when on, needs a method the {@code :sql} parent does not give. */
  static final Map<String, String> FEATURE_NEEDS = Map.of("regex", "->honeysql :regex-match-first");

  private MetabaseInterface() {
  }
}
