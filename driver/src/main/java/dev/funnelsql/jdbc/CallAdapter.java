package dev.funnelsql.jdbc;

import java.lang.reflect.Method;
import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Adapts some calls on one kind of JDBC object that FunnelSQL hands out to what BI tools send and expect (see
 * {@link JdbcGuard}): it may change a call's arguments, or answer the call itself; every other call reaches the
 * wrapped Calcite object unchanged.
 */
interface CallAdapter {
  /** What {@link #answer} returns to let the wrapped object answer. */
  Object PASS = new Object();

  /** The adapter that changes nothing. */
  CallAdapter NONE = new CallAdapter() {
  };

  /** The arguments the wrapped object receives: {@code args} itself, or a changed copy. */
  default @Nullable Object[] arguments(Method method, @Nullable Object[] args) {
    return args;
  }

  /** The answer to the call, or {@link #PASS}. */
  default @Nullable Object answer(Object target, Method method, @Nullable Object[] args) throws SQLException {
    return PASS;
  }

  /** This adapter, then {@code next}: arguments pass through both, and the first answer wins. */
  default CallAdapter then(CallAdapter next) {
    final CallAdapter first = this;
    return new CallAdapter() {
      @Override public @Nullable Object[] arguments(Method method, @Nullable Object[] args) {
        return next.arguments(method, first.arguments(method, args));
      }

      @Override public @Nullable Object answer(Object target, Method method, @Nullable Object[] args)
          throws SQLException {
        final Object answer = first.answer(target, method, args);
        return answer != PASS ? answer : next.answer(target, method, args);
      }
    };
  }
}
