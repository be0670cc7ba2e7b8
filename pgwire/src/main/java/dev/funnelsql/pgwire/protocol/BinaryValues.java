package dev.funnelsql.pgwire.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's binary format of values (each type's {@code send}/{@code recv}: big-endian integers, microseconds
 * since 2000-01-01, base-10000 numerics, one-dimensional arrays), used where a client such as pgjdbc asks for it.
 */
public final class BinaryValues {
  private static final LocalDateTime EPOCH = LocalDateTime.of(2000, 1, 1, 0, 0);
  private static final LocalDate EPOCH_DATE = EPOCH.toLocalDate();
  private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);

  private BinaryValues() {
  }

  /** Whether the binary format of {@code type} is supported (otherwise the column is sent as text). */
  public static boolean supports(PgType type) {
    return type != PgType.UNKNOWN && (type.element() == null || supports(type.element()));
  }

  /** The binary form of a value of that type (null for SQL NULL). */
  public static byte @Nullable [] bytes(PgType type, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    switch (type) {
      case BOOL:
        return new byte[] {(byte) (Boolean.TRUE.equals(value) ? 1 : 0)};
      case INT2:
        return ByteBuffer.allocate(2).putShort(((Number) value).shortValue()).array();
      case INT4:
      case OID:
      case REGPROC:
        return ByteBuffer.allocate(4).putInt(((Number) value).intValue()).array();
      case INT8:
        return ByteBuffer.allocate(8).putLong(((Number) value).longValue()).array();
      case FLOAT4:
        return ByteBuffer.allocate(4).putFloat(((Number) value).floatValue()).array();
      case FLOAT8:
        return ByteBuffer.allocate(8).putDouble(((Number) value).doubleValue()).array();
      case NUMERIC:
        return numeric(value instanceof BigDecimal ? (BigDecimal) value : new BigDecimal(value.toString()));
      case DATE:
        return ByteBuffer.allocate(4).putInt((int) ChronoUnit.DAYS.between(EPOCH_DATE, (LocalDate) value)).array();
      case TIME:
        return ByteBuffer.allocate(8).putLong(((LocalTime) value).toNanoOfDay() / 1000).array();
      case TIMESTAMP:
        return ByteBuffer.allocate(8).putLong(micros((LocalDateTime) value)).array();
      case TIMESTAMPTZ:
        return ByteBuffer.allocate(8).putLong(micros(utc(value))).array();
      case BYTEA:
        return (byte[]) value;
      default:
        if (type.element() != null && value instanceof List) {
          return array(type.element(), (List<?>) value);
        }
        return String.valueOf(TextValues.format(type, value)).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static LocalDateTime utc(Object value) {
    return value instanceof OffsetDateTime
        ? ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime() : (LocalDateTime) value;
  }

  private static long micros(LocalDateTime value) {
    final Duration since = Duration.between(EPOCH, value);
    return since.getSeconds() * 1_000_000L + since.getNano() / 1000;
  }

  private static byte[] numeric(BigDecimal value) {
    final int dscale = Math.max(0, value.scale());
    final BigDecimal abs = value.abs().setScale(dscale);
    // Digits of base 10000, aligned on the decimal point: scale the fraction up to a multiple of four digits.
    final int fractionGroups = (dscale + 3) / 4;
    BigInteger unscaled = abs.movePointRight(fractionGroups * 4).toBigIntegerExact();
    final List<Short> groups = new ArrayList<>();
    while (unscaled.signum() > 0) {
      final BigInteger[] qr = unscaled.divideAndRemainder(TEN_THOUSAND);
      groups.add(0, qr[1].shortValue());
      unscaled = qr[0];
    }
    int weight = groups.size() - fractionGroups - 1;
    while (!groups.isEmpty() && groups.get(groups.size() - 1) == 0) {
      groups.remove(groups.size() - 1);
    }
    if (groups.isEmpty()) {
      weight = 0;
    }
    final ByteBuffer buf = ByteBuffer.allocate(8 + 2 * groups.size());
    buf.putShort((short) groups.size()).putShort((short) weight)
        .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) dscale);
    groups.forEach(buf::putShort);
    return buf.array();
  }

  private static byte[] array(PgType element, List<?> values) {
    final List<byte @Nullable []> items = new ArrayList<>();
    int size = 20;
    boolean nulls = false;
    for (Object value : values) {
      final byte @Nullable [] item = bytes(element, value);
      items.add(item);
      nulls |= item == null;
      size += 4 + (item == null ? 0 : item.length);
    }
    final ByteBuffer buf = ByteBuffer.allocate(size).putInt(1).putInt(nulls ? 1 : 0).putInt(element.oid())
        .putInt(values.size()).putInt(1);
    for (byte @Nullable [] item : items) {
      if (item == null) {
        buf.putInt(-1);
      } else {
        buf.putInt(item.length).put(item);
      }
    }
    return buf.array();
  }

  /** Reads a binary parameter of {@code type}; throws IllegalArgumentException if the bytes do not fit. */
  public static Object parse(PgType type, byte[] bytes) {
    final ByteBuffer buf = ByteBuffer.wrap(bytes);
    switch (type) {
      case BOOL:
        return bytes[0] != 0;
      case INT2:
        return buf.getShort();
      case INT4:
      case OID:
        return buf.getInt();
      case INT8:
        return buf.getLong();
      case FLOAT4:
        return buf.getFloat();
      case FLOAT8:
        return buf.getDouble();
      case NUMERIC:
        return parseNumeric(buf);
      case DATE:
        return EPOCH_DATE.plusDays(buf.getInt());
      case TIME:
        return LocalTime.ofNanoOfDay(buf.getLong() * 1000);
      case TIMESTAMP:
        return EPOCH.plus(buf.getLong(), ChronoUnit.MICROS);
      case TIMESTAMPTZ:
        return OffsetDateTime.ofInstant(Instant.from(EPOCH.atOffset(ZoneOffset.UTC)).plus(buf.getLong(),
            ChronoUnit.MICROS), ZoneOffset.UTC);
      case BYTEA:
        return bytes;
      default:
        return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static BigDecimal parseNumeric(ByteBuffer buf) {
    final int count = buf.getShort();
    final int weight = buf.getShort();
    final int sign = buf.getShort() & 0xFFFF;
    final int dscale = buf.getShort();
    if (sign == 0xC000) {
      throw new IllegalArgumentException("NaN is not a supported numeric value");
    }
    BigDecimal value = BigDecimal.ZERO;
    for (int i = 0; i < count; i++) {
      value = value.add(BigDecimal.valueOf(buf.getShort()).scaleByPowerOfTen(4 * (weight - i)));
    }
    value = value.setScale(dscale, java.math.RoundingMode.UNNECESSARY);
    return sign == 0x4000 ? value.negate() : value;
  }
}
