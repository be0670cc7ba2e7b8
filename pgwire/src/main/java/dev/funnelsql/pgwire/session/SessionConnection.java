package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.catalog.PgCatalog;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A session's {@code jdbc:funnelsql:} connection and the running of statements on it: FunnelSQL calls run on a
 * {@link StatementRunner} so that a CancelRequest, which arrives on another thread, frees the client at once; the
 * catalog the server shows is read from the connection's metadata on first use.
 */
final class SessionConnection implements AutoCloseable {
  private final StatementRunner runner;
  private @Nullable Connection connection;
  private @Nullable PgCatalog catalog;
  static final String USER_REQUEST = "canceling statement due to user request";
  static final String STATEMENT_TIMEOUT = "canceling statement due to statement timeout";

  private volatile boolean inRequest;
  private volatile boolean cancelRequested;
  private volatile long deadline = Long.MAX_VALUE;
  private volatile @Nullable Statement running;

  /** A connection not yet opened; {@code name} names its worker threads. */
  SessionConnection(String name) {
    this.runner = new StatementRunner(name);
  }

  /** Opens the FunnelSQL connection. */
  void open(ServerContext server) throws SQLException {
    connection = server.connect();
  }

  Connection connection() throws SQLException {
    if (connection == null) {
      throw new SQLException("the session has no connection", "08003");
    }
    return connection;
  }

  /** FunnelSQL's catalog, read on first use. */
  PgCatalog catalog() throws SQLException {
    if (catalog == null) {
      catalog = PgCatalog.read(connection().getMetaData());
    }
    return catalog;
  }

  /** The catalog if it was read already, else null (translating a query never reads it). */
  @Nullable PgCatalog catalogIfRead() {
    return catalog;
  }

  /**
   * A client request starts (its first message since the last ReadyForQuery): an old cancel no longer counts, and
   * the statement timeout (milliseconds, 0 for none) counts from now.
   */
  void beginRequest(long timeoutMillis) {
    if (!inRequest) {
      cancelRequested = false;
      deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : Long.MAX_VALUE;
      inRequest = true;
    }
  }

  /** Whether a client request is being carried out (between its first message and ReadyForQuery). */
  boolean inRequest() {
    return inRequest;
  }

  /** Why the current request must stop (the client's cancel, the statement timeout), or null. */
  @Nullable String stopReason() {
    if (cancelRequested) {
      return USER_REQUEST;
    }
    if (deadline != Long.MAX_VALUE && inRequest && System.nanoTime() - deadline > 0) {
      cancelRunning();
      return STATEMENT_TIMEOUT;
    }
    return null;
  }

  /** The request ended with ReadyForQuery: a cancel now does nothing, as in PostgreSQL. */
  void endRequest() {
    inRequest = false;
  }

  /** Throws 57014 if the client cancelled the current request or its time is up (checked between rows). */
  void checkNotCancelled() throws SQLException {
    final @Nullable String reason = stopReason();
    if (reason != null) {
      throw new SQLException(reason, "57014");
    }
  }

  /**
   * Why a failure stopped the statement, if it was stopped (the cancel flag, the timeout, or SQLSTATE 57014 from
   * FunnelSQL), else null; clears the cancel flag.
   */
  @Nullable String takeStopReason(Throwable failure) {
    @Nullable String reason = stopReason();
    if (reason == null && failure instanceof SQLException && "57014".equals(((SQLException) failure).getSQLState())) {
      reason = STATEMENT_TIMEOUT.equals(failure.getMessage()) ? STATEMENT_TIMEOUT : USER_REQUEST;
    }
    cancelRequested = false;
    return reason;
  }

  /** Runs a FunnelSQL call so that a CancelRequest or the timeout ends the wait (see {@link StatementRunner}). */
  <T> T runCancellable(StatementRunner.Call<T> call) throws SQLException {
    return runner.call(call, this::stopReason);
  }

  /** The JDBC statement now executing, which a cancel also cancels (null when none). */
  void running(@Nullable Statement statement) {
    running = statement;
  }

  /**
   * Cancels what the session is doing for the client's current request, if anything (from a CancelRequest, on
   * another thread); a cancel between requests does nothing.
   */
  void cancel() {
    if (!inRequest) {
      return;
    }
    cancelRequested = true;
    cancelRunning();
  }

  /** Asks FunnelSQL to stop the statement now executing, once. */
  private void cancelRunning() {
    final @Nullable Statement statement = running;
    running = null;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // The stop reason ends the row loop at the next row whether or not the driver could interrupt the statement.
      }
    }
  }

  /** Stops the statement worker and closes the FunnelSQL connection. */
  @Override public void close() {
    runner.close();
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Closing at the end of a session; the store's connection is released either way.
      }
      connection = null;
    }
  }
}
