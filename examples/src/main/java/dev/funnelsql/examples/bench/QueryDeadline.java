package dev.funnelsql.examples.bench;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The time bound of one statement of the tables mode ({@code --table-timeout}): {@code Statement.setQueryTimeout},
 * and, for drivers that accept it but do nothing (DuckDB's), a watchdog that calls {@code cancel()} a few seconds
 * after the bound. Close it when the statement is done; {@link #timedOut} turns the error of a cancelled statement
 * into a {@link SQLTimeoutException} that says so.
 */
final class QueryDeadline implements AutoCloseable {
  private static final int GRACE_SECONDS = 5;
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
    final Thread thread = new Thread(task, "bench-query-deadline");
    thread.setDaemon(true);
    return thread;
  });

  private final int seconds;
  private final ScheduledFuture<?> cancel;
  private volatile boolean fired;

  private QueryDeadline(Statement statement, int seconds) throws SQLException {
    this.seconds = seconds;
    if (seconds <= 0) {
      this.cancel = null;
      return;
    }
    statement.setQueryTimeout(seconds);
    this.cancel = WATCHDOG.schedule(() -> {
      fired = true;
      try {
        statement.cancel();
      } catch (SQLException e) {
        // The statement ended meanwhile: nothing to cancel.
      }
    }, seconds + GRACE_SECONDS, TimeUnit.SECONDS);
  }

  /** Bounds {@code statement} to {@code seconds} (0: no bound). */
  static QueryDeadline of(Statement statement, int seconds) throws SQLException {
    return new QueryDeadline(statement, seconds);
  }

  /**
   * The error to throw for {@code e}, raised by the statement: a {@link SQLTimeoutException} naming the bound if
   * the driver's timeout or the watchdog stopped it, else {@code e} itself.
   */
  SQLException timedOut(SQLException e) {
    if (e instanceof SQLTimeoutException || fired || "57014".equals(e.getSQLState())) {
      return new SQLTimeoutException("timed out after " + seconds + " s (--table-timeout)", "57014", e);
    }
    return e;
  }

  @Override
  public void close() {
    if (cancel != null) {
      cancel.cancel(false);
    }
  }
}
