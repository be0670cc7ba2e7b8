package dev.funnelsql.calcite.testing;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;

/**
 * Creates a test table (every column Nullable, in memory) in a database of its own in the test run's ClickHouse and
 * fills it with one {@code INSERT … VALUES} per few thousand rows. String literals escape with backslashes, as
 * ClickHouse's parser reads them.
 */
final class ClickHouseTables {
  private ClickHouseTables() {
  }

  static void create(Store store, String name, String columns, List<Object[]> rows) throws SQLException {
    ValuesTables.create(store, name, TableColumns.parse(columns, ClickHouseTables::clickHouseType), "ENGINE = Memory",
        rows, (value, type) -> literal(value));
  }

  /** A column type of the tests' definitions as ClickHouse spells it, Nullable. */
  private static String clickHouseType(String upper) {
    if (upper.startsWith("VARCHAR") || upper.equals("TEXT")) {
      return "Nullable(String)";
    } else if (upper.startsWith("DECIMAL")) {
      return "Nullable(" + upper.replace("DECIMAL", "Decimal") + ")";
    }
    switch (upper) {
      case "BIGINT":
        return "Nullable(Int64)";
      case "INT":
      case "INTEGER":
        return "Nullable(Int32)";
      case "SMALLINT":
        return "Nullable(Int16)";
      case "TIMESTAMP":
        return "Nullable(DateTime64(3))";
      case "DATE":
        return "Nullable(Date32)";
      case "BOOLEAN":
        return "Nullable(Bool)";
      case "DOUBLE PRECISION":
      case "DOUBLE":
      case "FLOAT":
        return "Nullable(Float64)";
      default:
        throw new IllegalArgumentException("no ClickHouse type for " + upper);
    }
  }

  private static String literal(Object value) {
    if (value == null) {
      return "NULL";
    } else if (value instanceof Timestamp || value instanceof Date) {
      return "'" + value + "'";
    } else if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    } else {
      return ValuesTables.backslashQuoted(value.toString());
    }
  }
}
