package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ResultColumn;
import java.sql.SQLException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A bound statement (Bind), run by one or more Execute messages: the rows stream stays open between them when a
 * row limit stops it, so pgjdbc's {@code setFetchSize} reads a large result in pieces.
 */
final class Portal implements AutoCloseable {
  private final PreparedQuery query;
  private final List<@Nullable Object> parameters;
  private final short[] resultFormats;
  private @Nullable RowStream rows;
  private long sent;
  private long bytes;

  Portal(PreparedQuery query, List<@Nullable Object> parameters, short[] resultFormats) {
    this.query = query;
    this.parameters = parameters;
    this.resultFormats = resultFormats;
  }

  PreparedQuery query() {
    return query;
  }

  short[] resultFormats() {
    return resultFormats;
  }

  /** The columns, from the running statement if it was started, else from the statement's description. */
  List<ResultColumn> columns() throws SQLException {
    return rows != null ? rows.columns() : query.describe();
  }

  /** The rows, starting the statement on first use. */
  RowStream rows() throws SQLException {
    if (rows == null) {
      rows = query.open(parameters);
    }
    return rows;
  }

  /** Counts bytes of rows sent; returns the total so far. */
  long bytes(long more) {
    bytes += more;
    return bytes;
  }

  /** The rows sent so far (before this batch). */
  long sent() {
    return sent;
  }

  /** Counts rows sent for the final command tag. */
  long sent(long more) {
    sent += more;
    return sent;
  }

  @Override public void close() {
    if (rows != null) {
      rows.close();
      rows = null;
    }
  }
}
