package dev.funnelsql.pgwire.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's text format of values ({@code t}/{@code f}, {@code 2026-01-02 10:00:00.5}, {@code {1,2}},
 * {@code \x00ff}, …), both ways: what the server sends in DataRow and what it reads from text parameters.
 */
public final class TextValues {
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .appendPattern("HH:mm:ss").optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
      .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd").appendLiteral(' ').append(TIME).toFormatter(Locale.ROOT);
  private static final DateTimeFormatter TIMESTAMP_INPUT = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd")
      .optionalStart().appendPattern("['T'][' ']HH:mm[:ss]")
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .optionalStart().appendOffset("+HH:mm:ss", "Z").optionalEnd()
      .toFormatter(Locale.ROOT);

  private TextValues() {
  }

  /** The text form of a value of that type (null for SQL NULL). */
  public static @Nullable String format(PgType type, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof List) {
      return array(type, (List<?>) value);
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? "t" : "f";
    }
    if (value instanceof Double || value instanceof Float) {
      return floating(((Number) value).doubleValue(), value instanceof Float ? 6 : 15);
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    if (value instanceof LocalDateTime) {
      return TIMESTAMP.format((LocalDateTime) value);
    }
    if (value instanceof OffsetDateTime) {
      return TIMESTAMP.format(((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC)) + "+00";
    }
    if (value instanceof LocalTime) {
      return TIME.format((LocalTime) value);
    }
    if (value instanceof LocalDate) {
      return value.toString();
    }
    if (value instanceof byte[]) {
      return hex((byte[]) value);
    }
    return String.valueOf(value);
  }

  /** The text form as UTF-8 bytes, for a DataRow. */
  public static byte @Nullable [] bytes(PgType type, @Nullable Object value) {
    final @Nullable String text = format(type, value);
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  /** PostgreSQL's float output: shortest exact digits, exponent form outside 1e-4 .. 1e{digits}. */
  static String floating(double value, int digits) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return 1 / value < 0 ? "-0" : "0";
    }
    final BigDecimal exact = new BigDecimal(digits == 6 ? Float.toString((float) value) : Double.toString(value))
        .stripTrailingZeros();
    final int exponent = exact.precision() - exact.scale() - 1;
    if (exponent >= -4 && exponent < digits) {
      return exact.toPlainString();
    }
    final String unscaled = exact.unscaledValue().abs().toString();
    final StringBuilder text = new StringBuilder(exact.signum() < 0 ? "-" : "").append(unscaled.charAt(0));
    if (unscaled.length() > 1) {
      text.append('.').append(unscaled, 1, unscaled.length());
    }
    text.append('e').append(exponent < 0 ? '-' : '+');
    final int magnitude = Math.abs(exponent);
    return text.append(magnitude < 10 ? "0" : "").append(magnitude).toString();
  }

  private static String hex(byte[] bytes) {
    final StringBuilder text = new StringBuilder("\\x");
    for (byte b : bytes) {
      text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return text.toString();
  }

  private static String array(PgType type, List<?> values) {
    final @Nullable PgType element = type.element();
    final PgType elementType = element == null ? PgType.TEXT : element;
    final StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      final @Nullable String item = format(elementType, values.get(i));
      if (item == null) {
        text.append("NULL");
      } else if (item.isEmpty() || item.equalsIgnoreCase("null")
          || item.chars().anyMatch(c -> "{},\"\\ ".indexOf(c) >= 0)) {
        text.append('"').append(item.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        text.append(item);
      }
    }
    return text.append('}').toString();
  }

  /** Reads a text parameter as a value of {@code type}; throws IllegalArgumentException if it is not one. */
  public static Object parse(PgType type, String text) {
    final String trimmed = text.trim();
    switch (type) {
      case BOOL:
        return parseBoolean(trimmed);
      case INT2:
        return Short.parseShort(trimmed);
      case INT4:
      case OID:
        return Integer.parseInt(trimmed);
      case INT8:
        return Long.parseLong(trimmed);
      case FLOAT4:
        return Float.parseFloat(trimmed);
      case FLOAT8:
        return Double.parseDouble(trimmed);
      case NUMERIC:
        return new BigDecimal(trimmed);
      case DATE:
        return parseTimestamp(trimmed).toLocalDate();
      case TIME:
        return LocalTime.parse(withoutOffset(trimmed));
      case TIMESTAMP:
        // PostgreSQL: a time zone in the input of a timestamp without time zone is ignored.
        return parseTimestamp(trimmed).toLocalDateTime();
      case TIMESTAMPTZ:
        return parseTimestamp(trimmed).withOffsetSameInstant(ZoneOffset.UTC);
      case BYTEA:
        return parseBytea(text);
      default:
        return text;
    }
  }

  private static Boolean parseBoolean(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "t":
      case "true":
      case "y":
      case "yes":
      case "on":
      case "1":
        return Boolean.TRUE;
      case "f":
      case "false":
      case "n":
      case "no":
      case "off":
      case "0":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("invalid input syntax for type boolean: \"" + text + "\"");
    }
  }

  private static String withoutOffset(String text) {
    final int offset = Math.max(text.lastIndexOf('+'), text.lastIndexOf('-'));
    return offset > 0 ? text.substring(0, offset).strip() : text;
  }

  private static OffsetDateTime parseTimestamp(String text) {
    final String compact = text.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ([+-])", "$1$2");
    final var parsed = TIMESTAMP_INPUT.parseBest(compact, OffsetDateTime::from, LocalDateTime::from,
        LocalDate::from);
    if (parsed instanceof OffsetDateTime) {
      return (OffsetDateTime) parsed;
    }
    if (parsed instanceof LocalDateTime) {
      return ((LocalDateTime) parsed).atOffset(ZoneOffset.UTC);
    }
    return ((LocalDate) parsed).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  private static byte[] parseBytea(String text) {
    if (!text.startsWith("\\x")) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    final byte[] bytes = new byte[(text.length() - 2) / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(text.substring(2 + 2 * i, 4 + 2 * i), 16);
    }
    return bytes;
  }
}
