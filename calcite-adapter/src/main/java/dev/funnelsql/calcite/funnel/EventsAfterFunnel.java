package dev.funnelsql.calcite.funnel;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A funnel table that reads the events again after the funnel ({@code _drivers}, {@code _paths}): it keeps each
 * entered user's chain and then counts the events the store sends ordered by user.
 */
interface EventsAfterFunnel {
  /**
   * Counts the table's rows.
   *
   * @param users the funnel's rows: the user and the list of step times (NULL past the last step kept)
   * @param events the events ordered by user, as the table's query gives them
   * @param cancelFlag the statement's cancel flag, or null
   */
  List<@Nullable Object[]> rows(Enumerable<@Nullable Object[]> users, Enumerable<@Nullable Object[]> events,
      @Nullable AtomicBoolean cancelFlag);
}
