package dev.funnelsql.pgwire.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ByteConverter;

/**
 * Values in PostgreSQL's text and binary formats: numerics checked against pgjdbc's own binary decoder on
 * thousands of random values, floats round-tripping exactly in PostgreSQL's shortest form, dates and times by their
 * distance from PostgreSQL's epoch, arrays in both formats.
 */
class ValueFormatsTest {
  @Test
  void binaryNumericsDecodeToTheSameValueWithPgjdbc() {
    final SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 5000; i++) {
      final BigInteger unscaled = new BigInteger(1 + random.nextInt(120), new java.util.Random(random.nextLong()));
      final BigDecimal value = new BigDecimal(random.nextBoolean() ? unscaled : unscaled.negate(),
          random.nextInt(25));
      final byte[] bytes = BinaryValues.bytes(PgType.NUMERIC, value);
      final BigDecimal decoded = (BigDecimal) ByteConverter.numeric(bytes);
      assertEquals(value, decoded, "pgjdbc reads " + value);
      assertEquals(value, BinaryValues.parse(PgType.NUMERIC, bytes), "FunnelSQL reads " + value);
    }
    assertEquals(new BigDecimal("0.00"), ByteConverter.numeric(BinaryValues.bytes(PgType.NUMERIC,
        new BigDecimal("0.00"))));
  }

  @Test
  void floatsInTextRoundTripExactlyInPostgreSqlsForm() {
    final SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      final double value = Double.longBitsToDouble(random.nextLong());
      if (!Double.isNaN(value)) {
        assertEquals(value, Double.parseDouble(TextValues.floating(value, 15)), Double.toString(value));
      }
      final float single = Float.intBitsToFloat(random.nextInt());
      if (!Float.isNaN(single)) {
        assertEquals(single, Float.parseFloat(TextValues.floating(single, 6)), Float.toString(single));
      }
    }
    assertEquals(List.of("1", "0.5", "1e+15", "123456789012345", "0.0001", "1e-05", "-2.5e+20", "NaN",
        "-Infinity", "0"), Arrays.stream(new double[] {1, 0.5, 1e15, 123456789012345d, 0.0001, 0.00001, -2.5e20,
            Double.NaN, Double.NEGATIVE_INFINITY, 0}).mapToObj(d -> TextValues.floating(d, 15)).toList());
  }

  @Test
  void datesAndTimesCountFromPostgreSqlsEpoch() {
    final SplittableRandom random = new SplittableRandom(9);
    final LocalDateTime epoch = LocalDateTime.of(2000, 1, 1, 0, 0);
    for (int i = 0; i < 2000; i++) {
      final LocalDateTime time = epoch.plus(random.nextLong(-4_000_000_000_000_000L, 4_000_000_000_000_000L),
          ChronoUnit.MICROS);
      final byte[] bytes = BinaryValues.bytes(PgType.TIMESTAMP, time);
      assertEquals(ChronoUnit.MICROS.between(epoch, time), java.nio.ByteBuffer.wrap(bytes).getLong());
      assertEquals(time, BinaryValues.parse(PgType.TIMESTAMP, bytes));
      assertEquals(time, TextValues.parse(PgType.TIMESTAMP, TextValues.format(PgType.TIMESTAMP, time)));
      final LocalDate date = time.toLocalDate();
      assertEquals(date, BinaryValues.parse(PgType.DATE, BinaryValues.bytes(PgType.DATE, date)));
      final LocalTime clock = time.toLocalTime();
      assertEquals(clock, BinaryValues.parse(PgType.TIME, BinaryValues.bytes(PgType.TIME, clock)));
    }
    assertEquals("2026-01-02 03:04:05.5", TextValues.format(PgType.TIMESTAMP,
        LocalDateTime.of(2026, 1, 2, 3, 4, 5, 500_000_000)));
    assertEquals(LocalDateTime.of(2026, 1, 2, 3, 4, 5), TextValues.parse(PgType.TIMESTAMP, "2026-01-02 03:04:05+02"));
    assertEquals(LocalDate.of(2026, 1, 2), TextValues.parse(PgType.DATE, "2026-01-02 +00"));
  }

  @Test
  void arraysInTextAndBinary() {
    assertEquals("{1,NULL,3}", TextValues.format(PgType.INT4_ARRAY, Arrays.asList(1, null, 3)));
    assertEquals("{\"a b\",\"q\\\"\",\"\",x}", TextValues.format(PgType.TEXT_ARRAY, List.of("a b", "q\"", "", "x")));
    assertEquals("{t,f}", TextValues.format(PgType.BOOL_ARRAY, List.of(true, false)));
    final byte[] bytes = BinaryValues.bytes(PgType.INT8_ARRAY, Arrays.asList(5L, null));
    final java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
    assertArrayEquals(new int[] {1, 1, PgType.INT8.oid(), 2, 1, 8}, new int[] {buf.getInt(), buf.getInt(),
        buf.getInt(), buf.getInt(), buf.getInt(), buf.getInt()});
    assertEquals(5L, buf.getLong());
    assertEquals(-1, buf.getInt());
  }

  @Test
  void textParametersOfEachType() {
    assertEquals(Boolean.TRUE, TextValues.parse(PgType.BOOL, "on"));
    assertEquals(Boolean.FALSE, TextValues.parse(PgType.BOOL, "f"));
    assertEquals(42L, TextValues.parse(PgType.INT8, " 42 "));
    assertEquals(new BigDecimal("-1.50"), TextValues.parse(PgType.NUMERIC, "-1.50"));
    assertArrayEquals(new byte[] {0, (byte) 0xff}, (byte[]) TextValues.parse(PgType.BYTEA, "\\x00ff"));
    assertEquals("\\x00ff", TextValues.format(PgType.BYTEA, new byte[] {0, (byte) 0xff}));
    assertArrayEquals("héllo".getBytes(StandardCharsets.UTF_8), TextValues.bytes(PgType.TEXT, "héllo"));
  }
}
