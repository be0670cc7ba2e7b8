package dev.funnelsql.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a query's rows in a shape tests compare easily with values computed in Java: timestamps as epoch
 * milliseconds, whole numbers as {@code Long}, doubles and strings as they are.
 */
final class ResultRows {
  private ResultRows() {
  }

  static List<List<Object>> of(Connection connection, String sql) throws SQLException {
    final List<List<Object>> result = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      final int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        final List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          final Object value = rows.getObject(i);
          row.add(value instanceof Timestamp ? ((Timestamp) value).getTime()
              : value instanceof Number && !(value instanceof Double) ? ((Number) value).longValue() : value);
        }
        result.add(row);
      }
    }
    return result;
  }
}
