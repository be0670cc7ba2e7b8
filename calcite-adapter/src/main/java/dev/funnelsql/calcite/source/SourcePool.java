package dev.funnelsql.calcite.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * Opens the connection pool of an event store with connections that are read-only at the source too, where its
 * driver can make them so — a second line of defence behind FunnelSQL's refusal of every write:
 *
 * <ul>
 *   <li>PostgreSQL: {@code readOnlyMode=always} and {@code setReadOnly(true)}, so every session is
 *   {@code READ ONLY} even in auto-commit and the server itself refuses writes (SQLState 25006);</li>
 *   <li>DuckDB (a database file): {@code duckdb.read_only=true}, the file is attached read-only. DuckDB cannot
 *   open a file read-only while a connection in the same process has it open read-write; then the pool opens it
 *   as that connection did;</li>
 *   <li>any other driver: {@code setReadOnly(true)}, which some enforce (MySQL) and some take as a mere hint
 *   (H2: add {@code ;ACCESS_MODE_DATA=r} to a file URL to make H2 refuse writes); a driver that rejects the call
 *   gets connections as they come.</li>
 * </ul>
 */
public final class SourcePool {
  private static final Logger LOG = Logger.getLogger(SourcePool.class.getName());

  private SourcePool() {
  }

  /**
   * Opens a pool and checks that it answers.
   *
   * @param url the source's JDBC URL
   * @param credentials {@code user} and {@code password} for the source, or empty
   * @return the pool, read-only at the source where the driver allows it
   * @throws SQLException if the source cannot be reached
   */
  public static BasicDataSource open(String url, Properties credentials) throws SQLException {
    final BasicDataSource readOnly = create(url, credentials, true);
    try (Connection ignored = readOnly.getConnection()) {
      return readOnly;
    } catch (SQLException e) {
      close(readOnly);
      if (isConnectionFailure(e)) {
        throw e;
      }
      final BasicDataSource plain = create(url, credentials, false);
      try (Connection ignored = plain.getConnection()) {
        LOG.log(Level.INFO, "the event store''s driver cannot open read-only connections ({0}); FunnelSQL still "
            + "refuses every write itself", firstLine(e));
        return plain;
      } catch (SQLException second) {
        close(plain);
        throw second;
      }
    }
  }

  /** Whether an opening failure means the source is unreachable or refuses the credentials, not the settings. */
  private static boolean isConnectionFailure(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException) {
        final String state = ((SQLException) t).getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("28"))) {
          return true;
        }
      }
    }
    return false;
  }

  private static BasicDataSource create(String url, Properties credentials, boolean readOnly) {
    final BasicDataSource dataSource = new BasicDataSource();
    dataSource.setUrl(url);
    final String user = credentials.getProperty("user");
    if (user != null) {
      dataSource.setUsername(user);
    }
    final String password = credentials.getProperty("password");
    if (password != null) {
      dataSource.setPassword(password);
    }
    dataSource.setMaxTotal(8);
    dataSource.setMaxIdle(2);
    dataSource.setMinIdle(0);
    if (readOnly) {
      final String lower = url.toLowerCase(Locale.ROOT);
      if (lower.startsWith("jdbc:postgresql:")) {
        dataSource.addConnectionProperty("readOnlyMode", "always");
        dataSource.setDefaultReadOnly(true);
      } else if (lower.startsWith("jdbc:duckdb:")) {
        if (isDuckDbFile(lower)) {
          dataSource.addConnectionProperty("duckdb.read_only", "true");
        }
      } else {
        dataSource.setDefaultReadOnly(true);
      }
    }
    return dataSource;
  }

  /** DuckDB refuses to open an in-memory database read-only. */
  private static boolean isDuckDbFile(String lowerUrl) {
    final String path = lowerUrl.substring("jdbc:duckdb:".length());
    return !path.isEmpty() && !path.startsWith(":memory:");
  }

  private static String firstLine(SQLException e) {
    final String message = String.valueOf(e.getMessage());
    final int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static void close(BasicDataSource dataSource) {
    try {
      dataSource.close();
    } catch (SQLException ignored) {
      // The pool failed to open; nothing is left to release.
    }
  }
}
