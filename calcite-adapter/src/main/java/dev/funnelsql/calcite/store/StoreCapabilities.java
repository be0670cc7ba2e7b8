package dev.funnelsql.calcite.store;

import org.apache.calcite.sql.SqlDialect;

/**
 * What an event store computes itself, so that Calcite may push it down, as the store's SQL dialect tells Calcite.
 * Today that is window functions (H2 2.x has them though Calcite 1.41 says not), whether a window over a grouping
 * may name a grouped expression, and whether a path table is best computed whole in the store's windows; a new
 * capability is a new component here, read from the dialect, and an override in
 * the dialects of the stores that differ from Calcite's view.
 *
 * @param windowFunctions whether the store evaluates {@code … OVER (…)}
 * @param groupKeysInWindows whether a window over a grouping may order by, or be compared with, a grouped expression
 *     such as {@code DATE_TRUNC('week', ts)} in {@code GROUP BY user_id, DATE_TRUNC('week', ts)}, which is how
 *     Calcite writes a window over a grouping: PostgreSQL and DuckDB take it; H2 2.3 ("must be in the GROUP BY
 *     list") and Spark 3.5 ({@code MISSING_AGGREGATION}) refuse it, and a store not known to take it is not asked
 * @param pathWindows whether a path table ({@code paths.<p>}) runs as one query of the store's windows, which send
 *     only the edges back, rather than streaming every event to FunnelSQL: true where the store's windows compute it
 *     faster than its driver sends the events, and it orders and compares text by code point, as paths do
 */
public record StoreCapabilities(boolean windowFunctions, boolean groupKeysInWindows, boolean pathWindows) {
  /** What a store that FunnelSQL cannot see the dialect of is asked to compute: nothing beyond plain SQL. */
  public static final StoreCapabilities NONE = new StoreCapabilities(false, false, false);

  /** The capabilities a Calcite dialect reports. */
  public static StoreCapabilities of(SqlDialect dialect) {
    final boolean windows = dialect.supportsWindowFunctions();
    return new StoreCapabilities(windows, windows && dialect instanceof GroupKeysInWindows,
        windows && dialect instanceof PathWindows);
  }

  /** A store's Calcite dialect whose store takes a grouped expression in a window over the grouping. */
  public interface GroupKeysInWindows {
  }

  /** A store's Calcite dialect whose store computes a path table best in its own windows. */
  public interface PathWindows {
  }
}
