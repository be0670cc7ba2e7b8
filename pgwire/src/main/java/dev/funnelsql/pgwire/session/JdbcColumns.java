package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.ResultColumn;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Maps FunnelSQL's result columns to PostgreSQL's: the label (Calcite's {@code EXPR$0} becomes PostgreSQL's
 * {@code ?column?}), the type and modifier, and how each value is read into the plain Java value the encoders take.
 */
final class JdbcColumns {
  private final List<ResultColumn> columns;
  private final int[] jdbcTypes;

  private JdbcColumns(List<ResultColumn> columns, int[] jdbcTypes) {
    this.columns = columns;
    this.jdbcTypes = jdbcTypes;
  }

  /** Reads the columns of a result's metadata (null metadata: no columns). */
  static JdbcColumns of(@Nullable ResultSetMetaData metaData) throws SQLException {
    final List<ResultColumn> columns = new ArrayList<>();
    if (metaData == null) {
      return new JdbcColumns(columns, new int[0]);
    }
    final int[] types = new int[metaData.getColumnCount()];
    for (int i = 1; i <= types.length; i++) {
      types[i - 1] = metaData.getColumnType(i);
      final PgType type = types[i - 1] == Types.ARRAY ? arrayType(metaData.getColumnTypeName(i))
          : PgType.ofJdbc(types[i - 1]);
      String label = metaData.getColumnLabel(i);
      if (label == null || label.matches("EXPR\\$\\d+")) {
        label = "?column?";
      }
      columns.add(new ResultColumn(label, type, typmod(type, metaData, i)));
    }
    return new JdbcColumns(columns, types);
  }

  private static int typmod(PgType type, ResultSetMetaData metaData, int i) throws SQLException {
    final int precision = metaData.getPrecision(i);
    if (type == PgType.VARCHAR && precision > 0 && precision < 10_485_760) {
      return precision + 4;
    }
    return -1;
  }

  /** The array type for Calcite's type name, e.g. {@code INTEGER ARRAY}, {@code TIMESTAMP(3) ARRAY}. */
  static PgType arrayType(@Nullable String typeName) {
    final String element = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT).replace(" ARRAY", "").strip();
    final String base = element.replaceAll("\\(.*\\)", "").replace(" NOT NULL", "").strip();
    switch (base) {
      case "BOOLEAN":
        return PgType.BOOL_ARRAY;
      case "SMALLINT":
      case "TINYINT":
        return PgType.INT2_ARRAY;
      case "INTEGER":
        return PgType.INT4_ARRAY;
      case "BIGINT":
        return PgType.INT8_ARRAY;
      case "REAL":
        return PgType.FLOAT4_ARRAY;
      case "DOUBLE":
      case "FLOAT":
        return PgType.FLOAT8_ARRAY;
      case "DECIMAL":
        return PgType.NUMERIC_ARRAY;
      case "DATE":
        return PgType.DATE_ARRAY;
      case "TIMESTAMP":
        return PgType.TIMESTAMP_ARRAY;
      default:
        return PgType.TEXT_ARRAY;
    }
  }

  List<ResultColumn> columns() {
    return columns;
  }

  /** The current row of {@code rows} as plain Java values. */
  @Nullable Object[] read(ResultSet rows) throws SQLException {
    final @Nullable Object[] values = new Object[jdbcTypes.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = read(rows, i + 1, jdbcTypes[i]);
    }
    return values;
  }

  private static @Nullable Object read(ResultSet rows, int i, int jdbcType) throws SQLException {
    final Object value;
    switch (jdbcType) {
      case Types.BOOLEAN:
      case Types.BIT:
        value = rows.getBoolean(i);
        break;
      case Types.TINYINT:
      case Types.SMALLINT:
        value = rows.getShort(i);
        break;
      case Types.INTEGER:
        value = rows.getInt(i);
        break;
      case Types.BIGINT:
        value = rows.getLong(i);
        break;
      case Types.REAL:
        value = rows.getFloat(i);
        break;
      case Types.FLOAT:
      case Types.DOUBLE:
        value = rows.getDouble(i);
        break;
      case Types.DECIMAL:
      case Types.NUMERIC:
        value = rows.getBigDecimal(i);
        break;
      case Types.DATE:
        final java.sql.Date date = rows.getDate(i);
        value = date == null ? null : date.toLocalDate();
        break;
      case Types.TIME:
        final java.sql.Time time = rows.getTime(i);
        value = time == null ? null : time.toLocalTime();
        break;
      case Types.TIMESTAMP:
        final Timestamp timestamp = rows.getTimestamp(i);
        value = timestamp == null ? null : timestamp.toLocalDateTime();
        break;
      case Types.TIMESTAMP_WITH_TIMEZONE:
        final Timestamp instant = rows.getTimestamp(i);
        value = instant == null ? null : instant.toInstant().atOffset(ZoneOffset.UTC);
        break;
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
        value = rows.getBytes(i);
        break;
      case Types.ARRAY:
        final Array array = rows.getArray(i);
        value = array == null ? null : list((Object[]) array.getArray());
        break;
      default:
        value = rows.getString(i);
        break;
    }
    return rows.wasNull() ? null : value;
  }

  private static List<@Nullable Object> list(Object[] items) {
    final List<@Nullable Object> values = new ArrayList<>();
    for (Object item : items) {
      if (item instanceof Timestamp) {
        values.add(((Timestamp) item).toLocalDateTime());
      } else if (item instanceof java.sql.Date) {
        values.add(((java.sql.Date) item).toLocalDate());
      } else {
        values.add(item);
      }
    }
    return values;
  }
}
