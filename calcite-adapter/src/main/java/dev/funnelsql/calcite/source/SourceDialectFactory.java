package dev.funnelsql.calcite.source;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactory;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.dialect.H2SqlDialect;

/**
 * Chooses the SQL dialect for an event store, fixing two gaps of Calcite 1.41's own detection: DuckDB is not
 * recognised (it would get the ANSI dialect) and H2 is said to lack window functions, which H2 2.x has.
 */
public final class SourceDialectFactory implements SqlDialectFactory {
  /** The singleton. */
  public static final SourceDialectFactory INSTANCE = new SourceDialectFactory();

  private SourceDialectFactory() {
  }

  @Override public SqlDialect create(DatabaseMetaData metaData) {
    final String product = productName(metaData);
    if (product.contains("DUCKDB")) {
      return DuckDBSqlDialect.DEFAULT;
    }
    if (product.equals("H2")) {
      return new H2WithWindows();
    }
    return SqlDialectFactoryImpl.INSTANCE.create(metaData);
  }

  private static String productName(DatabaseMetaData metaData) {
    try {
      return metaData.getDatabaseProductName().toUpperCase(Locale.ROOT);
    } catch (SQLException e) {
      return "";
    }
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
