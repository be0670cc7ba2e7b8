package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.period.CalendarPeriod;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.RexImpTable.NullAs;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * {@code PERIOD_START(ts, 'day'|'week'|'month')} (TIMESTAMP) and {@code PERIODS_BETWEEN(from, to, unit)} (BIGINT):
 * calendar bucketing on the UTC calendar with ISO weeks. Computed by FunnelSQL rather than the store, so every
 * store gives the same buckets (Calcite cannot send {@code FLOOR(ts TO WEEK)} to H2).
 */
public final class PeriodFunction extends SqlUserDefinedFunction {
  /** {@code PERIOD_START(ts, unit)}. */
  public static final PeriodFunction PERIOD_START = new PeriodFunction("PERIOD_START", 1,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE), "periodStart");

  /** {@code PERIODS_BETWEEN(from, to, unit)}. */
  public static final PeriodFunction PERIODS_BETWEEN = new PeriodFunction("PERIODS_BETWEEN", 2,
      ReturnTypes.BIGINT_NULLABLE, "periodsBetween");

  private final int times;
  private final String method;

  private PeriodFunction(String name, int times, SqlReturnTypeInference returnType, String method) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returnType, InferTypes.RETURN_TYPE,
        null, new Implementation(method));
    this.times = times;
    this.method = method;
  }

  @Override public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.of(times + 1);
  }

  @Override public String getAllowedSignatures(String opNameToUse) {
    return getName() + (times == 1 ? "(<TIMESTAMP>, 'day'|'week'|'month')"
        : "(<TIMESTAMP>, <TIMESTAMP>, 'day'|'week'|'month')");
  }

  @Override public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    final CallChecks checks = new CallChecks(binding, getName());
    for (int i = 0; i < times; i++) {
      final SqlTypeName type = binding.getOperandType(i).getSqlTypeName();
      if (type != SqlTypeName.TIMESTAMP && type != SqlTypeName.DATE && type != SqlTypeName.NULL) {
        throw checks.wrongType(i, "argument " + (i + 1) + " must be a TIMESTAMP or DATE, got " + type);
      }
    }
    final SqlNode unit = binding.operand(times);
    if (!(unit instanceof SqlLiteral) || ((SqlLiteral) unit).getTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
      // A NULL or numeric literal too: only a character literal names a period.
      throw checks.invalid(times, "the period must be the literal 'day', 'week' or 'month'");
    }
    try {
      CalendarPeriod.parse(String.valueOf(((SqlLiteral) unit).getValueAs(String.class)));
    } catch (IllegalArgumentException e) {
      throw SqlUtil.newContextException(unit.getParserPosition(),
          FunctionErrors.INSTANCE.invalidArgument(getName() + ": " + e.getMessage()));
    }
    return true;
  }

  /** The scalar's implementation: a call of {@link BehaviouralRuntime}. */
  private static final class Implementation implements ScalarFunction, ImplementableFunction {
    private final String method;

    Implementation(String method) {
      this.method = method;
    }

    @Override public CallImplementor getImplementor() {
      return (translator, call, nullAs) -> {
        final List<Expression> arguments = new ArrayList<>();
        final List<RexNode> operands = call.getOperands();
        final List<Expression> translated = translator.translateList(new ArrayList<>(operands), NullAs.NULL);
        for (int i = 0; i < operands.size(); i++) {
          final Expression value = translated.get(i);
          if (i < operands.size() - 1) {
            final long scale = operands.get(i).getType().getSqlTypeName() == SqlTypeName.DATE ? 86_400_000L : 1L;
            arguments.add(Primitive.is(value.getType()) ? Expressions.box(value) : value);
            arguments.add(Expressions.constant(scale));
          } else {
            arguments.add(Expressions.convert_(value, String.class));
          }
        }
        return nullAs.handle(Expressions.call(BehaviouralRuntime.class, method, arguments));
      };
    }

    @Override public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createSqlType(method.equals("periodStart") ? SqlTypeName.TIMESTAMP : SqlTypeName.BIGINT);
    }

    @Override public List<FunctionParameter> getParameters() {
      return List.of();
    }
  }
}
