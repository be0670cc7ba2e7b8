package dev.funnelsql.jdbc;

import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * JDBC 4.2's {@code java.time} values, which Calcite's JDBC layer neither binds nor returns, as the {@code java.sql}
 * values it does, and back. FunnelSQL's times have no zone and are read as UTC (as its calendar functions do), so a
 * value with an offset or an instant becomes the UTC date and time, and a time read as an offset or an instant is
 * taken to be UTC.
 */
final class JavaTimeValues {
  private JavaTimeValues() {
  }

  /** The {@code java.sql} form of a {@code java.time} parameter value; any other value as it is. */
  static @Nullable Object toJdbc(@Nullable Object value) {
    if (value instanceof LocalDateTime) {
      return Timestamp.valueOf((LocalDateTime) value);
    }
    if (value instanceof LocalDate) {
      return Date.valueOf((LocalDate) value);
    }
    if (value instanceof LocalTime) {
      return time((LocalTime) value);
    }
    if (value instanceof OffsetDateTime) {
      return utc(((OffsetDateTime) value).toInstant());
    }
    if (value instanceof ZonedDateTime) {
      return utc(((ZonedDateTime) value).toInstant());
    }
    if (value instanceof Instant) {
      return utc((Instant) value);
    }
    if (value instanceof OffsetTime) {
      return time(((OffsetTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime());
    }
    return value;
  }

  private static Timestamp utc(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  private static Time time(LocalTime time) {
    final Time value = Time.valueOf(time);
    value.setTime(value.getTime() + time.getNano() / 1_000_000);
    return value;
  }

  /** Whether {@code type} is a {@code java.time} class that {@link #fromJdbc} produces. */
  static boolean isJavaTime(Class<?> type) {
    return type == LocalDateTime.class || type == LocalDate.class || type == LocalTime.class
        || type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class
        || type == OffsetTime.class;
  }

  /**
   * A {@code java.sql} date, time or timestamp as a {@code java.time} value of class {@code type}
   * ({@link #isJavaTime}); null if the value has no such form (a date has no time of day, a time no date).
   */
  static @Nullable Object fromJdbc(Object value, Class<?> type) {
    final LocalDateTime dateTime;
    if (value instanceof Timestamp) {
      dateTime = ((Timestamp) value).toLocalDateTime();
    } else if (value instanceof Date) {
      dateTime = ((Date) value).toLocalDate().atStartOfDay();
    } else if (value instanceof Time) {
      final LocalTime time = ((Time) value).toLocalTime().withNano((int) Math.floorMod(((Time) value).getTime(),
          1000L) * 1_000_000);
      return type == LocalTime.class ? time : type == OffsetTime.class ? time.atOffset(ZoneOffset.UTC) : null;
    } else {
      return null;
    }
    if (type == LocalDateTime.class) {
      return dateTime;
    }
    if (type == LocalDate.class) {
      return dateTime.toLocalDate();
    }
    if (type == OffsetDateTime.class) {
      return dateTime.atOffset(ZoneOffset.UTC);
    }
    if (type == ZonedDateTime.class) {
      return dateTime.atZone(ZoneOffset.UTC);
    }
    if (type == Instant.class) {
      return dateTime.toInstant(ZoneOffset.UTC);
    }
    if (type == LocalTime.class && value instanceof Timestamp) {
      return dateTime.toLocalTime();
    }
    return null;
  }
}
