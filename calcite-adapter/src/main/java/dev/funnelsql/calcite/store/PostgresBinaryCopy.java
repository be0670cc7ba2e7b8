package dev.funnelsql.calcite.store;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.dbcp2.DelegatingConnection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's {@code COPY (query) TO STDOUT (FORMAT binary)} through pgjdbc's {@code PGCopyInputStream}, parsed as
 * PostgreSQL documents the binary copy format (a signature, flags and an extension area, then per row a field count
 * and per field a length and its bytes in network order). pgjdbc is the user's driver beside FunnelSQL's jar, not a
 * dependency, so it is reached by reflection once per copy, never per row.
 */
final class PostgresBinaryCopy implements BinaryCopy {
  /** The copy. */
  static final PostgresBinaryCopy INSTANCE = new PostgresBinaryCopy();

  private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
  /** 2000-01-01T00:00 in epoch milliseconds: PostgreSQL's timestamps count microseconds from it. */
  private static final long EPOCH_2000_MILLIS = 946_684_800_000L;

  private PostgresBinaryCopy() {
  }

  @Override public @Nullable List<Format> describe(Connection connection, PreparedStatement query)
      throws SQLException {
    final ResultSetMetaData metaData = query.getMetaData();
    if (metaData == null) {
      return null;
    }
    final List<Format> formats = new ArrayList<>();
    for (int i = 1; i <= metaData.getColumnCount(); i++) {
      switch (metaData.getColumnTypeName(i).toLowerCase(Locale.ROOT)) {
        case "int2":
          formats.add(Format.INT2);
          break;
        case "int4":
          formats.add(Format.INT4);
          break;
        case "int8":
          formats.add(Format.INT8);
          break;
        case "timestamp":
          formats.add(Format.TIMESTAMP);
          break;
        case "text":
        case "varchar":
          formats.add(Format.TEXT);
          break;
        default:
          // timestamptz, dates, numeric, blank-padded char: their getters' answers depend on more than the bytes.
          return null;
      }
    }
    return formats;
  }

  @Override public @Nullable CopiedRows start(Connection connection, String sql, List<Format> columns)
      throws SQLException {
    final Connection driver = connection instanceof DelegatingConnection
        ? ((DelegatingConnection<?>) connection).getInnermostDelegate() : connection;
    if (driver == null) {
      return null;
    }
    try {
      final ClassLoader loader = driver.getClass().getClassLoader();
      final Class<?> pgConnection = Class.forName("org.postgresql.PGConnection", false, loader);
      final Object pg = driver.unwrap(pgConnection);
      // The values are written as standard SQL strings, in which a backslash is a backslash only when this is on.
      if (!"on".equals(pgConnection.getMethod("getParameterStatus", String.class)
          .invoke(pg, "standard_conforming_strings"))) {
        return null;
      }
      final Constructor<?> stream = Class.forName("org.postgresql.copy.PGCopyInputStream", false, loader)
          .getConstructor(pgConnection, String.class);
      final InputStream in = (InputStream) stream.newInstance(pg, "COPY (" + sql + ") TO STDOUT (FORMAT binary)");
      return new Rows(in, pg, pgConnection.getMethod("cancelQuery"), columns);
    } catch (InvocationTargetException e) {
      final Throwable cause = e.getCause();
      if (cause instanceof SQLException) {
        throw (SQLException) cause;
      }
      throw new SQLException("PostgreSQL's driver failed to start a COPY: " + cause, cause);
    } catch (ReflectiveOperationException | ClassCastException e) {
      // Not pgjdbc, or a version without these: the prepared query runs instead.
      return null;
    }
  }

  /** The rows of one copy, parsed from the stream in a buffer of their bytes. */
  private static final class Rows implements CopiedRows {
    private static final int BUFFER_BYTES = 1 << 16;

    private final InputStream in;
    private final Object connection;
    private final Method cancelQuery;
    private final Format[] formats;
    private byte[] bytes = new byte[BUFFER_BYTES];
    private ByteBuffer view = ByteBuffer.wrap(bytes);
    private int position;
    private int limit;
    private boolean started;
    private boolean ended;

