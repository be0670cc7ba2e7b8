package dev.funnelsql.calcite.function;

import java.util.List;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A behavioural aggregate whose constant arguments are bound into the operator, so that its remaining arguments are
 * just the row's time (if any) and conditions, and code generation knows the window, modes or pattern.
 */
public final class BoundAggFunction extends SqlUserDefinedAggFunction {
  private final String description;
  private final @Nullable TimeKind timeKind;
  private final AccumulatorCode code;

  BoundAggFunction(String name, String description, RelDataType returnType, @Nullable TimeKind timeKind,
      AccumulatorCode code) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(returnType),
        InferTypes.RETURN_TYPE, null, new Implementation(returnType), false, false, Optionality.FORBIDDEN);
    this.description = description;
    this.timeKind = timeKind;
    this.code = code;
    ((Implementation) function).owner = this;
  }

  /** The time kind of the first argument, or null if the function takes no time. */
  public @Nullable TimeKind timeKind() {
    return timeKind;
  }

  AccumulatorCode code() {
    return code;
  }

  /** The validated value bound into the call ({@link AccumulatorCode#spec()}), which both back ends run. */
  Object spec() {
    return code.spec();
  }

  /** A new evaluator of this function over rows given in time order, one group at a time. */
  public GroupEvaluator newEvaluator() {
    return code.evaluator();
  }

  /**
   * Whether the function keeps a value with each row (SEQUENCE_NEXT_NODE's event column, its argument after the
   * time), so that its evaluator is fed by {@link GroupEvaluator#accept(long, int, String)}.
   */
  public boolean takesValue() {
    return code.takesValue();
  }

  /** Whether a row with a NULL condition is skipped (SEQUENCE_NEXT_NODE), rather than read as not meeting it. */
  public boolean dropsRowsWithNullConditions() {
    return code.dropsRowsWithNullConditions();
  }

  /** Whether rows that match none of the conditions can change the result ({@code strict_order}). */
  public boolean readsRowsMatchingNoCondition() {
    return code.readsRowsMatchingNoCondition();
  }

  /** What this aggregate computes, for an engine that may compute it in its own SQL; null if it is no such thing. */
  public @Nullable EngineCall engineCall() {
    return code.engineCall();
  }

  @Override public String toString() {
    return description;
  }

  @Override public boolean equals(@Nullable Object obj) {
    return obj instanceof BoundAggFunction && ((BoundAggFunction) obj).description.equals(description);
  }

  @Override public int hashCode() {
    return description.hashCode();
  }

  /** Links Calcite's code generation to {@link BehaviouralAggImplementor}. */
  private static final class Implementation implements ImplementableAggFunction {
    private final RelDataType returnType;
    private @Nullable BoundAggFunction owner;

    Implementation(RelDataType returnType) {
      this.returnType = returnType;
    }

    @Override public AggImplementor getImplementor(boolean windowContext) {
      if (windowContext || owner == null) {
        throw new UnsupportedOperationException("behavioural aggregates cannot be used with OVER; use GROUP BY");
      }
      return new BehaviouralAggImplementor(owner);
    }

    @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return returnType;
    }

    @Override public List<FunctionParameter> getParameters() {
      return List.of();
    }
  }
}
