package dev.funnelsql.calcite.function;

import java.util.List;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * Base of the variadic behavioural aggregates ({@code FUNNEL_STEP}, {@code RETENTION}, …) as the validator sees
 * them: it checks a call's arguments at prepare time and, before planning, is replaced by a {@link
 * BoundAggFunction} that holds the values of the constant arguments (window, mode, pattern).
 */
public abstract class BehaviouralAggFunction extends SqlUserDefinedAggFunction {
  private final int minOperands;

  /** Creates an unbound function. */
  protected BehaviouralAggFunction(String name, SqlReturnTypeInference returnType, int minOperands) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returnType, InferTypes.BOOLEAN,
        null, new Unbound(name), false, false, Optionality.FORBIDDEN);
    this.minOperands = minOperands;
  }

  @Override public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.from(minOperands);
  }

  @Override public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    validate(new CallChecks(callBinding, getName()), callBinding);
    return true;
  }

  @Override public String getAllowedSignatures(String opNameToUse) {
    return signature();
  }

  @Override public String getSignatureTemplate(int operandsCount) {
    return signature();
  }

  @Override public boolean isDeterministic() {
    return true;
  }

  /** The call syntax shown in error messages, e.g. {@code FUNNEL_STEP(ts, window, [mode,] cond1, …)}. */
  protected abstract String signature();

  /** Checks a call's arguments, throwing an error that names the argument and its position. */
  protected abstract void validate(CallChecks checks, SqlCallBinding binding);

  /** Positions of the arguments that are constants, to be bound into the operator, given the argument types. */
  public abstract List<Integer> constantOperands(List<RelDataType> operandTypes);

  /**
   * Returns this function bound to the values of its constant arguments.
   *
   * @param operandTypes the types of all arguments
   * @param constants the literal values of the arguments at {@link #constantOperands}, in that order
   * @param returnType the call's return type
   */
  public abstract BoundAggFunction bind(List<RelDataType> operandTypes, List<RexLiteral> constants,
      RelDataType returnType);

  /** Returns whether an operator is an unbound behavioural aggregate. */
  public static boolean isUnbound(SqlOperator operator) {
    return operator instanceof BehaviouralAggFunction;
  }

  /** The implementation of an unbound function: there is none; only a bound one generates code. */
  private static final class Unbound implements ImplementableAggFunction {
    private final String name;

    Unbound(String name) {
      this.name = name;
    }

    @Override public AggImplementor getImplementor(boolean windowContext) {
      throw new UnsupportedOperationException(name + " is an aggregate over a group of rows: use it with GROUP BY, "
          + "not as a window function with OVER");
    }

    @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      throw new UnsupportedOperationException(name);
    }

    @Override public List<FunctionParameter> getParameters() {
      return List.of();
    }
  }
}
