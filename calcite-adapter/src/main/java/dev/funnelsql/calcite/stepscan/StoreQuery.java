package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.store.BinaryCopy;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The queries a step scan sends the event store — its rows in any order, and ordered by key and time — with the
 * FunnelSQL statement's parameters they take.
 *
 * @param sql the query of the rows in any order
 * @param orderedSql the same rows ordered by key and time
 * @param parameters the FunnelSQL statement's parameters, one per {@code ?} of {@code sql}
 * @param orderedParameters the FunnelSQL statement's parameters, one per {@code ?} of {@code orderedSql}
 * @param numbering where the store numbers the values ({@link RowLayout#numbered()}), the query of the numbers and
 *     values that {@code sql} joins, run first in the same transaction; else null
 * @param copy where the store can copy the rows out in bulk, how, with {@code sql}'s tree to write the values into;
 *     else null
 */
record StoreQuery(String sql, String orderedSql, StoreParameters parameters, StoreParameters orderedParameters,
    @Nullable Numbering numbering, @Nullable Copy copy) {
  /** Queries that take the same parameters, the values not numbered by the store, the rows not copied in bulk. */
  StoreQuery(String sql, String orderedSql, StoreParameters parameters) {
    this(sql, orderedSql, parameters, parameters, null, null);
  }

  /**
   * The query of the distinct values the store numbers: rows (number, value).
   *
   * @param sql the query
   * @param parameters the FunnelSQL statement's parameters, one per {@code ?} of {@code sql}
   */
  record Numbering(String sql, StoreParameters parameters) {
  }

  /**
   * A bulk copy of the rows in any order.
   *
   * @param copy the store's copy
   * @param sql the query of {@link StoreQuery#sql()} as a tree, printed with the values for the copy
   */
  record Copy(BinaryCopy copy, SqlWithValues sql) {
  }
}
