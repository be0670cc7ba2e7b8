package dev.funnelsql.calcite.store;

import java.sql.DatabaseMetaData;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;

/**
 * The dialect of a store no other dialect claims: Calcite's own dialect for the product, read-only connections asked
 * of the driver, and the step scan's defaults. Not a service provider: {@link StoreDialects} falls back to it.
 */
public final class GenericStoreDialect implements StoreDialect {
  /** The fallback. */
  public static final GenericStoreDialect INSTANCE = new GenericStoreDialect();

  private GenericStoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    return false;
  }

  @Override public boolean handlesProduct(String productName) {
    return false;
  }

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return SqlDialectFactoryImpl.INSTANCE.create(metaData);
  }
}
