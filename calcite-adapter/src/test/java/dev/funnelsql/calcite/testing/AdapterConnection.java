package dev.funnelsql.calcite.testing;

import dev.funnelsql.calcite.catalog.ModelCatalog;
import dev.funnelsql.calcite.source.EventStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A FunnelSQL connection opened by {@link AdapterConnections}: the Calcite connection, the store it reads, and
 * shortcuts for the plan text and the rows of a query. Closing it closes both and releases the connection's plans.
 */
public final class AdapterConnection implements AutoCloseable {
  private final Connection connection;
  private final EventStore store;
  private final @Nullable ModelCatalog catalog;
  private final Runnable onClose;

  AdapterConnection(Connection connection, EventStore store, @Nullable ModelCatalog catalog, Runnable onClose) {
    this.connection = connection;
    this.store = store;
    this.catalog = catalog;
    this.onClose = onClose;
  }

  /** The model's catalog; the connection must have been opened with a model. */
  public ModelCatalog catalog() {
    if (catalog == null) {
      throw new IllegalStateException("the connection was opened without a model");
    }
    return catalog;
  }

  /** The Calcite connection. */
  public Connection connection() {
    return connection;
  }

  /** The text of {@code EXPLAIN PLAN FOR sql}, one line per plan node. */
  public String explain(String sql) throws SQLException {
    final StringBuilder plan = new StringBuilder();
    for (List<Object> row : rows("EXPLAIN PLAN FOR " + sql)) {
      plan.append(row.get(0)).append('\n');
    }
    return plan.toString();
  }

  /** The rows of a query, each as a list of its column values ({@link ResultSet#getObject}). */
  public List<List<Object>> rows(String sql) throws SQLException {
    final List<List<Object>> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      final ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        final List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(result.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Override public void close() throws SQLException {
    try {
      connection.close();
    } finally {
      onClose.run();
      store.close();
    }
  }
}
