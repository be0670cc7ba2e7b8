package dev.funnelsql.jdbc;

import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.Types;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Binds {@code java.time} parameters, {@code setObject(i, LocalDateTime.now())} and the typed forms BI tools use
 * ({@code setObject(i, value, Types.TIMESTAMP)}, {@code TIMESTAMP_WITH_TIMEZONE}, a {@link SQLType}), through their
 * {@code java.sql} forms ({@link JavaTimeValues}), which Calcite binds.
 */
final class JavaTimeParameters implements CallAdapter {
  /** The adapter for prepared statements. */
  static final JavaTimeParameters INSTANCE = new JavaTimeParameters();

  private JavaTimeParameters() {
  }

  @Override public @Nullable Object[] arguments(Method method, @Nullable Object[] args) {
    if (!method.getName().equals("setObject") || args == null || args.length < 2) {
      return args;
    }
    final Object[] changed = args.clone();
    changed[1] = JavaTimeValues.toJdbc(args[1]);
    if (args.length > 2 && args[2] instanceof Integer) {
      changed[2] = withoutZone((Integer) args[2]);
    }
    return changed;
  }

  @Override public @Nullable Object answer(Object target, Method method, @Nullable Object[] args)
      throws SQLException {
    if (!method.getName().equals("setObject") || args == null || args.length < 3 || !(args[2] instanceof SQLType)) {
      return PASS;
    }
    // Calcite does not take a SQLType; its vendor number is the java.sql.Types code.
    final Integer code = ((SQLType) args[2]).getVendorTypeNumber();
    final PreparedStatement statement = (PreparedStatement) target;
    final int index = (Integer) args[0];
    if (code == null) {
      statement.setObject(index, args[1]);
    } else if (args.length > 3) {
      statement.setObject(index, args[1], withoutZone(code), (Integer) args[3]);
    } else {
      statement.setObject(index, args[1], withoutZone(code));
    }
    return null;
  }

  /** FunnelSQL's times have no zone: a zoned target type is bound as the plain one. */
  private static int withoutZone(int type) {
    return type == Types.TIMESTAMP_WITH_TIMEZONE ? Types.TIMESTAMP : type == Types.TIME_WITH_TIMEZONE ? Types.TIME
        : type;
  }
}
