package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.source.EventStore;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What one FunnelSQL connection owns and promises: its event store (closed with it), its secrets (masked in every
 * error), and the answers it gives itself — it is always read-only ({@code setReadOnly(false)} changes nothing) and
 * it is valid only while its event store answers.
 */
final class ConnectionScope {
  /** Returned by {@link #answer} for a method the connection does not answer itself. */
  static final Object NOT_ANSWERED = new Object();

  private final EventStore store;
  private final Secrets secrets;
  private final Runnable onClose;
  private final Map<Statement, Boolean> statements = Collections.synchronizedMap(new WeakHashMap<>());
  private @Nullable Connection proxy;

  /**
   * Creates the scope of a connection.
   *
   * @param onClose run once the connection and its store are closed (releases what FunnelSQL keeps for it)
   */
  ConnectionScope(EventStore store, Secrets secrets, Runnable onClose) {
    this.store = store;
    this.secrets = secrets;
    this.onClose = onClose;
  }

  void attach(Connection connectionProxy) {
    this.proxy = connectionProxy;
  }

  /** The connection as handed to the application (what {@code Statement.getConnection()} returns). */
  Connection connection() {
    if (proxy == null) {
      throw new IllegalStateException("the connection is not attached yet");
    }
    return proxy;
  }

  EventStore store() {
    return store;
  }

  Secrets secrets() {
    return secrets;
  }

  /** The answer to a call on the connection that FunnelSQL gives itself, or {@link #NOT_ANSWERED}. */
  @Nullable Object answer(Connection target, Method method, @Nullable Object[] args) throws SQLException {
    switch (method.getName()) {
      case "isReadOnly":
        checkOpen(target);
        return Boolean.TRUE;
      case "setReadOnly":
        // A hint in JDBC; a BI tool may ask for read-write, but FunnelSQL stays read-only.
        checkOpen(target);
        return null;
      case "isValid":
        final int timeout = (Integer) args[0];
        if (timeout < 0) {
          throw new SQLException("isValid: the timeout must not be negative, got " + timeout, "22023");
        }
        return !target.isClosed() && store.isValid(timeout);
      default:
        return NOT_ANSWERED;
    }
  }

  private static void checkOpen(Connection target) throws SQLException {
    if (target.isClosed()) {
      throw new SQLException("the connection is closed", "08003");
    }
  }

  /** Remembers a statement of this connection (weakly), to close it with the connection. */
  void register(Statement statement) {
    statements.put(statement, Boolean.TRUE);
  }

  /** Closes the statements still open (and so their result sets), then the event store: its pool and any source
   * connection a query left open. */
  void close() throws SQLException {
    final List<Statement> open;
    synchronized (statements) {
      open = new ArrayList<>(statements.keySet());
    }
    for (Statement statement : open) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // Closing anyway: the store below is released whatever the statement says.
      }
    }
    try {
      store.close();
    } finally {
      onClose.run();
    }
  }
}
