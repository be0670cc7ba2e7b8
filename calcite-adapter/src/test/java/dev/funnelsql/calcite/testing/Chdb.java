package dev.funnelsql.calcite.testing;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * ClickHouse embedded: one session of chDB's {@code libchdb.so} (from npm's {@code @chdb/lib-linux-x64-gnu}), loaded
 * through JNA, that runs a query and returns its whole output in a format of ClickHouse's, or its error, and can read
 * a query's output block by block so that it can be stopped between blocks. chDB runs one query at a time per
 * session, so calls are serialized here.
 */
final class Chdb {
  /**
   * The part of chDB's C interface used here (its stable v2 calls, streaming included), each named as in C with the
   * underscores left out ({@link #C_NAMES}).
   */
  interface Native2 extends Library {
    void chdbSetSignalHandlersEnabled(boolean enabled);

    Pointer connectChdb(int argc, String[] argv);

    Result queryConn(Pointer connection, String query, String format);

    void freeResultV2(Result result);

    void closeConn(Pointer connections);

    Pointer queryConnStreaming(Pointer connection, String query, String format);

    Pointer chdbStreamingResultError(Pointer stream);

    Result chdbStreamingFetchResult(Pointer connection, Pointer stream);

    void chdbStreamingCancelQuery(Pointer connection, Pointer stream);

    void chdbDestroyResult(Pointer stream);
  }

  /** The output format of a query read block by block: the one ClickHouse's JDBC driver asks for. */
  static final String STREAMED_FORMAT = "RowBinaryWithNamesAndTypes";

  /** ClickHouse's error for a query stopped by {@code KILL QUERY}. */
  static final String CANCELLED = "Code: 394. DB::Exception: Query was cancelled. (QUERY_WAS_CANCELLED)";

  /** {@code queryConn} is {@code query_conn}, {@code freeResultV2} is {@code free_result_v2}. */
  private static final FunctionMapper C_NAMES = (library, method) ->
      method.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);

  /** chDB's {@code local_result_v2}: the output, or the error message. */
  @Structure.FieldOrder({"buf", "len", "vec", "elapsed", "rowsRead", "bytesRead", "errorMessage"})
  public static final class Result extends Structure {
    public Pointer buf;
    public long len;
    public Pointer vec;
    public double elapsed;
    public long rowsRead;
    public long bytesRead;
    public Pointer errorMessage;

    /** Maps the structure chDB returned. */
    public Result(Pointer memory) {
      super(memory);
      read();
    }

    /** Used by JNA. */
    public Result() {
    }
  }

  /** What a query gave: its output, or ClickHouse's error message. */
  record Outcome(byte[] output, String error) {
  }

  private final Native2 library;
  private final Pointer connections;
  private final Pointer connection;
  private String database = "default";
  /** How many queries are being read chunk by chunk now (0 or 1: one query at a time). */
  private final AtomicInteger streaming = new AtomicInteger();

  private Chdb(Native2 library, Pointer connections) {
    this.library = library;
    this.connections = connections;
    this.connection = connections.getPointer(0);
  }

  /** Loads the library and opens a session whose databases live under {@code data}. */
  static Chdb open(Path library, Path data) {
    final Native2 loaded = Native.load(library.toString(), Native2.class,
        Map.of(Library.OPTION_FUNCTION_MAPPER, C_NAMES));
    // ClickHouse's own handlers would take SIGSEGV from the JVM, which raises it on purpose (null checks in compiled
    // code), and kill the process.
    loaded.chdbSetSignalHandlersEnabled(false);
    final Pointer connections = loaded.connectChdb(2, new String[] {"clickhouse", "--path=" + data});
    if (connections == null) {
      throw new IllegalStateException("chDB did not open a session in " + data);
    }
    return new Chdb(loaded, connections);
  }

  /** Runs one statement in a database (switched to first, if another is current), its output in {@code format}. */
  Outcome run(String databaseName, String query, String format) {
    return run(databaseName, query, format, null);
  }

  /**
   * Runs one statement as {@link #run(String, String, String)} does; with {@code stop} (and {@code format}
   * {@value #STREAMED_FORMAT}), reads its output block by block and asks {@code stop} before each block, which
   * cancels the query in chDB (as {@code KILL QUERY} does in a server) and answers {@link #CANCELLED}. A query that
   * sends no block before its end (an aggregate) cannot be stopped so: chDB takes no other call on the session while
   * it computes one.
   */
  synchronized Outcome run(String databaseName, String query, String format, @Nullable BooleanSupplier stop) {
    if (!databaseName.equals(database)) {
      final Outcome use = once("USE " + databaseName, "TabSeparated");
      if (use.error() != null) {
        return use;
      }
      database = databaseName;
    }
    return stop == null || !format.equals(STREAMED_FORMAT) ? once(query, format) : streamed(query, format, stop);
  }

  /** How many queries chDB is running now, read block by block. */
  int streaming() {
    return streaming.get();
  }

  private Outcome streamed(String query, String format, BooleanSupplier stop) {
    final Pointer stream = library.queryConnStreaming(connection, query, format);
    streaming.incrementAndGet();
    try {
      final Pointer error = library.chdbStreamingResultError(stream);
      if (error != null) {
        return new Outcome(null, error.getString(0, "UTF-8"));
      }
      final ByteArrayOutputStream output = new ByteArrayOutputStream();
      byte[] header = null;
      while (!stop.getAsBoolean()) {
        final Result block = library.chdbStreamingFetchResult(connection, stream);
        try {
          if (block.errorMessage != null) {
            return new Outcome(null, block.errorMessage.getString(0, "UTF-8"));
          }
          if (block.buf == null || block.len == 0) {
            return new Outcome(output.toByteArray(), null);
          }
          final byte[] bytes = block.buf.getByteArray(0, Math.toIntExact(block.len));
          // Each block comes with the format's header, which the whole output has once.
          final int skip = header != null && Arrays.equals(bytes, 0, Math.min(header.length, bytes.length), header, 0,
              header.length) ? header.length : 0;
          header = header == null ? Arrays.copyOf(bytes, headerLength(bytes)) : header;
          output.write(bytes, skip, bytes.length - skip);
        } finally {
          library.freeResultV2(block);
        }
      }
      library.chdbStreamingCancelQuery(connection, stream);
      return new Outcome(null, CANCELLED);
    } finally {
      library.chdbDestroyResult(stream);
      streaming.decrementAndGet();
    }
  }

  private Outcome once(String query, String format) {
    final Result result = library.queryConn(connection, query, format);
    try {
      if (result.errorMessage != null) {
        return new Outcome(null, result.errorMessage.getString(0, "UTF-8"));
      }
      final byte[] output = result.buf == null || result.len == 0 ? new byte[0]
          : result.buf.getByteArray(0, Math.toIntExact(result.len));
      return new Outcome(output, null);
    } finally {
      library.freeResultV2(result);
    }
  }

  /**
   * The length of the header that starts a block of {@value #STREAMED_FORMAT}: the number of columns, then each
   * column's name and type, each number and length an unsigned LEB128.
   */
  static int headerLength(byte[] block) {
    final int[] at = {0};
    final long columns = leb128(block, at);
    for (long i = 0; i < 2 * columns; i++) {
      final long length = leb128(block, at);
      at[0] += (int) length;
    }
    return at[0];
  }

  private static long leb128(byte[] bytes, int[] at) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      final byte b = bytes[at[0]++];
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
  }

  /** Closes the session. */
  synchronized void close() {
    library.closeConn(connections);
  }
}
