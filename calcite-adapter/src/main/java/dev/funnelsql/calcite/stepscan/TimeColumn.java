package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.TimeKind;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * Reads the time column of step rows onto the functions' time line: epoch milliseconds (of the local wall clock, as
 * Calcite's JDBC adapter reads timestamps) for timestamps and dates, the value itself for integers.
 */
final class TimeColumn {
  private final TimeKind kind;
  private final int column;
  private boolean wasNull;

  TimeColumn(TimeKind kind, int column) {
    this.kind = kind;
    this.column = column;
  }

  /** Reads the current row's time; check {@link #wasNull()} after. */
  long read(ResultSet rows) throws SQLException {
    switch (kind) {
    case TIMESTAMP:
      final Timestamp timestamp = rows.getTimestamp(column);
      wasNull = timestamp == null;
      return wasNull ? 0L : SqlFunctions.toLong(timestamp);
    case DATE:
      final Date date = rows.getDate(column);
      wasNull = date == null;
      return wasNull ? 0L : SqlFunctions.toInt(date) * kind.scale();
    default:
      final long value = rows.getLong(column);
      wasNull = rows.wasNull();
      return value;
    }
  }

  /** Whether the last time read was NULL. */
  boolean wasNull() {
    return wasNull;
  }
}
