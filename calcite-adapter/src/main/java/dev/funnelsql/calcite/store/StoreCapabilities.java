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
 *     Calcite writes a window over a grouping: PostgreSQL and DuckDB take it; H2 2.3 ("must be in the GROUP BY
 *     list") and Spark 3.5 ({@code MISSING_AGGREGATION}) refuse it, and a store not known to take it is not asked
 */
public record StoreCapabilities(boolean windowFunctions, boolean groupKeysInWindows) {
  /** The capabilities a Calcite dialect reports. */
  public static StoreCapabilities of(SqlDialect dialect) {
    return new StoreCapabilities(dialect.supportsWindowFunctions(),
        dialect.supportsWindowFunctions() && dialect instanceof GroupKeysInWindows);
  }

  /** A store's Calcite dialect whose store takes a grouped expression in a window over the grouping. */
  public interface GroupKeysInWindows {
  }
}
