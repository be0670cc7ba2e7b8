package dev.funnelsql.pgwire;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Reads results into comparable lists: numbers, times and text normalised so two drivers' values compare equal. */
final class Rows {
  private Rows() {
  }

  static List<List<Object>> of(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      return read(rows);
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
