package dev.funnelsql.calcite.function;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The kinds of time argument the behavioural functions accept, and how each maps onto the {@code long} time line
 * the algorithms run on: timestamps and dates in epoch milliseconds, integers in their own unit.
 */
public enum TimeKind {
  /** TIMESTAMP (with or without local time zone): epoch milliseconds; windows are intervals or seconds. */
  TIMESTAMP(1000L, 1L),
  /** DATE: converted to the epoch milliseconds of its midnight, then handled like TIMESTAMP. */
  DATE(1000L, 86_400_000L),
  /** An integer type: the window and time conditions are in the same unit as the values. */
  INTEGER(1L, 1L);

  private final long unitsPerSecond;
  private final long scale;

  TimeKind(long unitsPerSecond, long scale) {
    this.unitsPerSecond = unitsPerSecond;
    this.scale = scale;
  }

  /** The factor from Calcite's internal value (milliseconds, days, the integer) to the time line. */
  public long scale() {
    return scale;
  }

  /** Units of the time line per second of a pattern's or window's seconds. */
  public long unitsPerSecond() {
    return unitsPerSecond;
  }

  /** Whether windows are given as INTERVALs or seconds (true) rather than plain numbers in the time's unit. */
  public boolean isTemporal() {
    return this != INTEGER;
  }

  /** Returns the kind of a SQL type, or null if the type cannot be a time argument. */
  public static @Nullable TimeKind of(RelDataType type) {
    final SqlTypeName name = type.getSqlTypeName();
    switch (name) {
      case TIMESTAMP:
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return TIMESTAMP;
      case DATE:
        return DATE;
      case TINYINT:
      case SMALLINT:
      case INTEGER:
      case BIGINT:
        return INTEGER;
      default:
        return null;
    }
  }
}
