package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.TimestampReading;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.runtime.SqlFunctions;

/**
 * Reads the time column of step rows onto the functions' time line: epoch milliseconds of the wall clock (a
 * TIMESTAMP's fields read as if UTC, as Calcite's JDBC adapter does) for timestamps and dates, the value itself for
 * integers. How a timestamp is read is decided once per result set, as the store's dialect says its driver reads it
 * fastest ({@link TimestampReading}): as epoch milliseconds the store computed, as a {@link LocalDateTime}, which
 * skips the time-zone arithmetic of {@code java.sql.Timestamp}, or as a {@code Timestamp} where a driver cannot.
 */
final class TimeColumn {
  /** The getter the column is read with. */
  private enum Getter { LONG, LOCAL_DATE_TIME, TIMESTAMP, DATE }

  /** The seconds whose milliseconds (with up to 999 more) are on the time line. */
  private static final long MAX_SECONDS = Long.MAX_VALUE / 1000L - 1;
  private static final long MIN_SECONDS = Long.MIN_VALUE / 1000L + 1;

  private final int column;
  private Getter getter;
  private boolean wasNull;

  /**
   * Creates a reader.
   *
   * @param timestamps how a TIMESTAMP time arrives and is read
   */
  TimeColumn(TimeKind kind, int column, TimestampReading timestamps) {
    this.column = column;
    this.getter = getter(kind, timestamps);
  }

  private static Getter getter(TimeKind kind, TimestampReading timestamps) {
    switch (kind) {
      case TIMESTAMP:
        switch (timestamps) {
          case EPOCH_MILLIS:
            return Getter.LONG;
          case LOCAL_DATE_TIME:
            return Getter.LOCAL_DATE_TIME;
          default:
            return Getter.TIMESTAMP;
        }
      case DATE:
        return Getter.DATE;
      default:
        return Getter.LONG;
    }
  }

  /** Reads the current row's time; check {@link #wasNull()} after. */
  long read(ResultSet rows) throws SQLException {
    switch (getter) {
      case LOCAL_DATE_TIME:
        try {
          final LocalDateTime time = rows.getObject(column, LocalDateTime.class);
          wasNull = time == null;
          return wasNull ? 0L : millis(time);
        } catch (SQLException | AbstractMethodError e) {
          // A driver without the conversion, or a column it refuses to convert (PostgreSQL's timestamptz): read as a
          // Timestamp from now on, which fails in turn if the store itself failed.
          getter = Getter.TIMESTAMP;
          return readTimestamp(rows);
        }
      case TIMESTAMP:
        return readTimestamp(rows);
      case DATE:
        final Date date = rows.getDate(column);
        wasNull = date == null;
        return wasNull ? 0L : SqlFunctions.toInt(date) * TimeKind.DATE.scale();
      default:
        final long value = rows.getLong(column);
        wasNull = rows.wasNull();
        return value;
    }
  }

  /**
   * The epoch milliseconds of a wall-clock time; one beyond the time line (PostgreSQL's {@code infinity} and
   * {@code -infinity}, which its driver reads as {@link LocalDateTime#MAX} and {@link LocalDateTime#MIN}) is kept at
   * its end, as the binary copy keeps them, rather than wrapping around.
   */
  static long millis(LocalDateTime time) {
    final long seconds = time.toEpochSecond(ZoneOffset.UTC);
    if (seconds > MAX_SECONDS) {
      return Long.MAX_VALUE;
    }
    if (seconds < MIN_SECONDS) {
      return Long.MIN_VALUE;
    }
    return seconds * 1000L + time.getNano() / 1_000_000;
  }

  private long readTimestamp(ResultSet rows) throws SQLException {
    final Timestamp timestamp = rows.getTimestamp(column);
    wasNull = timestamp == null;
    return wasNull ? 0L : SqlFunctions.toLong(timestamp);
  }

  /** Whether the last time read was NULL. */
  boolean wasNull() {
    return wasNull;
  }
}
