package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.function.PeriodFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Lets {@code DATE_TRUNC('month', ts)} (PostgreSQL's argument order, which BI tools send) reach FunnelSQL's
 * {@link PeriodFunction#DATE_TRUNC}: Calcite's parser binds every {@code DATE_TRUNC} call to its BigQuery operator
 * ({@code DATE_TRUNC(ts, MONTH)}), so a call whose first argument is a character literal is re-bound before
 * validation. Other calls are left to Calcite.
 */
final class PostgresDateTrunc extends SqlBasicVisitor<Void> {
  private static final PostgresDateTrunc INSTANCE = new PostgresDateTrunc();

  private PostgresDateTrunc() {
  }

  /** Re-binds, in place, every PostgreSQL-style {@code DATE_TRUNC} call in a parsed statement. */
  static void rewrite(SqlNode statement) {
    statement.accept(INSTANCE);
  }

  @Override public Void visit(SqlCall call) {
    if (call.getOperator() == SqlLibraryOperators.DATE_TRUNC && call instanceof SqlBasicCall
        && call.operandCount() == 2 && call.operand(0) instanceof SqlCharStringLiteral) {
      ((SqlBasicCall) call).setOperator(PeriodFunction.DATE_TRUNC);
    }
    return super.visit(call);
  }
}
