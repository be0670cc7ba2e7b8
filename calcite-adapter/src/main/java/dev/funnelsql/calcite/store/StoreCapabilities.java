package dev.funnelsql.calcite.store;

import org.apache.calcite.sql.SqlDialect;

/**
 * What an event store computes itself, so that Calcite may push it down, as the store's SQL dialect tells Calcite.
 * Today that is window functions (H2 2.x has them though Calcite 1.41 says not); a new capability is a new component
 * here, read from the dialect, and an override in the dialects of the stores that differ from Calcite's view.
 *
 * @param windowFunctions whether the store evaluates {@code … OVER (…)}
 */
public record StoreCapabilities(boolean windowFunctions) {
  /** The capabilities a Calcite dialect reports. */
  public static StoreCapabilities of(SqlDialect dialect) {
    return new StoreCapabilities(dialect.supportsWindowFunctions());
  }
}
