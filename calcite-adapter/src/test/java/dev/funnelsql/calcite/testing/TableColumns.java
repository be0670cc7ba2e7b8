package dev.funnelsql.calcite.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A test table's column definitions ({@code "user_id BIGINT, ts TIMESTAMP, name VARCHAR(16)"}) split into names and
 * types, the types spelled for an engine that the tests fill through SQL text.
 *
 * @param names the column names
 * @param types their types, as the engine spells them
 */
record TableColumns(List<String> names, List<String> types) {
  /** The columns of {@code definitions}, each type (upper case) mapped by {@code engineType}. */
  static TableColumns parse(String definitions, UnaryOperator<String> engineType) {
    final List<String> names = new ArrayList<>();
    final List<String> types = new ArrayList<>();
    for (String column : definitions.split(",(?![^(]*\\))")) {
      final String[] parts = column.trim().split("\\s+", 2);
      names.add(parts[0]);
      types.add(engineType.apply(parts[1].trim().toUpperCase(Locale.ROOT)));
    }
    return new TableColumns(List.copyOf(names), List.copyOf(types));
  }

  /** {@code CREATE TABLE table (name type, …)}. */
  String createTable(String table) {
    final StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(table).append(" (");
    for (int i = 0; i < names.size(); i++) {
      ddl.append(i == 0 ? "" : ", ").append(names.get(i)).append(' ').append(types.get(i));
    }
    return ddl.append(')').toString();
  }
}
