package dev.funnelsql.calcite.store;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;

/**
 * PostgreSQL: Calcite's PostgreSQL dialect; sessions that are {@code READ ONLY} even in autocommit
 * ({@code readOnlyMode=always} and {@code setReadOnly(true)}), so the server itself refuses writes (SQLState 25006);
 * and step queries with autocommit off and a fetch size, without which pgjdbc holds the whole result in memory.
 */
public final class PostgresStoreDialect implements StoreDialect {
  private static final ReadOnlySetup READ_ONLY = new ReadOnlySetup(Map.of("readOnlyMode", "always"), true);

  /** Creates the dialect (called by {@link java.util.ServiceLoader}). */
  public PostgresStoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
  }

  @Override public boolean handlesProduct(String productName) {
    return productName.equalsIgnoreCase("PostgreSQL");
  }

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return SqlDialectFactoryImpl.INSTANCE.create(metaData);
  }

  @Override public ReadOnlySetup readOnlySetup(String url) {
    return READ_ONLY;
  }

  @Override public StreamingSetup streamingSetup() {
    return StreamingSetup.TRANSACTION_WITH_FETCH_SIZE;
  }
}
