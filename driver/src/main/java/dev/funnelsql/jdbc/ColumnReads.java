package dev.funnelsql.jdbc;

import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The getters a client calls for every value of a row, called on Calcite's result set directly rather than through
 * reflection, and a TIMESTAMP value made as Avatica makes it but without its two calendar conversions where the zones
 * it consults allow (a JVM in UTC, as servers often are): reading the 1.57M rows of a funnel's detail table spent a
 * quarter of the reading thread's time in {@code Timestamp.valueOf} and the zone's offsets.
 *
 * <p>Avatica makes a TIMESTAMP column's value from the milliseconds Calcite keeps ({@code v}, the wall time read as
 * UTC): {@code Timestamp.valueOf} of that wall time in the JVM's zone, then moved by the offset of the zone Avatica
 * read at start-up and back by that of the connection's. When the first two are UTC and the third has a fixed offset,
 * that is {@code v} moved back by that offset, which {@link #timestamp} applies; outside the Gregorian years 1583 to
 * 9999 (where {@code Timestamp.valueOf} counts days its own way) and in other zones, Avatica's own getter runs.
 */
final class ColumnReads {
  /** Returned by {@link #read} for a getter it does not call itself. */
  static final Object NOT_READ = new Object();
  /** 1583-01-01T00:00:00Z and 10000-01-01T00:00:00Z, in epoch milliseconds. */
  private static final long FIRST_FAST = -12_212_553_600_000L;
  private static final long PAST_FAST = 253_402_300_800_000L;
  private static final byte UNKNOWN = 0;
  private static final byte OTHER = 1;
  private static final byte FAST_TIMESTAMP = 2;

  private final ResultSet rows;
  /**
   * Whether the zones Avatica consults let {@link #timestamp} apply the shift, as
   * {@link #shift(TimeZone, TimeZone, TimeZone)} decides.
   */
  private final boolean fixedZones;
  /** What {@link #timestamp} subtracts from Calcite's milliseconds. */
  private final long shift;
  /** Per column (index - 1): whether it is a TIMESTAMP read fast, found at its first read. */
  private byte[] kinds = new byte[0];

  private ColumnReads(ResultSet rows, @Nullable Long shift) {
    this.rows = rows;
    this.fixedZones = shift != null;
    this.shift = shift == null ? 0 : shift;
  }

  /** The reads of a result set: the getters called directly, and TIMESTAMPs made fast when it is Avatica's. */
  static ColumnReads of(ResultSet rows) {
    @Nullable Long shift = null;
    if (rows instanceof AvaticaResultSet) {
      try {
        shift = shift(TimeZone.getDefault(), DateTimeUtils.DEFAULT_ZONE, ((AvaticaResultSet) rows).getStatement()
            .getConnection().unwrap(AvaticaConnection.class).getTimeZone());
      } catch (SQLException | RuntimeException e) {
        shift = null;
      }
    }
    return new ColumnReads(rows, shift);
  }

  /**
   * The milliseconds that Avatica's TIMESTAMP getter subtracts from the wall time it is given, when the JVM's zone
   * ({@code now}) and the one Avatica read at start-up are UTC or another zone that is always at offset zero, and the
   * connection's has a fixed offset; null otherwise, and Avatica's getter runs.
   */
  static @Nullable Long shift(TimeZone now, TimeZone atStart, TimeZone connection) {
    final @Nullable ZoneOffset ofConnection = fixedOffset(connection);
    if (!ZoneOffset.UTC.equals(fixedOffset(now)) || !ZoneOffset.UTC.equals(fixedOffset(atStart))
        || ofConnection == null) {
      return null;
    }
    return 1000L * ofConnection.getTotalSeconds();
  }

  private static @Nullable ZoneOffset fixedOffset(TimeZone zone) {
    final ZoneRules rules = zone.toZoneId().getRules();
    return rules.isFixedOffset() ? rules.getOffset(Instant.EPOCH) : null;
  }

  /**
   * Reads column {@code column} of the current row with the getter {@code method} (a one-argument getter of
   * {@link ResultSet} given a column index), or returns {@link #NOT_READ} for a getter it leaves to reflection.
   */
  @Nullable Object read(Method method, int column) throws SQLException {
    switch (method.getName()) {
      case "getObject":
        return isFastTimestamp(column) ? timestamp(column) : rows.getObject(column);
      case "getTimestamp":
        return isFastTimestamp(column) ? timestamp(column) : rows.getTimestamp(column);
      case "getString":
        return rows.getString(column);
      case "getLong":
        return rows.getLong(column);
      case "getInt":
        return rows.getInt(column);
      case "getDouble":
        return rows.getDouble(column);
      default:
        return NOT_READ;
    }
  }

  /** Whether {@code wasNull} reports the value read last. */
  boolean wasNull() throws SQLException {
    return rows.wasNull();
  }

  private boolean isFastTimestamp(int column) throws SQLException {
    if (!fixedZones || column < 1) {
      return false;
    }
    if (column > kinds.length) {
      kinds = Arrays.copyOf(kinds, Math.max(column, rows.getMetaData().getColumnCount()));
    }
    if (kinds[column - 1] == UNKNOWN) {
      kinds[column - 1] = rows.getMetaData().getColumnType(column) == Types.TIMESTAMP && readsAsNumber(column)
          ? FAST_TIMESTAMP : OTHER;
    }
    return kinds[column - 1] == FAST_TIMESTAMP;
  }

  /** Whether Avatica keeps the column's values as numbers (it refuses {@code getLong} of a Timestamp it was given). */
  private boolean readsAsNumber(int column) {
    try {
      rows.getLong(column);
      return true;
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  private @Nullable Timestamp timestamp(int column) throws SQLException {
    final long wallTime = rows.getLong(column);
    if (rows.wasNull()) {
      return null;
    }
    if (wallTime < FIRST_FAST || wallTime >= PAST_FAST) {
      return rows.getTimestamp(column);
    }
    return new Timestamp(wallTime - shift);
  }
}
