package dev.funnelsql.calcite.store;

/**
 * How the connections and statements of the queries FunnelSQL sends a store are set up so that its driver streams the
 * rows rather than holding the whole result in memory.
 *
 * @param autocommitOff whether the query runs with autocommit off (and is rolled back after)
 * @param fetchSize the statement's fetch size, or 0 to leave the driver's default
 */
public record StreamingSetup(boolean autocommitOff, int fetchSize) {
  /** Autocommit off and 10,000 rows per fetch: PostgreSQL's driver streams only then, others accept it. */
  public static final StreamingSetup TRANSACTION_WITH_FETCH_SIZE = new StreamingSetup(true, 10_000);
}
