package dev.funnelsql.calcite.source;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Gives the event store date and time query parameters as dates and times. Calcite's JDBC adapter passes a pushed-down
 * {@code ?} in its internal form (a TIMESTAMP as epoch milliseconds, a DATE as epoch days, a TIME as milliseconds of
 * the day, all UTC) with {@code setLong}/{@code setInt}, which stores refuse to compare with a timestamp column
 * (H2: "Data conversion error converting TIMESTAMP, BIGINT"). Where the store says the parameter is a date or time,
 * the number is bound as that date or time instead.
 */
final class TemporalParameters {
  private TemporalParameters() {
  }

  /** The data source, with every prepared statement's temporal parameters fixed. */
  static DataSource wrap(DataSource dataSource) {
    return proxy(DataSource.class, dataSource);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target) {
    final Map<Integer, Integer> types = new HashMap<>();
    return (T) Proxy.newProxyInstance(TemporalParameters.class.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (target instanceof PreparedStatement && args != null && args.length == 2
              && (method.getName().equals("setLong") || method.getName().equals("setInt"))) {
            final PreparedStatement statement = (PreparedStatement) target;
            final int index = (Integer) args[0];
            final long value = ((Number) args[1]).longValue();
            if (bindTemporal(statement, index, value, types)) {
              return null;
            }
          }
          final Object result;
          try {
            result = method.invoke(target, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof PreparedStatement && method.getReturnType() == PreparedStatement.class) {
            return proxy(PreparedStatement.class, (PreparedStatement) result);
          }
          if (result instanceof Connection && method.getReturnType() == Connection.class) {
            return proxy(Connection.class, (Connection) result);
          }
          return result;
        });
  }

  private static boolean bindTemporal(PreparedStatement statement, int index, long value,
      Map<Integer, Integer> types) throws SQLException {
    final @Nullable Integer type = types.computeIfAbsent(index, i -> parameterType(statement, i));
    if (type == null) {
      return false;
    }
    switch (type) {
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
        final LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1000L),
            (int) Math.floorMod(value, 1000L) * 1_000_000, ZoneOffset.UTC);
        statement.setTimestamp(index, Timestamp.valueOf(time));
        return true;
      case Types.DATE:
        statement.setDate(index, Date.valueOf(LocalDate.ofEpochDay(value)));
        return true;
      case Types.TIME:
        statement.setTime(index, Time.valueOf(LocalTime.ofNanoOfDay(value * 1_000_000L)));
        return true;
      default:
        return false;
    }
  }

  private static @Nullable Integer parameterType(PreparedStatement statement, int index) {
    try {
      return statement.getParameterMetaData().getParameterType(index);
    } catch (SQLException | RuntimeException e) {
      return null; // the store cannot say: bind the number as it is
    }
  }
}
