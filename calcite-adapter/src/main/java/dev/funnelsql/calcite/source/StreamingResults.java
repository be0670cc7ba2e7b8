package dev.funnelsql.calcite.source;

import dev.funnelsql.calcite.store.StreamingSetup;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Makes the store's driver stream the results of every query FunnelSQL sends the store (the step scan's, and those of
 * Calcite's JDBC adapter: the rows a funnel's drivers or column breakdowns read, every membership) instead of holding
 * each whole result in memory: each
 * connection runs with autocommit off (rolled back and restored when it is closed) and each statement with a fetch
 * size, as the store's {@link StreamingSetup} says; PostgreSQL's driver streams only then.
 */
final class StreamingResults {
  private StreamingResults() {
  }

  /** The data source, its connections and statements set up to stream. */
  static DataSource wrap(DataSource dataSource, StreamingSetup streaming) {
    if (!streaming.autocommitOff() && streaming.fetchSize() <= 0) {
      return dataSource;
    }
    return (DataSource) Proxy.newProxyInstance(StreamingResults.class.getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          final Object result = invoke(dataSource, method, args);
          return result instanceof Connection ? connection((Connection) result, streaming) : result;
        });
  }

  private static Connection connection(Connection connection, StreamingSetup streaming) throws SQLException {
    final boolean restore = streaming.autocommitOff() && connection.getAutoCommit();
    if (restore) {
      connection.setAutoCommit(false);
    }
    return (Connection) Proxy.newProxyInstance(StreamingResults.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close") && restore && !connection.isClosed()) {
            try {
              connection.rollback();
              connection.setAutoCommit(true);
            } catch (SQLException e) {
              // A broken connection: the pool validates it before handing it out again.
            }
          }
          final Object result = invoke(connection, method, args);
          if (result instanceof Statement && streaming.fetchSize() > 0) {
            ((Statement) result).setFetchSize(streaming.fetchSize());
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
