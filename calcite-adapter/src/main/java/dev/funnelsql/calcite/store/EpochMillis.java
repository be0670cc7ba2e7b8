package dev.funnelsql.calcite.store;

import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * DuckDB's {@code epoch_ms(timestamp)}: a TIMESTAMP's wall clock as milliseconds since 1970-01-01 00:00, the value
 * the step scan wants. Reading that BIGINT costs DuckDB's JDBC driver a third of reading the TIMESTAMP as a
 * {@code LocalDateTime}; used by {@link DuckDbStoreDialect}.
 */
final class EpochMillis extends SqlFunction {
  /** The function. */
  static final EpochMillis INSTANCE = new EpochMillis();

  private EpochMillis() {
    super("EPOCH_MS", SqlKind.OTHER_FUNCTION, ReturnTypes.BIGINT_NULLABLE, null, OperandTypes.TIMESTAMP,
        SqlFunctionCategory.TIMEDATE);
  }
}
