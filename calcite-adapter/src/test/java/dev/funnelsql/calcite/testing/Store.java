package dev.funnelsql.calcite.testing;

import java.util.Properties;

/**
 * One event store created by a test: how to reach it with the store's own JDBC driver.
 *
 * @param kind the kind of store
 * @param url its JDBC URL
 * @param schema the schema holding the test's table, as the store spells it
 */
public record Store(StoreKind kind, String url, String schema) {
  /** The credentials the store's driver needs (the shared PostgreSQL server's superuser), or none. */
  public Properties credentials() {
    final Properties credentials = new Properties();
    if (kind == StoreKind.POSTGRES) {
      credentials.setProperty("user", "postgres");
      credentials.setProperty("password", "postgres");
    }
    return credentials;
  }
}
