package dev.funnelsql.calcite.stepscan;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.SqlFunctions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The column types a step scan reads from the event store's result set, each read with its primitive getter and
 * converted to Calcite's internal representation exactly as Calcite's own JDBC adapter does (dates as days,
 * timestamps as milliseconds of the local wall clock).
 */
enum ColumnKind {
  TINYINT, SMALLINT, INTEGER, BIGINT, BOOLEAN, REAL, DOUBLE, DECIMAL, VARCHAR, DATE, TIMESTAMP;

  /** The kind of a SQL type, or null if the step scan does not read that type. */
  static @Nullable ColumnKind of(RelDataType type) {
    switch (type.getSqlTypeName()) {
      case TINYINT:
        return TINYINT;
      case SMALLINT:
        return SMALLINT;
      case INTEGER:
        return INTEGER;
      case BIGINT:
        return BIGINT;
      case BOOLEAN:
        return BOOLEAN;
      case REAL:
        return REAL;
      case FLOAT:
      case DOUBLE:
        return DOUBLE;
      case DECIMAL:
        return DECIMAL;
      case CHAR:
      case VARCHAR:
        return VARCHAR;
      case DATE:
        return DATE;
      case TIMESTAMP:
        return TIMESTAMP;
      default:
        return null;
    }
  }

  /** Whether values of this kind are integers, read with {@code getLong}. */
  boolean integral() {
    return this == TINYINT || this == SMALLINT || this == INTEGER || this == BIGINT;
  }

  /** An integral value in Calcite's internal representation of this kind. */
  Object ofLong(long value) {
    switch (this) {
      case TINYINT:
        return (byte) value;
      case SMALLINT:
        return (short) value;
      case INTEGER:
        return (int) value;
      default:
        return value;
    }
  }

  /** Reads a column in Calcite's internal representation, null for SQL NULL. */
  @Nullable Object read(ResultSet rows, int column) throws SQLException {
    switch (this) {
      case BOOLEAN:
        final boolean bool = rows.getBoolean(column);
        return rows.wasNull() ? null : bool;
      case REAL:
        final float real = rows.getFloat(column);
        return rows.wasNull() ? null : real;
      case DOUBLE:
        final double number = rows.getDouble(column);
        return rows.wasNull() ? null : number;
      case DECIMAL:
        final BigDecimal decimal = rows.getBigDecimal(column);
        return decimal;
      case VARCHAR:
        return rows.getString(column);
      case DATE:
        final Date date = rows.getDate(column);
        return date == null ? null : SqlFunctions.toInt(date);
      case TIMESTAMP:
        final Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : SqlFunctions.toLong(timestamp);
      default:
        final long value = rows.getLong(column);
        return rows.wasNull() ? null : ofLong(value);
    }
  }
}
