package dev.funnelsql.calcite.store;

import java.sql.DatabaseMetaData;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;

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

  /**
   * Calcite's dialect for the product; where the driver refuses the metadata Calcite reads it from (the Hive drivers
   * refuse {@code nullsAreSortedAtEnd}, and Calcite then fails with "cannot deduce null collation"), ANSI SQL with
   * double-quoted identifiers and NULLs sorted high, which the store may or may not share: a store that matters gets
   * a dialect of its own.
   */
  @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
    try {
      return SqlDialectFactoryImpl.INSTANCE.create(metaData);
    } catch (IllegalArgumentException e) {
      return new AnsiSqlDialect(SqlDialect.EMPTY_CONTEXT.withIdentifierQuoteString("\"")
          .withNullCollation(NullCollation.HIGH));
    }
  }
}
