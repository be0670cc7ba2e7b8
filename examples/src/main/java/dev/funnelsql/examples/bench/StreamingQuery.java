package dev.funnelsql.examples.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A query on a store's own connection whose rows stream to the reader: autocommit off and a fetch size (so that
 * PostgreSQL's driver reads in batches instead of buffering the whole result), forward-only, read-only; the
 * transaction is rolled back and autocommit restored afterwards.
 */
final class StreamingQuery {
  /** Rows per round trip. */
  static final int FETCH_SIZE = 10_000;

  /** Reads a result. */
  @FunctionalInterface
  interface Reader<T> {
    /** Reads every row of {@code rows}. */
    T read(ResultSet rows) throws SQLException;
  }

  private StreamingQuery() {
  }

  /** Runs {@code sql} on {@code connection} within {@code timeoutSeconds} (0: unbounded) and reads it. */
  static <T> T run(Connection connection, String sql, int timeoutSeconds, Reader<T> reader) throws SQLException {
    final boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
        ResultSet.CONCUR_READ_ONLY); QueryDeadline deadline = QueryDeadline.of(statement, timeoutSeconds)) {
      statement.setFetchSize(FETCH_SIZE);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      } catch (SQLException e) {
        throw deadline.timedOut(e);
      }
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }
}
