package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.retention.RetentionAccumulator;
import java.util.List;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code RETENTION(cond1, …, condN)}, ClickHouse-compatible: an ARRAY of N BOOLEANs whose first element says
 * whether cond1 held on some row and element k whether cond1 and condk each held on some row of the group.
 */
public final class RetentionFunction extends BehaviouralAggFunction {
  /** The singleton. */
  public static final RetentionFunction INSTANCE = new RetentionFunction();

  private RetentionFunction() {
    super("RETENTION", RetentionFunction::returnType, 1);
  }

  private static RelDataType returnType(org.apache.calcite.sql.SqlOperatorBinding binding) {
    final RelDataTypeFactory types = binding.getTypeFactory();
    return types.createArrayType(types.createTypeWithNullability(types.createSqlType(SqlTypeName.BOOLEAN), true), -1);
  }

  @Override protected String signature() {
    return "RETENTION(cond1, ..., condN) where each cond is a BOOLEAN, 1 <= N <= 32";
  }

  @Override protected void validate(CallChecks checks, SqlCallBinding binding) {
    checks.conditions(0);
  }

  @Override public List<Integer> constantOperands(List<RelDataType> operandTypes) {
    return List.of();
  }

  @Override public BoundAggFunction bind(List<RelDataType> operandTypes, List<RexLiteral> constants,
      RelDataType returnType) {
    final int conditions = operandTypes.size();
    return new BoundAggFunction(getName(), getName() + "[" + conditions + "]", returnType, null, new Code(conditions));
  }

  /** The generated code of a bound retention. */
  private static final class Code implements AccumulatorCode {
    private final int conditions;

    Code(int conditions) {
      this.conditions = conditions;
    }

    @Override public Class<?> stateClass() {
      return RetentionAccumulator.class;
    }

    @Override public Expression create() {
      return Expressions.call(BehaviouralRuntime.class, "newRetention", Expressions.constant(conditions));
    }

    @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
      return Expressions.call(state, "add", mask);
    }

    @Override public Expression result(Expression state) {
      return Expressions.call(BehaviouralRuntime.class, "retention", state);
    }

    @Override public EngineCall engineCall() {
      return new EngineCall.Retention(conditions);
    }

    @Override public GroupEvaluator evaluator() {
      final RetentionAccumulator accumulator = BehaviouralRuntime.newRetention(conditions);
      return new GroupEvaluator() {
        @Override public void reset() {
          accumulator.reset();
        }

        @Override public void accept(long time, int mask) {
          accumulator.add(mask);
        }

        @Override public boolean stopped() {
          return false;
        }

        @Override public Object result() {
          return BehaviouralRuntime.retention(accumulator.result());
        }
      };
    }

    @Override public Object spec() {
      return conditions;
    }
  }
}
