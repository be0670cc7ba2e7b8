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
  private volatile boolean inRequest;
  private volatile boolean cancelRequested;
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

  /** A client request starts (its first message since the last ReadyForQuery): an old cancel no longer counts. */
  void beginRequest() {
    if (!inRequest) {
      cancelRequested = false;
      inRequest = true;
    }
  }

  /** The request ended with ReadyForQuery: a cancel now does nothing, as in PostgreSQL. */
  void endRequest() {
    inRequest = false;
  }

  /** Throws 57014 if the client cancelled the current request (checked between rows). */
  void checkNotCancelled() throws SQLException {
    if (cancelRequested) {
      throw new SQLException("canceling statement due to user request", "57014");
    }
  }

  /** Whether a failure is the client's cancel (the flag, or SQLSTATE 57014); clears the flag. */
  boolean takeCancelled(Throwable failure) {
    final boolean cancelled = cancelRequested || failure instanceof SQLException && "57014".equals(
        ((SQLException) failure).getSQLState());
    cancelRequested = false;
    return cancelled;
  }

  /** Runs a FunnelSQL call so that a CancelRequest ends the wait (see {@link StatementRunner}). */
  <T> T runCancellable(StatementRunner.Call<T> call) throws SQLException {
    return runner.call(call, () -> cancelRequested);
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
    final @Nullable Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // The flag stops the row loop at the next row whether or not the driver could interrupt the statement.
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
