package dev.funnelsql.calcite.store;

import java.sql.DatabaseMetaData;
import java.util.Locale;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.H2SqlDialect;

/**
 * H2: Calcite's H2 dialect with the window functions H2 2.x has, and no key lane in step scans (H2's DISTINCT over
 * the dropped rows costs more than sending them). H2 takes {@code setReadOnly(true)} as a hint; a file URL with
 * {@code ;ACCESS_MODE_DATA=r} makes it refuse writes.
 */
public final class H2StoreDialect implements StoreDialect {
  /** Creates the dialect (called by {@link java.util.ServiceLoader}). */
  public H2StoreDialect() {
  }

  @Override public boolean handlesUrl(String url) {
    return url.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
  }

  @Override public boolean handlesProduct(String productName) {
    return productName.equalsIgnoreCase("H2");
  }

  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    return new H2WithWindows();
  }

  @Override public boolean keyLaneWorthIt() {
    return false;
  }

  /** H2's dialect with the window functions that H2 2.x supports. */
  private static final class H2WithWindows extends H2SqlDialect {
    H2WithWindows() {
      super(H2SqlDialect.DEFAULT_CONTEXT);
    }

    @Override public boolean supportsWindowFunctions() {
      return true;
    }
  }
}
