package dev.funnelsql.calcite.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's {@code DuckDBResultSet.arrowExportStream}: the result's vectors handed over through Arrow's C data
 * interface. Called by reflection, because DuckDB's driver is the user's, beside FunnelSQL's jar, not a dependency.
 */
final class DuckDbArrowExport implements ColumnarExport {
  /** The export. */
  static final DuckDbArrowExport INSTANCE = new DuckDbArrowExport();

  private DuckDbArrowExport() {
  }

  @Override public @Nullable ArrowReader export(ResultSet rows, BufferAllocator allocator, int batchRows)
      throws SQLException {
    final Method method;
    try {
      method = rows.getClass().getMethod("arrowExportStream", Object.class, long.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
    try {
      final Object reader = method.invoke(rows, allocator, (long) batchRows);
      return reader instanceof ArrowReader ? (ArrowReader) reader : null;
    } catch (InvocationTargetException e) {
      final Throwable cause = e.getCause();
      if (cause instanceof SQLException) {
        throw (SQLException) cause;
      }
      throw new SQLException("DuckDB failed to export the rows through Arrow: " + cause, cause);
    } catch (IllegalAccessException e) {
      return null;
    }
  }
}
