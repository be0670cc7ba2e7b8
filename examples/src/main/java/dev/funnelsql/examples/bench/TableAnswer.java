package dev.funnelsql.examples.bench;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What reading a whole result gave: its rows, a checksum of every value (order-independent when read as canonical
 * text; when read value by value, as for a projection, it depends on the order and serves only to use every value
 * read), and, when the reader was given a {@link Projection}, the answer it compares ({@code key → sum}, e.g. users
 * per step). Values are compared in
 * a canonical text (numbers with an integral value as integers, others to 9 significant digits; times as local
 * date-times), so that the same answer from two drivers has the same checksum. Small results also keep their rows,
 * sorted, to show what differs.
 *
 * @param rows rows read
 * @param checksum the sum of a 64-bit hash of each row's canonical text (read value by value: a running hash of
 *     the values, never compared)
 * @param answer the projection's sums, zeros left out (empty without a projection)
 * @param sample every row's canonical text, sorted, when there are at most {@value #SAMPLE_ROWS}; else empty
 */
record TableAnswer(long rows, long checksum, SortedMap<String, Long> answer, List<String> sample) {
  /** Results of at most this many rows keep them for the report of a mismatch. */
  static final int SAMPLE_ROWS = 400;

  /** Adds one row's contribution to an answer, e.g. {@code users} under the row's step. */
  @FunctionalInterface
  interface Projection {
    /** Adds the current row of {@code row} to {@code answer}. */
    void add(ResultSet row, Map<String, Long> answer) throws SQLException;
  }

  /**
   * Reads every row and column of {@code rows}. Without a projection, the rows are compared whole, so each value's
   * canonical text is hashed; with one, only its answer is compared, and each value is read as any client reads it
   * ({@code getObject}) and its hash summed, which keeps the read from being optimised away without making text of
   * every value (for a table of 1.57M rows, about as long as FunnelSQL took to compute them).
   */
  static TableAnswer read(ResultSet rows, Projection projection) throws SQLException {
    return projection == null ? readWhole(rows) : readProjected(rows, projection);
  }

  private static TableAnswer readProjected(ResultSet rows, Projection projection) throws SQLException {
    return readEach(rows, projection, false);
  }

  /**
   * Reads every row as {@link #read} does with a projection, and answers, per position {@code k}, the rows whose
   * array has a {@code k}-th element: of {@code FUNNEL_TIMES} per user, the users per step reached.
   */
  static TableAnswer readArrays(ResultSet rows) throws SQLException {
    return readEach(rows, null, true);
  }

  /**
   * Reads each value with {@code getObject} (an array element by element, as a client that uses them must) and sums
   * their hashes; the answer is the projection's, or with {@code countArrays} the rows per array position.
   */
  private static TableAnswer readEach(ResultSet rows, Projection projection, boolean countArrays)
      throws SQLException {
    final int columns = rows.getMetaData().getColumnCount();
    long count = 0;
    long checksum = 0;
    final Map<String, Long> answer = new TreeMap<>();
    while (rows.next()) {
      count++;
      for (int c = 1; c <= columns; c++) {
        final Object value = rows.getObject(c);
        if (value instanceof Array) {
          final Object[] elements = (Object[]) ((Array) value).getArray();
          checksum = 31 * checksum + Arrays.hashCode(elements);
          for (int k = 1; countArrays && k <= elements.length; k++) {
            answer.merge(String.valueOf(k), 1L, Long::sum);
          }
        } else {
          checksum = 31 * checksum + Objects.hashCode(value);
        }
      }
      if (projection != null) {
        projection.add(rows, answer);
      }
    }
    return of(count, checksum, answer, List.of());
  }

  private static TableAnswer readWhole(ResultSet rows) throws SQLException {
    final ResultSetMetaData meta = rows.getMetaData();
    final int columns = meta.getColumnCount();
    final int[] types = new int[columns];
    for (int c = 0; c < columns; c++) {
      types[c] = meta.getColumnType(c + 1);
    }
    long count = 0;
    long checksum = 0;
    List<String> sample = new ArrayList<>();
    final StringBuilder text = new StringBuilder();
    while (rows.next()) {
      count++;
      text.setLength(0);
      for (int c = 0; c < columns; c++) {
        text.append(c == 0 ? "" : " | ").append(canonical(rows, c + 1, types[c]));
      }
      checksum += hash(text);
      if (sample != null) {
        sample.add(text.toString());
        if (sample.size() > SAMPLE_ROWS) {
          sample = null;
        }
      }
    }
    return of(count, checksum, Map.of(), sample == null ? List.of() : sample);
  }

  /** An answer built from counts alone (a reference computed from other results). */
  static TableAnswer of(Map<String, Long> answer) {
    return of(-1, 0, answer, List.of());
  }

  private static TableAnswer of(long rows, long checksum, Map<String, Long> answer, List<String> sample) {
    final SortedMap<String, Long> nonZero = new TreeMap<>();
    answer.forEach((key, value) -> {
      if (value != 0) {
        nonZero.put(key, value);
      }
    });
    final List<String> sorted = new ArrayList<>(sample);
    Collections.sort(sorted);
    return new TableAnswer(rows, checksum, Collections.unmodifiableSortedMap(nonZero), List.copyOf(sorted));
  }

  /** Whether the rows are the same multiset as {@code other}'s (by count and checksum). */
  boolean sameRows(TableAnswer other) {
    return rows == other.rows && checksum == other.checksum;
  }

  /** Up to {@code limit} rows of this sample missing from {@code other}'s, for a mismatch message. */
  List<String> notIn(TableAnswer other, int limit) {
    final List<String> missing = new ArrayList<>(sample);
    for (String row : other.sample) {
      missing.remove(row);
    }
    return missing.subList(0, Math.min(limit, missing.size()));
  }

  /** The canonical text of column {@code c}. */
  static String canonical(ResultSet rows, int c, int type) throws SQLException {
    switch (type) {
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE:
      case Types.DATE:
        final Timestamp time = rows.getTimestamp(c);
        return time == null ? "NULL" : time.toLocalDateTime().toString();
      default:
        final Object value = rows.getObject(c);
        if (value == null) {
          return "NULL";
        }
        return value instanceof Number ? number((Number) value) : value.toString();
    }
  }

  private static String number(Number value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return value.toString();
    }
    final double d = value.doubleValue();
    if (value instanceof BigDecimal) {
      final BigDecimal exact = ((BigDecimal) value).stripTrailingZeros();
      if (exact.scale() <= 0) {
        return exact.toBigInteger().toString();
      }
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return String.format(Locale.ROOT, "%.9e", d);
  }

  /** A 64-bit FNV-1a hash of the text, finished with a mix, so that sums of hashes of different rows rarely meet. */
  private static long hash(CharSequence text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    return h ^ (h >>> 33);
  }
}
