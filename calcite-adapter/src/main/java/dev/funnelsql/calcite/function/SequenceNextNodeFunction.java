package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.nextnode.NextNodeAccumulator;
import dev.funnelsql.functions.nextnode.NextNodeSpec;
import java.util.List;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code SEQUENCE_NEXT_NODE(direction, base, ts, event_column, base_condition, event1, …)}: ClickHouse's
 * {@code sequenceNextNode}, the value of the event column on the event that follows (or precedes) a chain of events,
 * for "what did users do right after X" questions.
 */
public final class SequenceNextNodeFunction extends BehaviouralAggFunction {
  /** The one function. */
  public static final SequenceNextNodeFunction INSTANCE = new SequenceNextNodeFunction();

  private SequenceNextNodeFunction() {
    super("SEQUENCE_NEXT_NODE", ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE),
        5);
  }

  @Override protected String signature() {
    return "SEQUENCE_NEXT_NODE(direction, base, ts, event_column, base_condition, event1, ..., eventN) where "
        + "direction is 'forward' or 'backward', base one of 'head', 'tail', 'first_match', 'last_match', ts a "
        + "TIMESTAMP, DATE or integer, event_column a string and each condition a BOOLEAN, 0 <= N <= 31";
  }

  @Override protected void validate(CallChecks checks, SqlCallBinding binding) {
    final String direction = checks.constantString(0, "the direction");
    final String base = checks.constantString(1, "the base");
    checks.time(2);
    if (!SqlTypeUtil.inCharFamily(binding.getOperandType(3))) {
      throw checks.wrongType(3, "the event column (argument 4) must be a string, got "
          + binding.getOperandType(3).getSqlTypeName() + "; CAST it to VARCHAR");
    }
    final int conditions = checks.conditions(4);
    try {
      NextNodeSpec.of(direction, base, conditions - 1);
    } catch (IllegalArgumentException e) {
      throw checks.invalid(0, e.getMessage());
    }
  }

  @Override public List<Integer> constantOperands(List<RelDataType> operandTypes) {
    return List.of(0, 1);
  }

  @Override public BoundAggFunction bind(List<RelDataType> operandTypes, List<RexLiteral> constants,
      RelDataType returnType) {
    final TimeKind kind = TimeKind.of(operandTypes.get(2));
    final NextNodeSpec spec = NextNodeSpec.of(Literals.string(constants.get(0)), Literals.string(constants.get(1)),
        operandTypes.size() - 5);
    return new BoundAggFunction(getName(), spec.toString(), returnType, kind, new Code(spec));
  }

  /** The code of a bound call: the accumulator keeps each row's event-column value beside its time and mask. */
  private static final class Code implements AccumulatorCode {
    private final NextNodeSpec spec;

    Code(NextNodeSpec spec) {
      this.spec = BoundValues.intern(spec);
    }

    @Override public Class<?> stateClass() {
      return NextNodeAccumulator.class;
    }

    /** {@code new NextNodeAccumulator(BehaviouralRuntime.nextNodeSpec(number))}. */
    @Override public Expression create() {
      return Expressions.new_(NextNodeAccumulator.class, Expressions.call(BehaviouralRuntime.class,
          "nextNodeSpec", Expressions.constant(BoundValues.number(spec))));
    }

    @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
      throw new UnsupportedOperationException("SEQUENCE_NEXT_NODE takes the event column's value with each row");
    }

    @Override public boolean takesValue() {
      return true;
    }

    @Override public Expression addWithValue(Expression state, @Nullable Expression time, Expression value,
        Expression mask) {
      return Expressions.call(state, "add", time, value, mask);
    }

    @Override public boolean dropsRowsWithNullConditions() {
      return true;
    }

    /** Every row is a node, met conditions or not: it takes a place in the chain. */
    @Override public boolean readsRowsMatchingNoCondition() {
      return true;
    }

    @Override public Expression result(Expression state) {
      return Expressions.call(state, "result");
    }

    /** The accumulator itself, fed each row's value: the step scan runs the very code Calcite's aggregate runs. */
    @Override public GroupEvaluator evaluator() {
      final NextNodeAccumulator accumulator = new NextNodeAccumulator(spec);
      return new GroupEvaluator() {
        @Override public void reset() {
          accumulator.reset();
        }

        @Override public void accept(long time, int mask) {
          throw new UnsupportedOperationException("SEQUENCE_NEXT_NODE takes the event column's value with each row");
        }

        @Override public void accept(long time, int mask, String value) {
          accumulator.add(time, value, mask);
        }

        @Override public boolean stopped() {
          return false;
        }

        @Override public @Nullable Object result() {
          return accumulator.result();
        }
      };
    }

    @Override public Object spec() {
      return spec;
    }
  }
}
