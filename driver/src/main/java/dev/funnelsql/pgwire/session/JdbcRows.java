package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ResultColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The rows of a FunnelSQL result set, read as the client asks for them. */
final class JdbcRows implements RowStream {
  private final @Nullable ResultSet rows;
  private final JdbcColumns columns;
  private final Runnable onClose;
  private final int updateCount;
  private boolean closed;

  JdbcRows(@Nullable ResultSet rows, Runnable onClose, int updateCount) throws SQLException {
    this.rows = rows;
    this.columns = JdbcColumns.of(rows == null ? null : rows.getMetaData());
    this.onClose = onClose;
    this.updateCount = updateCount;
  }

  @Override public List<ResultColumn> columns() {
    return columns.columns();
  }

  @Override public @Nullable Object @Nullable [] next() throws SQLException {
    if (rows == null || closed || !rows.next()) {
      return null;
    }
    return columns.read(rows);
  }

  @Override public String tag(long count) {
    return rows != null ? "SELECT " + count : "UPDATE " + Math.max(0, updateCount);
  }

  @Override public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (rows != null) {
        rows.close();
      }
    } catch (SQLException ignored) {
      // The result set is done with; a failure to close it changes nothing for the client.
    } finally {
      onClose.run();
    }
  }
}
