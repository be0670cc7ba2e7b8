package dev.funnelsql.calcite.testing;

/** The real event stores the adapter's tests run against. */
public enum StoreKind {
  /** H2 in memory. */
  H2,
  /** DuckDB in-process, in a temporary database file. */
  DUCKDB,
  /** The embedded PostgreSQL server shared by the test run, one schema per store. */
  POSTGRES,
  /** The Trino server shared by the test run ({@link TrinoServer}), one schema of its memory catalog per store. */
  TRINO,
  /** The Spark (local mode, Thrift server) shared by the test run ({@link SparkServer}), one database per store. */
  SPARK,
  /** The embedded ClickHouse (chDB) shared by the test run ({@link ClickHouseServer}), one database per store. */
  CLICKHOUSE
}
