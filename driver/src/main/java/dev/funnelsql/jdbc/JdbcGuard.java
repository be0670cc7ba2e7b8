package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.prepare.ErrorMessages;
import dev.funnelsql.calcite.source.EventStore;
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
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Wraps the JDBC objects FunnelSQL hands out (connection, statements, result sets, metadata) so that every error
 * leaves with a SQLState ({@link SqlStates}) and without a secret ({@link Secrets}), the connection keeps its own
 * promises ({@link ConnectionScope}: read-only, valid only while the store answers, closing the store with it),
 * statements can be cancelled and timed out ({@link StatementControl}), and the calls BI tools make in ways
 * Calcite does not take are adapted ({@link ConnectionAdapters}).
 */
final class JdbcGuard implements InvocationHandler {
  private static final Map<Method, Method> CALLABLE = new ConcurrentHashMap<>();
  private final Object target;
  private final ConnectionScope scope;
  private final @Nullable StatementControl control;
  private final ConnectionAdapters adapters;
  private final CallAdapter adapter;
  /** Of a result set, the getters called without reflection, made at its first column read. */
  private @Nullable ColumnReads reads;

  private JdbcGuard(Object target, ConnectionScope scope, @Nullable StatementControl control,
      ConnectionAdapters adapters, Class<?> type) {
    this.target = target;
    this.scope = scope;
    this.control = control;
    this.adapters = adapters;
    this.adapter = adapters.of(type);
  }

  /**
   * Wraps a connection that owns {@code store}: closing the connection closes the store.
   *
   * @param storeProduct the store's product name and version, for {@code getDatabaseProductVersion}
   * @param onClose run when the connection closes
   */
  static Connection connection(Connection connection, EventStore store, Secrets secrets, String storeProduct,
      Runnable onClose) {
    final ConnectionScope scope = new ConnectionScope(store, secrets, onClose);
    final ConnectionAdapters adapters = new ConnectionAdapters(storeProduct);
    final Connection proxy = (Connection) Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new JdbcGuard(connection, scope, null, adapters, Connection.class));
    scope.attach(proxy);
    adapters.connection(proxy);
    return proxy;
  }

  @Override public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
    if (isColumnRead(method, args)) {
      return readColumn(method, args);
    }
    final boolean isConnection = target instanceof Connection;
    if (method.getReturnType() == Connection.class && !isConnection) {
      return scope.connection();
    }
    if (isConnection) {
      final @Nullable Object answer = scope.answer((Connection) target, method, args);
      if (answer != ConnectionScope.NOT_ANSWERED) {
        return answer;
      }
    }
    if (control != null && StatementControl.answers(method)) {
      return control.answer(method, args);
    }
    if (control != null) {
      control.enter(method);
    }
    @Nullable Object result = null;
    boolean failed = true;
    try {
      final @Nullable Object[] arguments = adapter.arguments(method, args);
      final @Nullable Object answer = adapter.answer(target, method, arguments);
      result = answer != CallAdapter.PASS ? answer : callable(method).invoke(target, arguments);
      failed = false;
    } catch (InvocationTargetException e) {
      throw fail(e.getCause(), method);
    } catch (SQLException | RuntimeException e) {
      throw fail(e, method);
    } finally {
      if (control != null) {
        control.exit(method, result, failed);
      }
      if (isConnection && (method.getName().equals("close") && method.getParameterCount() == 0
          || method.getName().equals("abort"))) {
        scope.close();
      }
    }
    final Class<?> type = method.getReturnType();
    return isGuarded(type) ? wrap(type, result) : result;
  }

  /**
   * Whether the call reads the current row of a result set (a getter of one column, or {@code wasNull}): by far the
   * most frequent call, which changes no statement state and hands out nothing to guard.
   */
  private boolean isColumnRead(Method method, @Nullable Object[] args) {
    if (!(target instanceof ResultSet) || method.getDeclaringClass() != ResultSet.class) {
      return false;
    }
    if (args == null) {
      return method.getName().equals("wasNull");
    }
    return args.length == 1 && method.getName().startsWith("get") && !isGuarded(method.getReturnType());
  }

  /**
   * A {@linkplain #isColumnRead column read}, on a short path: the general one, run for several values of every row,
   * made reading a million rows through FunnelSQL about half as slow again as reading them from Calcite directly.
   */
  private @Nullable Object readColumn(Method method, @Nullable Object[] args) throws Throwable {
    try {
      if (reads == null) {
        reads = ColumnReads.of((ResultSet) target);
      }
      if (args == null) {
        return reads.wasNull();
      }
      if (args[0] instanceof Integer) {
        final @Nullable Object value = reads.read(method, (Integer) args[0]);
        if (value != ColumnReads.NOT_READ) {
          return value;
        }
      }
      return callable(method).invoke(target, args);
    } catch (InvocationTargetException e) {
      throw failedRead(e.getCause(), method);
    } catch (SQLException | RuntimeException e) {
      throw failedRead(e, method);
    }
  }

  /**
   * The method, made accessible once: {@code Method.invoke} otherwise checks the caller's access on every call, which
   * took a third of the time of reading a million rows in a profile.
   */
  private static Method callable(Method method) {
    // A get first: computeIfAbsent locks a bin whose first entry is another method's.
    final @Nullable Method known = CALLABLE.get(method);
    return known != null ? known : CALLABLE.computeIfAbsent(method, m -> {
      m.setAccessible(true);
      return m;
    });
  }

  private SQLException failedRead(Throwable cause, Method method) {
    final SQLException error = fail(cause, method);
    if (control != null) {
      control.exit(method, null, true);
    }
    return error;
  }

  private static boolean isGuarded(Class<?> type) {
    return type == Statement.class || type == PreparedStatement.class || type == ResultSet.class
        || type == DatabaseMetaData.class || type == ResultSetMetaData.class;
  }

  private SQLException fail(Throwable cause, Method method) {
    final SQLException translated = translate(cause, method);
    return scope.secrets().scrub(control == null ? translated : control.translate(translated));
  }

  private static SQLException translate(Throwable cause, Method method) {
    if (cause instanceof SQLFeatureNotSupportedException && cause.getMessage() == null) {
      return new SQLFeatureNotSupportedException(method.getDeclaringClass().getSimpleName() + "." + method.getName()
          + " is not supported by FunnelSQL", SqlStates.FEATURE_NOT_SUPPORTED, cause);
    }
    if (cause instanceof SQLException) {
      return SqlStates.classify((SQLException) cause);
    }
    return SqlStates.classify(new SQLException(ErrorMessages.mostSpecific(cause), cause));
  }

  /** A statement, result set or metadata ({@link #isGuarded}) handed out in a guard of its own. */
  private @Nullable Object wrap(Class<?> type, @Nullable Object result) {
    if (result == null || Proxy.isProxyClass(result.getClass())) {
      return result;
    }
    final @Nullable StatementControl resultControl;
    if (type == DatabaseMetaData.class || type == ResultSetMetaData.class) {
      resultControl = null;
    } else if (type != ResultSet.class && target instanceof Connection) {
      scope.register((Statement) result);
      resultControl = new StatementControl((Statement) result, scope.store());
    } else {
      resultControl = control;
    }
    return Proxy.newProxyInstance(JdbcGuard.class.getClassLoader(), new Class<?>[] {type},
        new JdbcGuard(result, scope, resultControl, adapters, type));
  }
}
