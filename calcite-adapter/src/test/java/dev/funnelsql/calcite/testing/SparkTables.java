package dev.funnelsql.calcite.testing;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Creates a test table (Parquet, in a database of its own) in the test run's Spark and fills it with one
 * {@code INSERT … VALUES} per few thousand rows: each statement is a Spark job, so a row per statement would take
 * minutes. String literals escape with backslashes, as Spark's parser reads them ({@code 'it''s'} would be two
 * adjacent literals, {@code its}).
 */
final class SparkTables {
  private SparkTables() {
  }

  static void create(Store store, String name, String columns, List<Object[]> rows) throws SQLException {
    ValuesTables.create(store, name, TableColumns.parse(columns, SparkTables::sparkType), "USING parquet", rows,
        SparkTables::literal);
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
      return ValuesTables.backslashQuoted(value.toString());
    }
  }
}
