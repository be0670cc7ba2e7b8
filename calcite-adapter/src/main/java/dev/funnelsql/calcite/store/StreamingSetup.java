package dev.funnelsql.calcite.store;

import java.util.Map;

/**
 * How the connections and statements of the queries FunnelSQL sends a store are set up so that its driver streams the
 * rows rather than holding the whole result in memory.
 *
 * @param autocommitOff whether the query runs with autocommit off (and is rolled back after)
 * @param fetchSize the statement's fetch size, or 0 to leave the driver's default
 * @param driverProperties properties passed to the driver when connecting that make it stream; left out where the
 *     driver refuses them, as it refuses the read-only setup (the connections then come as the driver gives them)
 */
public record StreamingSetup(boolean autocommitOff, int fetchSize, Map<String, String> driverProperties) {
  /** Autocommit off and 10,000 rows per fetch: PostgreSQL's driver streams only then, others accept it. */
  public static final StreamingSetup TRANSACTION_WITH_FETCH_SIZE = new StreamingSetup(true, 10_000);

  /** Makes the properties an immutable copy. */
  public StreamingSetup {
    driverProperties = Map.copyOf(driverProperties);
  }

  /** A setup with no driver properties. */
  public StreamingSetup(boolean autocommitOff, int fetchSize) {
    this(autocommitOff, fetchSize, Map.of());
  }
}
