package dev.funnelsql.calcite.store;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * DuckDB's {@code epoch_ms(timestamp)}: a TIMESTAMP's wall clock as milliseconds since 1970-01-01 00:00, the value
 * the step scan wants and Calcite holds for a TIMESTAMP. Written {@code epoch_ms(date_trunc('millisecond', t))}:
 * {@code epoch_ms} rounds a time's microseconds to the nearest millisecond, while Calcite (and every other store's
 * reading) drops them. Reading that BIGINT costs DuckDB's JDBC driver a third of reading the TIMESTAMP as a
 * {@code LocalDateTime}; used by {@link DuckDbStoreDialect}.
 */
final class EpochMillis extends SqlFunction {
  /** The function. */
  static final EpochMillis INSTANCE = new EpochMillis();

  @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    SqlCalls.function("epoch_ms", SqlCalls.function("date_trunc", SqlCalls.literal("millisecond"), call.operand(0)))
        .unparse(writer, leftPrec, rightPrec);
  }

  private EpochMillis() {
    super("EPOCH_MS", SqlKind.OTHER_FUNCTION, ReturnTypes.BIGINT_NULLABLE, null, OperandTypes.TIMESTAMP,
        SqlFunctionCategory.TIMEDATE);
  }
}
