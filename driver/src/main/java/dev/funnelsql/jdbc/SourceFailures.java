package dev.funnelsql.jdbc;

import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Recognises, inside the error of a FunnelSQL query, that the event store could not be reached or dropped the
 * connection (its SQLState is class 08, or PostgreSQL's 57P01–57P03 for a server shutting down), and reports it as
 * such — SQLState class 08 and the store's own words — instead of Calcite's wrapper, which quotes the whole query.
 */
final class SourceFailures {
  private SourceFailures() {
  }

  /** The error to report if {@code e} was caused by a lost or unreachable store, else null. */
  static @Nullable SQLException lostConnection(SQLException e) {
    for (@Nullable Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException) {
        final @Nullable String state = ((SQLException) t).getSQLState();
        if (state != null && (state.startsWith("08") || state.matches("57P0[1-3]"))) {
          final SQLException lost = new SQLException("the connection to the event store failed: "
              + firstLine(String.valueOf(t.getMessage())), state.startsWith("08") ? state : "08006", t);
          lost.setStackTrace(e.getStackTrace());
          return lost;
        }
      }
    }
    return null;
  }

  private static String firstLine(String message) {
    final int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
