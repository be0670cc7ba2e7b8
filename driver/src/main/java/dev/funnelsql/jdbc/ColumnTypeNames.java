package dev.funnelsql.jdbc;

import dev.funnelsql.jdbc.catalog.TypeNames;
import java.lang.reflect.Method;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Plain type names for result columns ({@link TypeNames#plain}): {@code TIMESTAMP ARRAY} rather than Calcite's
 * {@code TIMESTAMP(3) ARRAY}, the same names {@code getColumns} reports.
 */
final class ColumnTypeNames implements CallAdapter {
  /** The adapter for result set metadata. */
  static final ColumnTypeNames INSTANCE = new ColumnTypeNames();

  private ColumnTypeNames() {
  }

  @Override public @Nullable Object answer(Object target, Method method, @Nullable Object[] args)
      throws SQLException {
    if (!method.getName().equals("getColumnTypeName")) {
      return PASS;
    }
    return TypeNames.plain(((ResultSetMetaData) target).getColumnTypeName((Integer) args[0]));
  }
}
