package dev.funnelsql.jdbc;

import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Recognises, inside the error of a FunnelSQL query, that the event store could not be reached or dropped the
 * connection (its SQLState is class 08, or PostgreSQL's 57P01–57P03 for a server shutting down), or refused the SQL
 * FunnelSQL sent it, and reports that in the store's own words and SQLState — class 08 for a lost connection —
 * instead of Calcite's wrapper, which quotes the whole generated query.
 */
final class SourceFailures {
  /** SQLState for an error of the store that gave none (DuckDB): class 58, an error outside FunnelSQL. */
  static final String STORE_ERROR = "58000";

  private SourceFailures() {
  }

  /** The error to report if {@code e} was caused by a lost or unreachable store, else null. */
  static @Nullable SQLException lostConnection(SQLException e) {
    for (@Nullable Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException) {
        final @Nullable String state = ((SQLException) t).getSQLState();
        if (state != null && (state.startsWith("08") || state.matches("57P0[1-3]"))) {
          return copy(e, "the connection to the event store failed: " + firstLine(String.valueOf(t.getMessage())),
              state.startsWith("08") ? state : "08006", t);
        }
      }
    }
    return null;
  }

  /**
   * The error to report if the store refused the SQL FunnelSQL sent it (Calcite wraps the store's error in one
   * that quotes that SQL): the store's own words and SQLState, or {@value #STORE_ERROR} if it gave none.
   */
  static @Nullable SQLException storeError(SQLException e) {
    for (@Nullable Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      final @Nullable String message = t.getMessage();
      if (message != null && message.startsWith("While executing SQL [") && message.endsWith("on JDBC sub-schema")
          && t.getCause() instanceof SQLException) {
        final SQLException store = (SQLException) t.getCause();
        final @Nullable String state = store.getSQLState();
        return copy(e, "the event store reported an error: " + firstLine(String.valueOf(store.getMessage())),
            state != null && state.length() == 5 ? state : STORE_ERROR, store);
      }
    }
    return null;
  }

  private static SQLException copy(SQLException e, String message, String state, Throwable cause) {
    final SQLException copy = new SQLException(message, state, cause);
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static String firstLine(String message) {
    final int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
