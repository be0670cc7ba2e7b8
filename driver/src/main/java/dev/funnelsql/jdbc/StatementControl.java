package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.source.EventStore;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Cancellation and timeout of one FunnelSQL statement and of the query it runs, from {@code execute…} until its
 * result set is read to the end or closed. {@code cancel()} and an expired {@code setQueryTimeout} stop the query
 * in FunnelSQL (Calcite's cancel flag) and at the source (the statements the query's thread runs there), and the
 * query then fails with SQLState 57014 ({@link SQLTimeoutException} for a timeout). The statement can run again.
 */
final class StatementControl {
  private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(runnable -> {
    final Thread thread = new Thread(runnable, "funnelsql-query-timeout");
    thread.setDaemon(true);
    return thread;
  });

  /** How a query ended early, if it did. */
  private enum Stop { NONE, CANCELLED, TIMED_OUT }

  private final Statement statement;
  private final EventStore store;
  private volatile int timeoutSeconds;
  private volatile boolean open;
  private volatile Stop stop = Stop.NONE;
  private volatile @Nullable Thread running;
  private volatile @Nullable ScheduledFuture<?> timer;

  StatementControl(Statement statement, EventStore store) {
    this.statement = statement;
    this.store = store;
  }

  /** Whether the statement answers this call itself (timeouts and cancel). */
  static boolean answers(Method method) {
    // The class first: result set calls, by far the most frequent, are told apart without looking at the name.
    if (method.getDeclaringClass() != Statement.class) {
      return false;
    }
    final String name = method.getName();
    return name.equals("setQueryTimeout") || name.equals("getQueryTimeout") || name.equals("cancel");
  }

  @Nullable Object answer(Method method, @Nullable Object[] args) throws SQLException {
    if (statement.isClosed()) {
      throw new SQLException("the statement is closed", "HY010");
    }
    switch (method.getName()) {
      case "setQueryTimeout":
        final int seconds = (Integer) args[0];
        if (seconds < 0) {
          throw new SQLException("setQueryTimeout: the timeout must not be negative, got " + seconds, "22023");
        }
        timeoutSeconds = seconds;
        return null;
      case "getQueryTimeout":
        return timeoutSeconds;
      default:
        cancel(Stop.CANCELLED);
        return null;
    }
  }

  /** Called before every call on the statement or its result set, in the calling thread. */
  void enter(Method method) {
    if (method.getDeclaringClass() != ResultSet.class && method.getName().startsWith("execute")) {
      begin();
    }
    running = Thread.currentThread();
  }

  /** Called after every call; {@code result} is null when the call failed. */
  void exit(Method method, @Nullable Object result, boolean failed) {
    running = null;
    final String name = method.getName();
    final boolean resultOpen = result instanceof ResultSet || Boolean.TRUE.equals(result);
    if (failed || name.equals("close") || (name.equals("next") && Boolean.FALSE.equals(result))
        || (name.startsWith("execute") && !resultOpen)) {
      end();
    }
  }

  private void begin() {
    end();
    stop = Stop.NONE;
    resetCancelFlag();
    open = true;
    final int seconds = timeoutSeconds;
    if (seconds > 0) {
      timer = TIMERS.schedule(() -> cancel(Stop.TIMED_OUT), seconds, TimeUnit.SECONDS);
    }
  }

  private void end() {
    open = false;
    final ScheduledFuture<?> pending = timer;
    if (pending != null) {
      pending.cancel(false);
      timer = null;
    }
  }

  private void cancel(Stop reason) {
    if (!open) {
      return;
    }
    stop = reason;
    try {
      statement.cancel();
    } catch (SQLException ignored) {
      // Closed meanwhile: the query is over.
    }
    final Thread thread = running;
    if (thread != null) {
      store.cancelRunning(thread);
    }
  }

  /** Avatica never clears a statement's cancel flag; a new execution must not inherit the last one's. */
  private void resetCancelFlag() {
    try {
      final AvaticaStatement avatica = statement.unwrap(AvaticaStatement.class);
      statement.getConnection().unwrap(AvaticaConnection.class).getCancelFlag(avatica.handle).set(false);
    } catch (SQLException | RuntimeException | NoSuchStatementException e) {
      // Not a Calcite statement or already closed: the execution itself will say so.
    }
  }

  /** The error a query that was stopped early reports instead of whatever its interruption raised. */
  SQLException translate(SQLException e) {
    switch (stop) {
      case TIMED_OUT:
        return new SQLTimeoutException("the query was cancelled: it ran longer than its timeout of " + timeoutSeconds
            + " s (Statement.setQueryTimeout)", "57014");
      case CANCELLED:
        return new SQLException("the query was cancelled (Statement.cancel)", "57014");
      default:
        return e;
    }
  }
}
