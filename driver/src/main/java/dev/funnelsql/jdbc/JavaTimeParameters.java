package dev.funnelsql.jdbc;

import java.lang.reflect.Method;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Binds date and time parameters the ways BI tools pass them: {@code setObject(i, LocalDateTime.now())}, the typed
 * forms ({@code setObject(i, value, Types.TIMESTAMP)}, {@code TIMESTAMP_WITH_TIMEZONE}, a {@link SQLType}) and the
 * {@code java.time} classes ({@link JavaTimeValues}), none of which Calcite binds, through {@code setTimestamp},
 * {@code setDate} and {@code setTime}, which it does. A {@link SQLType} is passed on as its {@code Types} code.
 */
final class JavaTimeParameters implements CallAdapter {
  /** The adapter for prepared statements. */
  static final JavaTimeParameters INSTANCE = new JavaTimeParameters();

  private static final Set<Integer> TEMPORAL = Set.of(Types.DATE, Types.TIME, Types.TIMESTAMP,
      Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE);

  private JavaTimeParameters() {
  }

  @Override public @Nullable Object answer(Object target, Method method, @Nullable Object[] args)
      throws SQLException {
    if (!method.getName().equals("setObject") || args == null || args.length < 2) {
      return PASS;
    }
    final PreparedStatement statement = (PreparedStatement) target;
    final int index = (Integer) args[0];
    final Object value = JavaTimeValues.toJdbc(args[1]);
    final @Nullable Integer type = args.length < 3 ? null
        : args[2] instanceof SQLType ? ((SQLType) args[2]).getVendorTypeNumber() : (Integer) args[2];
    if (type == null || TEMPORAL.contains(type)) {
      if (value instanceof Timestamp) {
        statement.setTimestamp(index, (Timestamp) value);
        return null;
      }
      if (value instanceof Date) {
        statement.setDate(index, (Date) value);
        return null;
      }
      if (value instanceof Time) {
        statement.setTime(index, (Time) value);
        return null;
      }
    }
    if (type == null) {
      statement.setObject(index, value);
    } else if (args.length > 3) {
      statement.setObject(index, value, type, (Integer) args[3]);
    } else {
      statement.setObject(index, value, type);
    }
    return null;
  }
}
