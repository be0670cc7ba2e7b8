package dev.funnelsql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Wraps the JDBC objects FunnelSQL hands out (connection, statements, result sets, metadata) so that every error
 * leaves with a SQLState ({@link SqlStates}), closing the connection also releases the event store it owns, and
 * the calls BI tools make in ways Calcite does not take are adapted ({@link ConnectionAdapters}).
 */
final class JdbcGuard implements InvocationHandler {
  private final Object target;
  private final @Nullable AutoCloseable owned;
  private final ConnectionAdapters adapters;
  private final CallAdapter adapter;

  private JdbcGuard(Object target, @Nullable AutoCloseable owned, ConnectionAdapters adapters, Class<?> type) {
    this.target = target;
    this.owned = owned;
    this.adapters = adapters;
    this.adapter = adapters.of(type);
  }

  /**
   * Wraps a connection that owns {@code store}: closing the connection closes the store.
   *
   * @param storeProduct the store's product name and version, for {@code getDatabaseProductVersion}
   */
  static Connection connection(Connection connection, AutoCloseable store, String storeProduct) {
    final ConnectionAdapters adapters = new ConnectionAdapters(storeProduct);
    final Connection proxy = (Connection) Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new JdbcGuard(connection, store, adapters, Connection.class));
    adapters.connection(proxy);
    return proxy;
  }

  @Override public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
    final Object result;
    try {
      final Object[] arguments = adapter.arguments(method, args);
      final Object answer = adapter.answer(target, method, arguments);
      result = answer != CallAdapter.PASS ? answer : method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    } catch (SQLException | RuntimeException e) {
      throw translate(e);
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

  private @Nullable Object wrap(Class<?> type, @Nullable Object result) {
    if (result == null || Proxy.isProxyClass(result.getClass())) {
      return result;
    }
    if (type == Connection.class && adapters.connection() != null) {
      return adapters.connection();
    }
    if (type == Statement.class || type == PreparedStatement.class || type == DatabaseMetaData.class
        || type == ResultSet.class || type == ResultSetMetaData.class) {
      return Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(), new Class<?>[] {type},
          new JdbcGuard(result, null, adapters, type));
    }
    return result;
  }
}
