package dev.funnelsql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Wraps the JDBC objects FunnelSQL hands out (connection, statements, result sets, metadata) so that every error
 * leaves with a SQLState ({@link SqlStates}) and closing the connection also releases the event store it owns.
 */
final class JdbcGuard implements InvocationHandler {
  private final Object target;
  private final @Nullable AutoCloseable owned;

  private JdbcGuard(Object target, @Nullable AutoCloseable owned) {
    this.target = target;
    this.owned = owned;
  }

  /** Wraps a connection that owns {@code store}: closing the connection closes the store. */
  static Connection connection(Connection connection, AutoCloseable store) {
    return (Connection) Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(), new Class<?>[] {Connection.class},
        new JdbcGuard(connection, store));
  }

  @Override public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
    final Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    } finally {
      if (owned != null && method.getName().equals("close") && method.getParameterCount() == 0) {
        owned.close();
      }
    }
    return wrap(method.getReturnType(), result);
  }

  private static Throwable translate(Throwable cause) {
    if (cause instanceof SQLException) {
      return SqlStates.classify((SQLException) cause);
    }
    if (cause instanceof RuntimeException || cause instanceof Error) {
      return SqlStates.classify(new SQLException(String.valueOf(cause.getMessage()), cause));
    }
    return cause;
  }

  private static @Nullable Object wrap(Class<?> type, @Nullable Object result) {
    if (result == null || Proxy.isProxyClass(result.getClass())) {
      return result;
    }
    if (type == Statement.class || type == PreparedStatement.class || type == DatabaseMetaData.class
        || type == ResultSet.class) {
      return Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(), new Class<?>[] {type},
          new JdbcGuard(result, null));
    }
    return result;
  }
}
