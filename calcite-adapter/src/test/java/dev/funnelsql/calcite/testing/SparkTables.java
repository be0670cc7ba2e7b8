package dev.funnelsql.calcite.testing;

import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

/**
 * Creates a test table (Parquet, in a database of its own) in the test run's Spark and fills it with one
 * {@code INSERT … VALUES} per few thousand rows: each statement is a Spark job, so a row per statement would take
 * minutes. String literals escape with backslashes, as Spark's parser reads them ({@code 'it''s'} would be two
 * adjacent literals, {@code its}).
 */
final class SparkTables {
  private static final int ROWS_PER_STATEMENT = 5_000;

  private SparkTables() {
  }

  static void create(Store store, String name, String columns, List<Object[]> rows) throws SQLException {
    final TableColumns table = TableColumns.parse(columns, SparkTables::sparkType);
    final String qualified = store.schema() + "." + name;
    try (Connection connection = DriverManager.getConnection(store.url(), store.credentials());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + store.schema());
      statement.execute(table.createTable(qualified) + " USING parquet");
      for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
        final StringBuilder insert = new StringBuilder("INSERT INTO ").append(qualified).append(" VALUES ");
        for (int i = from; i < Math.min(rows.size(), from + ROWS_PER_STATEMENT); i++) {
          final Object[] row = rows.get(i);
          insert.append(i == from ? "(" : ", (");
          for (int j = 0; j < row.length; j++) {
            insert.append(j == 0 ? "" : ", ").append(literal(row[j], table.types().get(j)));
          }
          insert.append(')');
        }
        statement.execute(insert.toString());
      }
    }
  }

  /** A column type of the tests' definitions as Spark spells it. */
  private static String sparkType(String upper) {
    if (upper.startsWith("VARCHAR") || upper.equals("TEXT")) {
      return "STRING";
    }
    switch (upper) {
      case "DOUBLE PRECISION":
      case "FLOAT":
        return "DOUBLE";
      default:
        return upper;
    }
  }

  /** The value as a literal of the column's type (a NULL typed, so that a first row of NULLs types nothing wrong). */
  private static String literal(Object value, String type) {
    if (value == null) {
      return "CAST(NULL AS " + type + ")";
    } else if (value instanceof Timestamp) {
      return "TIMESTAMP '" + value + "'";
    } else if (value instanceof Date) {
      return "DATE '" + value + "'";
    } else if (value instanceof Number || value instanceof Boolean) {
      return "CAST('" + value + "' AS " + type + ")";
    } else {
      return "'" + value.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
  }
}
