package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.TextValues;
import dev.funnelsql.pgwire.sql.Token;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Writes bound parameter values as Calcite SQL literals: {@code TIMESTAMP '…'}, {@code DATE '…'}, numbers, strings. */
final class SqlLiterals {
  private SqlLiterals() {
  }

  static boolean isTemporal(@Nullable Object value) {
    return value instanceof LocalDateTime || value instanceof LocalDate || value instanceof LocalTime
        || value instanceof OffsetDateTime;
  }

  static String of(@Nullable Object value, @Nullable PgType type) {
    if (value == null) {
      final String cast = type == null ? null : castType(type);
      return cast == null ? "NULL" : "CAST(NULL AS " + cast + ")";
    }
    if (value instanceof OffsetDateTime) {
      return of(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), type);
    }
    if (value instanceof LocalDateTime) {
      return "TIMESTAMP " + Token.string(String.valueOf(TextValues.format(PgType.TIMESTAMP, value))).text();
    }
    if (value instanceof LocalDate) {
      return "DATE " + Token.string(value.toString()).text();
    }
    if (value instanceof LocalTime) {
      return "TIME " + Token.string(String.valueOf(TextValues.format(PgType.TIME, value))).text();
    }
    if (value instanceof Boolean) {
      return value.toString().toUpperCase(java.util.Locale.ROOT);
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof Number) {
      final double number = ((Number) value).doubleValue();
      return Double.isFinite(number) ? value.toString() : "CAST(" + Token.string(value.toString()).text()
          + " AS DOUBLE)";
    }
    return Token.string(String.valueOf(TextValues.format(PgType.TEXT, value))).text();
  }

  private static @Nullable String castType(PgType type) {
    switch (type) {
      case TIMESTAMP:
      case TIMESTAMPTZ:
        return "TIMESTAMP";
      case DATE:
        return "DATE";
      case INT4:
        return "INTEGER";
      case INT8:
        return "BIGINT";
      case FLOAT8:
        return "DOUBLE";
      case BOOL:
        return "BOOLEAN";
      default:
        return null;
    }
  }
}
