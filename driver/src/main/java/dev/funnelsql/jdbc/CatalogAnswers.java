package dev.funnelsql.jdbc;

import dev.funnelsql.jdbc.catalog.CatalogRows;
import dev.funnelsql.jdbc.catalog.FunctionCatalog;
import java.lang.reflect.Method;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@link DatabaseMetaData} answers FunnelSQL gives itself: its product version with the event store's, no
 * catalogs (FunnelSQL has none; Calcite lists one without a name), and the functions with their documentation
 * ({@link FunctionCatalog}). Tables and columns are Calcite's, described by {@link dev.funnelsql.jdbc.catalog}.
 */
final class CatalogAnswers implements CallAdapter {
  private final String productVersion;

  /**
   * Creates the answers for one connection.
   *
   * @param storeProduct the event store's product name and version, e.g. {@code PostgreSQL 16.4}
   */
  CatalogAnswers(String storeProduct) {
    this.productVersion = FunnelDriver.version() + " (event store: " + storeProduct + ")";
  }

  @Override public @Nullable Object answer(Object target, Method method, @Nullable Object[] args)
      throws SQLException {
    final DatabaseMetaData metaData = (DatabaseMetaData) target;
    switch (method.getName()) {
      case "getDatabaseProductVersion":
        return productVersion;
      case "getCatalogs":
        try (ResultSet template = metaData.getCatalogs()) {
          return CatalogRows.of(template.getMetaData(), List.of());
        }
      case "getFunctions":
        final String schemaPattern = (String) args[1];
        final String namePattern = (String) args[2];
        try (ResultSet template = metaData.getFunctions(null, null, "")) {
          return CatalogRows.of(template.getMetaData(), FunctionCatalog.rows(schemaPattern, namePattern));
        }
      default:
        return PASS;
    }
  }
}
