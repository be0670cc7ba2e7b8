package dev.funnelsql.calcite.source;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The data source Calcite reads an event store through: it hands out the pool's connections and remembers, weakly,
 * each connection and each statement with the thread that created it, so that cancelling a FunnelSQL statement
 * also cancels what it runs at the source, and closing the FunnelSQL connection closes any source connection a
 * query left open.
 */
final class SourceConnections implements DataSource {
  /** The thread a thread works for ({@link #onBehalfOf}), when not for itself. */
  private static final ThreadLocal<Thread> OWNER = new ThreadLocal<>();

  private final DataSource pool;
  private final String identity;
  private final Map<Connection, Boolean> connections = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<Statement, Thread> statements = Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * @param pool the store's pool
   * @param identity who the pool connects as ({@link StoreMetadata#identity}), whose catalog answers are shared
   */
  SourceConnections(DataSource pool, String identity) {
    this.pool = pool;
    this.identity = identity;
  }

  @Override public Connection getConnection() throws SQLException {
    return track(pool.getConnection());
  }

  @Override public Connection getConnection(String username, String password) throws SQLException {
    return track(pool.getConnection(username, password));
  }

  private Connection track(Connection connection) {
    connections.put(connection, Boolean.TRUE);
    return (Connection) Proxy.newProxyInstance(SourceConnections.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          final Object result;
          try {
            result = method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof Statement) {
            final @Nullable Thread owner = OWNER.get();
            statements.put((Statement) result, owner != null ? owner : Thread.currentThread());
          }
          if (result instanceof DatabaseMetaData) {
            return StoreMetadata.JVM.of(identity, (DatabaseMetaData) result);
          }
          return result;
        });
  }

  /**
   * Runs {@code work} on this thread as part of what {@code owner} runs: the source statements it creates are
   * cancelled with {@code owner}'s ({@link #cancel}).
   */
  static <T> T onBehalfOf(Thread owner, Callable<T> work) throws Exception {
    final @Nullable Thread before = OWNER.get();
    OWNER.set(owner);
    try {
      return work.call();
    } finally {
      if (before == null) {
        OWNER.remove();
      } else {
        OWNER.set(before);
      }
    }
  }

  /** Cancels the source statements that {@code thread} created, or had created for it, and that are still open. */
  void cancel(Thread thread) {
    final List<Statement> running = new ArrayList<>();
    synchronized (statements) {
      statements.forEach((statement, owner) -> {
        if (owner == thread) {
          running.add(statement);
        }
      });
    }
    for (Statement statement : running) {
      try {
        if (!statement.isClosed()) {
          statement.cancel();
        }
      } catch (SQLException ignored) {
        // The statement finished or its connection broke meanwhile: nothing is left to cancel.
      }
    }
  }

  /** Closes every source connection still open, returning it to the pool (which closes it if itself closed). */
  void closeAll() {
    final List<Connection> open;
    synchronized (connections) {
      open = new ArrayList<>(connections.keySet());
    }
    for (Connection connection : open) {
      try {
        if (!connection.isClosed()) {
          connection.close();
        }
      } catch (SQLException ignored) {
        // A broken connection: the pool has discarded it already.
      }
    }
  }

  @Override public @Nullable PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override public void setLogWriter(@Nullable PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
  }

  @Override public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || pool.isWrapperFor(type);
  }
}
