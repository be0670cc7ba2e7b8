package dev.funnelsql.calcite.source;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Map;

/**
 * A result set whose metadata answers the descriptive calls its driver does not support ({@code isSearchable},
 * {@code isCurrency}, … which the Hive drivers refuse) with a neutral value instead of an exception, so that the JDK's
 * {@code CachedRowSet} can copy it; the calls a reader of the rows needs (names, types) still come from the driver.
 */
final class LenientResultSet {
  /** The neutral answer per return type of a refused call. */
  private static final Map<Class<?>, Object> NEUTRAL = Map.of(boolean.class, false, int.class, 0, String.class, "");

  private LenientResultSet() {
  }

  /** The result set, its metadata made lenient. */
  static ResultSet of(ResultSet rows) {
    return (ResultSet) Proxy.newProxyInstance(LenientResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
          final Object answer = invoke(rows, method, args);
          return answer instanceof ResultSetMetaData metaData ? lenient(metaData) : answer;
        });
  }

  private static ResultSetMetaData lenient(ResultSetMetaData metaData) {
    return (ResultSetMetaData) Proxy.newProxyInstance(LenientResultSet.class.getClassLoader(),
        new Class<?>[] {ResultSetMetaData.class}, (proxy, method, args) -> {
          try {
            return invoke(metaData, method, args);
          } catch (SQLException e) {
            if (method.getName().equals("isNullable")) {
              return ResultSetMetaData.columnNullableUnknown;
            }
            if (!NEUTRAL.containsKey(method.getReturnType()) || method.getName().startsWith("getColumn")) {
              throw e;
            }
            return NEUTRAL.get(method.getReturnType());
          }
        });
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