    Rows(InputStream in, Object connection, Method cancelQuery, List<Format> formats) {
      this.in = in;
      this.connection = connection;
      this.cancelQuery = cancelQuery;
      this.formats = formats.toArray(new Format[0]);
    }

    @Override public boolean next(long[] values, @Nullable String[] texts, boolean[] nulls) throws SQLException {
      if (ended) {
        return false;
      }
      if (!started) {
        header();
        started = true;
      }
      need(2);
      final int fields = view.getShort(position);
      position += 2;
      if (fields == -1) {
        ended = true;
        return false;
      }
      if (fields != formats.length) {
        throw new SQLException("PostgreSQL's COPY sent a row of " + fields + " fields where the query has "
            + formats.length + " columns");
      }
      for (int i = 0; i < fields; i++) {
        need(4);
        final int length = view.getInt(position);
        position += 4;
        if (length == -1) {
          nulls[i] = true;
          values[i] = 0L;
          continue;
        }
        nulls[i] = false;
        need(length);
        if (formats[i] == Format.TEXT) {
          // pgjdbc sets the session's client_encoding to UTF8, in which the copy sends text.
          texts[i] = new String(bytes, position, length, StandardCharsets.UTF_8);
        } else {
          values[i] = value(formats[i], length);
        }
        position += length;
      }
      return true;
    }

    private long value(Format format, int length) throws SQLException {
      switch (format) {
        case INT2:
          check(length, 2);
          return view.getShort(position);
        case INT4:
          check(length, 4);
          return view.getInt(position);
        case INT8:
          check(length, 8);
          return view.getLong(position);
        default:
          check(length, 8);
          // infinity and -infinity (the extreme longs) stay at the ends of the time line.
          final long micros = view.getLong(position);
          return micros == Long.MAX_VALUE || micros == Long.MIN_VALUE ? micros
              : Math.floorDiv(micros, 1000L) + EPOCH_2000_MILLIS;
      }
    }

    private static void check(int length, int expected) throws SQLException {
      if (length != expected) {
        throw new SQLException("PostgreSQL's COPY sent a field of " + length + " bytes where " + expected
            + " were expected");
      }
    }

    private void header() throws SQLException {
      need(SIGNATURE.length + 8);
      for (int i = 0; i < SIGNATURE.length; i++) {
        if (bytes[position + i] != SIGNATURE[i]) {
          throw new SQLException("PostgreSQL's COPY did not start with the binary format's signature");
        }
      }
      position += SIGNATURE.length + 4;
      final int extension = view.getInt(position);
      position += 4;
      for (int left = extension; left > 0; ) {
        need(1);
        final int skip = Math.min(left, limit - position);
        position += skip;
        left -= skip;
      }
    }

    /** Makes at least {@code count} unread bytes available in the buffer. */
    private void need(int count) throws SQLException {
      if (limit - position >= count) {
        return;
      }
      final byte[] into = count > bytes.length ? new byte[Math.max(count, bytes.length * 2)] : bytes;
      System.arraycopy(bytes, position, into, 0, limit - position);
      if (into != bytes) {
        bytes = into;
        view = ByteBuffer.wrap(into);
      }
      limit -= position;
      position = 0;
      try {
        while (limit < count) {
          final int read = in.read(bytes, limit, bytes.length - limit);
          if (read < 0) {
            throw new SQLException("PostgreSQL's COPY ended in the middle of a row");
          }
          limit += read;
        }
      } catch (IOException e) {
        throw new SQLException(e.getMessage(), e.getCause() instanceof SQLException
            ? ((SQLException) e.getCause()).getSQLState() : null, e);
      }
    }

    @Override public void cancel() throws SQLException {
      try {
        cancelQuery.invoke(connection);
      } catch (InvocationTargetException e) {
        throw e.getCause() instanceof SQLException ? (SQLException) e.getCause()
            : new SQLException(String.valueOf(e.getCause()), e.getCause());
      } catch (IllegalAccessException e) {
        throw new SQLException(e.getMessage(), e);
      }
    }

    @Override public void close() {
      try {
        in.close();
      } catch (IOException e) {
        // The connection goes back to the pool, which rolls its transaction back.
      }
    }
  }
}
