package dev.funnelsql.calcite.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Creates a test table in a database of its own in an engine that the tests fill through SQL text (Spark,
 * ClickHouse), with one {@code INSERT … VALUES} per few thousand rows: a statement per row would take minutes.
 */
final class ValuesTables {
  private static final int ROWS_PER_STATEMENT = 5_000;

  private ValuesTables() {
  }

  /** {@code text} as a string literal with backslash escapes, as Spark's and ClickHouse's parsers read one. */
  static String backslashQuoted(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Creates {@code database.name} and fills it.
   *
   * @param table the columns, their types spelled for the engine
   * @param tableOptions what follows the column list in {@code CREATE TABLE} (the storage)
   * @param literal a value as a literal of the engine, given the column's type
   */
  static void create(Store store, String name, TableColumns table, String tableOptions, List<Object[]> rows,
      BiFunction<Object, String, String> literal) throws SQLException {
    final String qualified = store.schema() + "." + name;
    try (Connection connection = DriverManager.getConnection(store.url(), store.credentials());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + store.schema());
      statement.execute(table.createTable(qualified) + " " + tableOptions);
      for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
        final StringBuilder insert = new StringBuilder("INSERT INTO ").append(qualified).append(" VALUES ");
        for (int i = from; i < Math.min(rows.size(), from + ROWS_PER_STATEMENT); i++) {
          final Object[] row = rows.get(i);
          insert.append(i == from ? "(" : ", (");
          for (int j = 0; j < row.length; j++) {
            insert.append(j == 0 ? "" : ", ").append(literal.apply(row[j], table.types().get(j)));
          }
          insert.append(')');
        }
        statement.execute(insert.toString());
      }
    }
  }
}
