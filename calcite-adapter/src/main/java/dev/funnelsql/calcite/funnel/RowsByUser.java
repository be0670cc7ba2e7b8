package dev.funnelsql.calcite.funnel;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rows the store sends ordered by user (their first column), read one after another with where each user's rows
 * begin, stopping when the statement is cancelled: how a funnel's drivers and column breakdowns read the events again.
 */
final class RowsByUser implements AutoCloseable {
  private static final int CANCEL_CHECK = 4095;

  private final Enumerator<@Nullable Object[]> rows;
  private final @Nullable AtomicBoolean cancelFlag;
  private final String reading;
  private @Nullable Object[] row;
  private boolean newUser;
  private long read;

  /**
   * Starts reading.
   *
   * @param cancelFlag the statement's cancel flag, or null
   * @param reading what the rows are read for, for the message of a cancellation ("its drivers were counted")
   */
  RowsByUser(Enumerable<@Nullable Object[]> rows, @Nullable AtomicBoolean cancelFlag, String reading) {
    this.rows = rows.enumerator();
    this.cancelFlag = cancelFlag;
    this.reading = reading;
  }

  /** Moves to the next row; false after the last. */
  boolean next() {
    if ((++read & CANCEL_CHECK) == 0 && cancelFlag != null && cancelFlag.get()) {
      throw new CancellationException("the query was cancelled while " + reading);
    }
    if (!rows.moveNext()) {
      return false;
    }
    final @Nullable Object[] current = rows.current();
    newUser = read == 1 || !Objects.equals(current[0], row[0]);
    row = current;
    return true;
  }

  /** The current row. */
  @Nullable Object[] row() {
    return row;
  }

  /** Whether the current row is its user's first (the first row's is). */
  boolean newUser() {
    return newUser;
  }

  @Override public void close() {
    rows.close();
  }
}
