package dev.funnelsql.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@link CallAdapter}s of one FunnelSQL connection's JDBC objects, by the interface each is handed out as, and
 * the connection itself as the application sees it (what {@code getConnection()} of its statements and metadata
 * returns).
 */
final class ConnectionAdapters {
  private static final CallAdapter PREPARED =
      StatementText.INSTANCE.then(NumericTextParameters.INSTANCE).then(JavaTimeParameters.INSTANCE);

  private final CallAdapter metaData;
  private @Nullable Connection connection;

  /**
   * Creates the adapters of a connection to a store.
   *
   * @param storeProduct the event store's product name and version
   */
  ConnectionAdapters(String storeProduct) {
    this.metaData = new CatalogAnswers(storeProduct);
  }

  /** The adapter for an object handed out as {@code type}. */
  CallAdapter of(Class<?> type) {
    if (type == Connection.class || type == Statement.class) {
      return StatementText.INSTANCE;
    }
    if (type == PreparedStatement.class) {
      return PREPARED;
    }
    if (type == ResultSet.class) {
      return ColumnValues.INSTANCE;
    }
    if (type == DatabaseMetaData.class) {
      return metaData;
    }
    if (type == ResultSetMetaData.class) {
      return ColumnTypeNames.INSTANCE;
    }
    return CallAdapter.NONE;
  }

  /** The connection as handed out to the application, once created. */
  @Nullable Connection connection() {
    return connection;
  }

  void connection(Connection proxy) {
    this.connection = proxy;
  }
}
