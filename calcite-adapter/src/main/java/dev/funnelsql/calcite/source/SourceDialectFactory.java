package dev.funnelsql.calcite.source;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;
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
      return new DuckDbWithoutCharsets();
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

  /** DuckDB's dialect, printing character types in casts without a CHARACTER SET clause DuckDB cannot parse. */
  private static final class DuckDbWithoutCharsets extends DuckDBSqlDialect {
    DuckDbWithoutCharsets() {
      super(DuckDBSqlDialect.DEFAULT_CONTEXT);
    }

    @Override public @Nullable SqlNode getCastSpec(RelDataType type) {
      if (SqlTypeUtil.inCharFamily(type)) {
        final SqlTypeName name = type.getSqlTypeName() == SqlTypeName.CHAR ? SqlTypeName.CHAR : SqlTypeName.VARCHAR;
        final int precision = type.getPrecision() > 0 && type.getPrecision() < 65536 ? type.getPrecision() : -1;
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(name, precision, SqlParserPos.ZERO), SqlParserPos.ZERO);
      }
      return super.getCastSpec(type);
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
