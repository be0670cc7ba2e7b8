package dev.funnelsql.calcite.store;

import org.apache.calcite.sql.SqlDialect;

/**
 * What an event store computes itself, so that Calcite may push it down, as the store's SQL dialect tells Calcite.
 * Today that is window functions (H2 2.x has them though Calcite 1.41 says not) and whether a window over a grouping
 * may name a grouped expression; a new capability is a new component here, read from the dialect, and an override in
 * the dialects of the stores that differ from Calcite's view.
 *
 * @param windowFunctions whether the store evaluates {@code … OVER (…)}
 * @param groupKeysInWindows whether a window over a grouping may order by, or be compared with, a grouped expression
 *     such as {@code DATE_TRUNC('week', ts)} in {@code GROUP BY user_id, DATE_TRUNC('week', ts)}, which is how
 *     Calcite writes a window over a grouping (H2 2.3 refuses it: "must be in the GROUP BY list")
 */
public record StoreCapabilities(boolean windowFunctions, boolean groupKeysInWindows) {
  /** What a store with the standard's window functions computes: everything here. */
  public static final StoreCapabilities STANDARD = new StoreCapabilities(true, true);

  /** The capabilities a Calcite dialect reports. */
  public static StoreCapabilities of(SqlDialect dialect) {
    return new StoreCapabilities(dialect.supportsWindowFunctions(),
        dialect.supportsWindowFunctions() && !(dialect instanceof GroupKeysOutsideWindows));
  }

  /** A store's Calcite dialect whose store refuses a grouped expression in a window over the grouping. */
  public interface GroupKeysOutsideWindows {
  }
}
