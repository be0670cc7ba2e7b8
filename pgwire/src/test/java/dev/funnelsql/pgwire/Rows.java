package dev.funnelsql.pgwire;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads results into comparable lists: numbers, times and text normalised so two drivers' values compare equal. */
final class Rows {
  private Rows() {
  }

  static List<List<Object>> of(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      return read(rows);
    }
  }

  /**
   * The rows of a prepared statement with these parameters bound ({@code setObject}: a Long binds as int8, a String
   * as varchar), each a map from column label to value as a client reads by name; a repeated label keeps its first.
   */
  static List<Map<String, Object>> maps(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        final List<Map<String, Object>> read = new ArrayList<>();
        while (rows.next()) {
          final Map<String, Object> row = new HashMap<>();
          for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
            row.putIfAbsent(rows.getMetaData().getColumnLabel(c), rows.getObject(c));
          }
          read.add(row);
        }
        return read;
      }
    }
  }

  static List<List<Object>> read(ResultSet rows) throws SQLException {
    final ResultSetMetaData metaData = rows.getMetaData();
    final List<List<Object>> result = new ArrayList<>();
    while (rows.next()) {
      final List<Object> row = new ArrayList<>();
      for (int i = 1; i <= metaData.getColumnCount(); i++) {
        row.add(normalize(rows.getObject(i)));
      }
      result.add(row);
    }
    return result;
  }

  static Object normalize(Object value) {
    if (value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof Double) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).stripTrailingZeros().toPlainString();
    }
    if (value instanceof Timestamp) {
      return ((Timestamp) value).toLocalDateTime();
    }
    if (value instanceof java.sql.Date) {
      return ((java.sql.Date) value).toLocalDate();
    }
    return value == null ? "<null>" : value;
  }
}
