package dev.funnelsql.jdbc;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * JDBC 4.2's {@code ResultSet.getObject(column, Class)}, which Calcite's result sets refuse for every class:
 * the column's value converted to the class asked for, {@code java.time} classes included
 * ({@link JavaTimeValues}); a conversion that would change the value's meaning fails with SQLState 07006.
 */
final class ColumnValues implements CallAdapter {
  /** The adapter for result sets. */
  static final ColumnValues INSTANCE = new ColumnValues();

  /** SQLState of a value that cannot be converted to the class asked for. */
  static final String CANNOT_CONVERT = "07006";

  private ColumnValues() {
  }

  @Override public @Nullable Object answer(Object target, Method method, @Nullable Object[] args)
      throws SQLException {
    if (!method.getName().equals("getObject") || args == null || args.length != 2 || !(args[1] instanceof Class)) {
      return PASS;
    }
    final ResultSet rows = (ResultSet) target;
    final int column = args[0] instanceof Integer ? (Integer) args[0] : rows.findColumn((String) args[0]);
    return convert(rows, column, (Class<?>) args[1]);
  }

  private static @Nullable Object convert(ResultSet rows, int column, Class<?> type) throws SQLException {
    final Object value = rows.getObject(column);
    if (value == null) {
      return null;
    }
    if (type.isInstance(value)) {
      return value;
    }
    if (type == String.class) {
      return rows.getString(column);
    }
    final Object converted = value instanceof Number ? number((Number) value, type)
        : JavaTimeValues.isJavaTime(type) ? JavaTimeValues.fromJdbc(value, type) : null;
    if (converted == null) {
      throw new SQLException("cannot read column " + column + " (" + rows.getMetaData().getColumnTypeName(column)
          + ", a " + value.getClass().getSimpleName() + ") as " + type.getName(), CANNOT_CONVERT);
    }
    return converted;
  }

  /** A number as another number class, if no digit is lost; else null. */
  private static @Nullable Object number(Number value, Class<?> type) {
    final BigDecimal exact = value instanceof BigDecimal ? (BigDecimal) value
        : value instanceof Double || value instanceof Float ? BigDecimal.valueOf(value.doubleValue())
        : BigDecimal.valueOf(value.longValue());
    try {
      if (type == Long.class) {
        return exact.longValueExact();
      }
      if (type == Integer.class) {
        return exact.intValueExact();
      }
      if (type == Short.class) {
        return exact.shortValueExact();
      }
      if (type == Byte.class) {
        return exact.byteValueExact();
      }
      if (type == BigInteger.class) {
        return exact.toBigIntegerExact();
      }
    } catch (ArithmeticException e) {
      return null;
    }
    if (type == BigDecimal.class) {
      return exact;
    }
    if (type == Double.class) {
      return value.doubleValue();
    }
    if (type == Float.class) {
      return value.floatValue();
    }
    return null;
  }
}
