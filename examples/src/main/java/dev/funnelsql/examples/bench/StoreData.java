package dev.funnelsql.examples.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * A data set loaded in a store, and how to reach it: directly through the store's own JDBC driver (the baselines,
 * the fetch) or through {@code jdbc:funnelsql:} (FunnelSQL). The table is always {@code events} in the connection's
 * default schema, so every query reads the same on every store.
 *
 * @param kind the store
 * @param spec the data
 * @param url the store's JDBC URL
 * @param user the store user, or null
 * @param password the store password, or null
 * @param options the store driver's connection properties of a direct connection
 */
record StoreData(StoreKind kind, DataSpec spec, String url, String user, String password,
    Map<String, String> options) {
  /** A data set reached with the driver's default settings. */
  StoreData(StoreKind kind, DataSpec spec, String url, String user, String password) {
    this(kind, spec, url, user, password, Map.of());
  }

  /** A direct connection through the store's driver. */
  Connection connect() throws SQLException {
    final Properties properties = new Properties();
    properties.putAll(options);
    if (user != null) {
      properties.setProperty("user", user);
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(url, properties);
  }

  /**
   * A FunnelSQL connection through the model file {@code model}, with the store's credentials; the shared result
   * cache is off, so every run computes its answer.
   */
  Connection connectModel(java.nio.file.Path model) throws SQLException {
    final Properties credentials = new Properties();
    credentials.setProperty("cache.ttl", "0");
    if (user != null) {
      credentials.setProperty("user", user);
      credentials.setProperty("password", password);
    }
    return DriverManager.getConnection(ShopModel.url(model), credentials);
  }

  /** A FunnelSQL connection over the store with extra {@code properties} ({@code funnel.*}), result cache off. */
  Connection connectFunnelSql(Properties properties) throws SQLException {
    final Properties all = new Properties();
    all.setProperty("cache.ttl", "0");
    all.putAll(properties);
    all.setProperty("url", url);
    if (user != null) {
      all.setProperty("user", user);
      all.setProperty("password", password);
    }
    return DriverManager.getConnection("jdbc:funnelsql:", all);
  }
}
