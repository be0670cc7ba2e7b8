package dev.funnelsql.calcite.stepscan;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Stops a store query when its FunnelSQL statement is cancelled ({@code Statement.cancel()}) or runs past its query
 * timeout: a daemon thread checks every watched query a few times a second and cancels the store's statement, which
 * also interrupts a store that is still computing before its first row.
 */
final class CancelWatch implements AutoCloseable {
  private static final long POLL_MILLIS = 50;
  private static final Set<CancelWatch> WATCHED = ConcurrentHashMap.newKeySet();
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
    final Thread thread = new Thread(runnable, "funnelsql-cancel-watch");
    thread.setDaemon(true);
    return thread;
  });

  static {
    TIMER.scheduleWithFixedDelay(CancelWatch::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private final @Nullable AtomicBoolean cancelFlag;
  private final long deadline;
  private final long timeoutMillis;
  private volatile Canceller canceller;
  private volatile boolean fired;

  /** What stops the store's work: the statement's cancel, or that of a bulk copy the query became. */
  @FunctionalInterface
  interface Canceller {
    /** Asks the store to stop; called on the watch's thread. */
    void cancel() throws SQLException;
  }

  private CancelWatch(@Nullable AtomicBoolean cancelFlag, long deadline, long timeoutMillis, Canceller canceller) {
    this.cancelFlag = cancelFlag;
    this.deadline = deadline;
    this.timeoutMillis = timeoutMillis;
    this.canceller = canceller;
  }

  /**
   * Watches a store statement.
   *
   * @param cancelFlag the FunnelSQL statement's cancel flag, or null
   * @param deadline when the query must end, in {@link System#currentTimeMillis()} time, or 0 for never
   * @param timeoutMillis the query timeout the deadline came from, for the message
   */
  static CancelWatch watch(@Nullable AtomicBoolean cancelFlag, long deadline, long timeoutMillis,
      Statement statement) {
    final CancelWatch watch = new CancelWatch(cancelFlag, deadline, timeoutMillis, statement::cancel);
    WATCHED.add(watch);
    return watch;
  }

  /**
   * Stops the store's work through {@code other} from now on (a bulk copy that runs on the statement's connection
   * instead of the statement), and at once if the query was already due to stop.
   */
  void cancelWith(Canceller other) {
    canceller = other;
    if (fired) {
      cancelQuietly(other);
    }
  }

  private static void poll() {
    for (CancelWatch watch : WATCHED) {
      if (!watch.fired && watch.due()) {
        watch.fired = true;
        cancelQuietly(watch.canceller);
      }
    }
  }

  private static void cancelQuietly(Canceller canceller) {
    try {
      canceller.cancel();
    } catch (SQLException | RuntimeException e) {
      // The reading thread still sees the flag or the deadline and stops at its next check.
    }
  }

  private boolean due() {
    return cancelFlag != null && cancelFlag.get() || deadline > 0 && System.currentTimeMillis() > deadline;
  }

  /** Throws the reason the query must stop, if it must; called by the reading thread between rows. */
  void check() {
    check(cancelFlag);
    checkDeadline();
  }

  /** Throws if the statement whose cancel flag this is was cancelled (Calcite also sets it on a timeout). */
  static void check(@Nullable AtomicBoolean cancelFlag) {
    if (cancelFlag != null && cancelFlag.get()) {
      throw stopped(new SQLException("the query was cancelled", "57014"));
    }
  }

  private void checkDeadline() {
    if (deadline > 0 && System.currentTimeMillis() > deadline) {
      throw stopped(new SQLException("the query ran past its timeout of " + timeoutMillis / 1000 + " s", "57014"));
    }
  }

  /** The error for a store failure: the cancellation or timeout if that caused it, else the store's own error. */
  RuntimeException failure(SQLException e, String what) {
    if (fired || due()) {
      check();
    }
    return new IllegalStateException(what + ": " + e.getMessage(), e);
  }

  private static IllegalStateException stopped(SQLException reason) {
    return new IllegalStateException(reason.getMessage(), reason);
  }

  @Override public void close() {
    WATCHED.remove(this);
  }
}
