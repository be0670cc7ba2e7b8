package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ResultColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of a FunnelSQL result set, fetched in batches on the session's {@link StatementRunner} (so a cancel can
 * interrupt the wait) and handed out one at a time as the client asks for them.
 */
final class JdbcRows implements RowStream {
  private static final int BATCH_ROWS = 512;
  private static final long BATCH_NANOS = 20_000_000L;

  private final @Nullable ResultSet rows;
  private final JdbcColumns columns;
  private final SessionConnection connection;
  private final Runnable onClose;
  private final int updateCount;
  private final Deque<@Nullable Object[]> buffer = new ArrayDeque<>();
  private boolean exhausted;
  private boolean closed;

  JdbcRows(@Nullable ResultSet rows, SessionConnection connection, Runnable onClose, int updateCount)
      throws SQLException {
    this.rows = rows;
    this.columns = JdbcColumns.of(rows == null ? null : rows.getMetaData());
    this.connection = connection;
    this.onClose = onClose;
    this.updateCount = updateCount;
    this.exhausted = rows == null;
  }

  @Override public List<ResultColumn> columns() {
    return columns.columns();
  }

  @Override public @Nullable Object @Nullable [] next() throws SQLException {
    if (closed) {
      return null;
    }
    if (buffer.isEmpty() && !exhausted) {
      final List<@Nullable Object[]> batch = connection.runCancellable(this::readBatch);
      buffer.addAll(batch);
      exhausted = batch.isEmpty();
    }
    return buffer.pollFirst();
  }

  /** Up to {@link #BATCH_ROWS} rows, fewer if they come slowly (the client gets the first rows soon). */
  private List<@Nullable Object[]> readBatch() throws SQLException {
    final List<@Nullable Object[]> batch = new ArrayList<>();
    final long start = System.nanoTime();
    while (batch.size() < BATCH_ROWS && (batch.isEmpty() || System.nanoTime() - start < BATCH_NANOS)) {
      if (!rows.next()) {
        break;
      }
      batch.add(columns.read(rows));
    }
    return batch;
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
