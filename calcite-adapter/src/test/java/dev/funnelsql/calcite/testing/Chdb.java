package dev.funnelsql.calcite.testing;

import com.sun.jna.FunctionMapper;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * ClickHouse embedded: one session of chDB's {@code libchdb.so} (from npm's {@code @chdb/lib-linux-x64-gnu}), loaded
 * through JNA, that runs a query and returns its whole output in a format of ClickHouse's, or its error. chDB runs
 * one query at a time per session, so calls are serialized here.
 */
final class Chdb {
  /**
   * The part of chDB's C interface used here (its stable v2 calls), each named as in C with the underscores left
   * out ({@link #C_NAMES}).
   */
  interface Native2 extends Library {
    void chdbSetSignalHandlersEnabled(boolean enabled);

    Pointer connectChdb(int argc, String[] argv);

    Result queryConn(Pointer connection, String query, String format);

    void freeResultV2(Result result);

    void closeConn(Pointer connections);
  }

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
  synchronized Outcome run(String databaseName, String query, String format) {
    if (!databaseName.equals(database)) {
      final Outcome use = once("USE " + databaseName, "TabSeparated");
      if (use.error() != null) {
        return use;
      }
      database = databaseName;
    }
    return once(query, format);
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

  /** Closes the session. */
  synchronized void close() {
    library.closeConn(connections);
  }
}
