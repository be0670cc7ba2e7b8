package dev.funnelsql.calcite.resultcache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.util.ByteString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Makes the copies of rows and parameter values that the cache keeps, and estimates their size in bytes. A kept
 * copy shares nothing mutable with the row the query produced: arrays and collections are copied (collections
 * unmodifiable), dates and byte arrays cloned, immutable values shared; a value of any other class cannot be
 * copied safely, and its result is not cached.
 */
final class RowCopier {
  private static final long REFERENCE = 8;
  private static final long OBJECT = 16;

  /** A value that cannot be copied; {@link #copy} returns it. */
  static final Object UNCOPYABLE = new Object();

  private long bytes;

  /** The bytes (estimated) of everything copied so far, references included. */
  long bytes() {
    return bytes;
  }

  /** An immutable copy of {@code value} (a row, a column value or a parameter), or {@link #UNCOPYABLE}. */
  @Nullable Object copy(@Nullable Object value) {
    bytes += REFERENCE;
    if (value == null || value instanceof Boolean || value instanceof Enum) {
      return value;
    }
    if (value instanceof String) {
      bytes += OBJECT + 24 + 2L * ((String) value).length();
      return value;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Float
        || value instanceof Short || value instanceof Byte || value instanceof Character) {
      bytes += OBJECT + 8;
      return value;
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      bytes += 4 * OBJECT + value.toString().length();
      return value;
    }
    if (value instanceof ByteString) {
      bytes += 2 * OBJECT + ((ByteString) value).length();
      return value;
    }
    if (value instanceof byte[]) {
      bytes += OBJECT + ((byte[]) value).length;
      return ((byte[]) value).clone();
    }
    if (value instanceof Date) {
      bytes += 2 * OBJECT;
      return ((Date) value).clone();
    }
    if (value instanceof TemporalAccessor && value.getClass().getName().startsWith("java.time.")) {
      bytes += 3 * OBJECT;
      return value;
    }
    if (value instanceof Object[]) {
      return copyArray((Object[]) value);
    }
    if (value instanceof List) {
      return copyList((List<?>) value);
    }
    if (value instanceof Map) {
      return copyMap((Map<?, ?>) value);
    }
    return UNCOPYABLE;
  }

  private Object copyArray(Object[] array) {
    bytes += OBJECT;
    final Object[] copy = new Object[array.length];
    for (int i = 0; i < array.length; i++) {
      copy[i] = copy(array[i]);
      if (copy[i] == UNCOPYABLE) {
        return UNCOPYABLE;
      }
    }
    return copy;
  }

  private Object copyList(List<?> list) {
    bytes += 2 * OBJECT;
    final List<@Nullable Object> copy = new ArrayList<>(list.size());
    for (Object element : list) {
      final Object value = copy(element);
      if (value == UNCOPYABLE) {
        return UNCOPYABLE;
      }
      copy.add(value);
    }
    return Collections.unmodifiableList(copy);
  }

  private Object copyMap(Map<?, ?> map) {
    bytes += 2 * OBJECT;
    final Map<@Nullable Object, @Nullable Object> copy = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      final Object key = copy(entry.getKey());
      final Object value = copy(entry.getValue());
      if (key == UNCOPYABLE || value == UNCOPYABLE) {
        return UNCOPYABLE;
      }
      bytes += 2 * OBJECT;
      copy.put(key, value);
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The row to hand to a reader of a kept row: the kept row itself if immutable, else a copy of its array (and of
   * the dates and byte arrays in it), so that a reader that writes into its row cannot change the kept one.
   */
  static @Nullable Object forReader(@Nullable Object row) {
    if (row instanceof Object[]) {
      final Object[] copy = ((Object[]) row).clone();
      for (int i = 0; i < copy.length; i++) {
        copy[i] = forReader(copy[i]);
      }
      return copy;
    }
    if (row instanceof Date) {
      return ((Date) row).clone();
    }
    if (row instanceof byte[]) {
      return ((byte[]) row).clone();
    }
    return row;
  }
}
