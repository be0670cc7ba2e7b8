package dev.funnelsql.calcite.function;

import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.util.Optionality;

/**
 * {@code SESSIONIZE(ts, gap) OVER (PARTITION BY user_id ORDER BY ts)}: the session number (1, 2, … in time order) of
 * each row of a partition, where a new session starts at the partition's first row with a time and whenever the time
 * since the previous row is greater than {@code gap}; rows with a NULL time get NULL and split nothing. A window
 * function with no implementation of its own: before planning, every call becomes standard window functions
 * ({@code LAG} and a running {@code SUM}) that the event store computes where its SQL has windows, and Calcite
 * otherwise, so that sessions are numbered alike everywhere.
 */
public final class SessionizeFunction extends SqlAggFunction {
  /** The singleton. */
  public static final SessionizeFunction INSTANCE = new SessionizeFunction();

  /** The call syntax, as error messages show it. */
  static final String SIGNATURE = "SESSIONIZE(ts, gap) OVER (PARTITION BY user ORDER BY ts), where ts is a TIMESTAMP, "
      + "DATE or integer and gap a constant INTERVAL or number of seconds (for an integer ts, a number in its unit)";

  private SessionizeFunction() {
    super("SESSIONIZE", null, SqlKind.OTHER_FUNCTION, ReturnTypes.BIGINT_FORCE_NULLABLE, InferTypes.ANY_NULLABLE,
        null, SqlFunctionCategory.NUMERIC, false, true, Optionality.FORBIDDEN);
  }

  @Override public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.of(2);
  }

  @Override public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    final CallChecks checks = new CallChecks(callBinding, getName());
    checks.duration(1, checks.time(0), "gap");
    return true;
  }

  @Override public String getAllowedSignatures(String opNameToUse) {
    return SIGNATURE;
  }

  @Override public String getSignatureTemplate(int operandsCount) {
    return SIGNATURE;
  }

  /** The frame is the rows of the partition up to the current one: {@code ROWS} and {@code RANGE} are refused. */
  @Override public boolean allowsFraming() {
    return false;
  }

  @Override public boolean isDeterministic() {
    return true;
  }

  /**
   * The gap of a call as relational algebra holds it, on the time line of its time argument: milliseconds for a
   * TIMESTAMP or DATE, the time's own unit for an integer (the validator has checked it is a constant, not negative).
   */
  public static long gap(RexCall call) {
    final TimeKind kind = TimeKind.of(call.getOperands().get(0).getType());
    RexNode gap = call.getOperands().get(1);
    while (gap.getKind() == SqlKind.CAST) {
      gap = ((RexCall) gap).getOperands().get(0);
    }
    if (kind == null || !(gap instanceof RexLiteral)) {
      throw new IllegalStateException("SESSIONIZE: the gap must be a constant and the time a TIMESTAMP, DATE or "
          + "integer: " + call);
    }
    final RexLiteral literal = (RexLiteral) gap;
    return WindowValue.decode(literal.getType(), interval -> literal.getValueAs(java.math.BigDecimal.class), false,
        kind, 1, "gap");
  }
}
