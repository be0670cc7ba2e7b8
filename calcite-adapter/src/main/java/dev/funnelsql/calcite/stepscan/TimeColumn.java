package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.TimeKind;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * Reads the time column of step rows onto the functions' time line: epoch milliseconds of the wall clock (a
 * TIMESTAMP's fields read as if UTC, as Calcite's JDBC adapter does) for timestamps and dates, the value itself for
 * integers. Timestamps are read as {@link LocalDateTime}, which skips the time-zone arithmetic of {@code
 * java.sql.Timestamp} (about a third of the reading time on DuckDB), or as {@code Timestamp} where a driver cannot.
 */
final class TimeColumn {
  private final TimeKind kind;
  private final int column;
  private boolean wasNull;
  private boolean legacy;

  /**
   * Creates a reader.
   *
   * @param inMillis whether the store sends a TIMESTAMP as epoch milliseconds already (a BIGINT)
   */
  TimeColumn(TimeKind kind, int column, boolean inMillis) {
    this.kind = inMillis ? TimeKind.INTEGER : kind;
    this.column = column;
  }

  /** Reads the current row's time; check {@link #wasNull()} after. */
  long read(ResultSet rows) throws SQLException {
    switch (kind) {
    case TIMESTAMP:
      if (!legacy) {
        try {
          final LocalDateTime time = rows.getObject(column, LocalDateTime.class);
          wasNull = time == null;
          return wasNull ? 0L : time.toEpochSecond(ZoneOffset.UTC) * 1000L + time.getNano() / 1_000_000;
        } catch (SQLFeatureNotSupportedException | AbstractMethodError e) {
          legacy = true;
        }
      }
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
