package dev.funnelsql.calcite.source;

import dev.funnelsql.calcite.store.ReadOnlySetup;
import dev.funnelsql.calcite.store.StoreDialect;
import dev.funnelsql.calcite.store.StoreDialects;
import dev.funnelsql.calcite.store.StreamingSetup;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.dbcp2.BasicDataSource;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Opens the connection pool of an event store with connections that are read-only at the source too, where its
 * driver can make them so — a second line of defence behind FunnelSQL's refusal of every write. How is the store
 * dialect's {@link ReadOnlySetup}, with the driver properties of its {@link StreamingSetup}; a driver that rejects them
 * (a DuckDB file another connection in the same process has open with another configuration) gets connections as
 * they come.
 */
public final class SourcePool {
  private static final Logger LOG = Logger.getLogger(SourcePool.class.getName());

  private SourcePool() {
  }

  /** Opens a pool, read-only as the dialect its URL names says, and checks that it answers. */
  public static BasicDataSource open(String url, Properties credentials) throws SQLException {
    return open(url, credentials, StoreDialects.discover().forUrl(url));
  }

  /**
   * Opens a pool and checks that it answers.
   *
   * @param url the source's JDBC URL
   * @param credentials {@code user} and {@code password} for the source, or empty
   * @param dialect the dialect of the store the URL names, which says how to make its connections read-only
   * @return the pool, read-only at the source where the driver allows it
   * @throws SQLException if the source cannot be reached
   */
  public static BasicDataSource open(String url, Properties credentials, StoreDialect dialect) throws SQLException {
    final Driver driver = StoreDrivers.forUrl(url);
    final BasicDataSource readOnly = create(driver, url, credentials, dialect, dialect.readOnlySetup(url));
    try (Connection ignored = readOnly.getConnection()) {
      return readOnly;
    } catch (SQLException e) {
      closeQuietly(readOnly);
      if (isConnectionFailure(e)) {
        throw e;
      }
      final BasicDataSource plain = create(driver, url, credentials, dialect, null);
      try (Connection ignored = plain.getConnection()) {
        LOG.log(Level.INFO, "the event store''s driver refuses read-only or streaming connections ({0}); FunnelSQL "
            + "still refuses every write itself", firstLine(e));
        return plain;
      } catch (SQLException second) {
        closeQuietly(plain);
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

  private static BasicDataSource create(Driver driver, String url, Properties credentials, StoreDialect dialect,
      @Nullable ReadOnlySetup readOnly) {
    final BasicDataSource dataSource = new BasicDataSource();
    dataSource.setDriver(driver);
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
    dialect.connectionProperties().forEach(dataSource::addConnectionProperty);
    if (readOnly != null) {
      dialect.streamingSetup().driverProperties().forEach(dataSource::addConnectionProperty);
      readOnly.connectionProperties().forEach(dataSource::addConnectionProperty);
      if (readOnly.setReadOnly()) {
        dataSource.setDefaultReadOnly(true);
      }
    }
    return dataSource;
  }

  private static String firstLine(SQLException e) {
    final String message = String.valueOf(e.getMessage());
    final int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Closes a pool, ignoring a failure: nothing is left to release then. */
  static void closeQuietly(BasicDataSource dataSource) {
    try {
      dataSource.close();
    } catch (SQLException ignored) {
      // The pool failed to open; nothing is left to release.
    }
  }
}
