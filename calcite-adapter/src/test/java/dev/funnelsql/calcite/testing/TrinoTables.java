package dev.funnelsql.calcite.testing;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates a test table in a schema of the Trino server's memory catalog and fills it. Rows go in as one
 * {@code INSERT … SELECT * FROM UNNEST(array per column)} per few thousand rows: Trino plans every statement of a
 * JDBC batch on its own, and a long VALUES list is analysed row by row (5,000 rows took 4.4 s that way, 1.8 s so).
 */
final class TrinoTables {
  /** Keeps each statement under Trino's limit of a million characters of query text. */
  private static final int MAX_STATEMENT_CHARS = 600_000;

  private TrinoTables() {
  }

  static void create(Store store, String name, String columns, List<Object[]> rows) throws SQLException {
    final TableColumns table = TableColumns.parse(columns, TrinoTables::trinoType);
    final List<String> types = table.types();
    final String qualified = store.schema() + "." + name;
    try (Connection connection = DriverManager.getConnection(store.url());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + store.schema());
      statement.execute(table.createTable(qualified));
      int from = 0;
      while (from < rows.size()) {
        final List<StringBuilder> arrays = new ArrayList<>();
        types.forEach(type -> arrays.add(new StringBuilder()));
        int chars = 0;
        int to = from;
        while (to < rows.size() && chars < MAX_STATEMENT_CHARS) {
          final Object[] row = rows.get(to++);
          for (int i = 0; i < types.size(); i++) {
            final String literal = literal(row[i]);
            arrays.get(i).append(arrays.get(i).length() == 0 ? "" : ", ").append(literal);
            chars += literal.length() + 2;
          }
        }
        final StringBuilder insert = new StringBuilder("INSERT INTO ").append(qualified)
            .append(" SELECT * FROM UNNEST(");
        for (int i = 0; i < types.size(); i++) {
          insert.append(i == 0 ? "" : ", ").append("CAST(ARRAY[").append(arrays.get(i)).append("] AS array(")
              .append(types.get(i)).append("))");
        }
        statement.execute(insert.append(')').toString());
        from = to;
      }
    }
  }

  /** A column type of the tests' definitions as Trino spells it. */
  private static String trinoType(String upper) {
    switch (upper) {
      case "TIMESTAMP":
        return "timestamp(3)";
      case "DOUBLE PRECISION":
      case "FLOAT":
        return "double";
      case "INT":
        return "integer";
      case "TEXT":
        return "varchar";
      default:
        return upper;
    }
  }

  private static String literal(Object value) {
    if (value == null) {
      return "NULL";
    } else if (value instanceof Timestamp) {
      return "TIMESTAMP '" + value + "'";
    } else if (value instanceof Date) {
      return "DATE '" + value + "'";
    } else if (value instanceof Double || value instanceof Float) {
      return "DOUBLE '" + value + "'";
    } else if (value instanceof Number || value instanceof BigDecimal || value instanceof Boolean) {
      return value.toString();
    } else {
      return "'" + value.toString().replace("'", "''") + "'";
    }
  }
}
