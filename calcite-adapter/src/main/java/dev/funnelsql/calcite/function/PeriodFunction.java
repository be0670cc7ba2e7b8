package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.TruncationUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 * {@code PERIOD_START(ts, 'hour'|'day'|'week'|'month')} (TIMESTAMP), {@code PERIODS_BETWEEN(from, to, unit)}
 * (BIGINT) and {@code DATE_TRUNC('second'|…|'year', ts)} (TIMESTAMP, PostgreSQL's argument order): calendar
 * bucketing on the UTC calendar with ISO weeks. Computed by FunnelSQL rather than the store, so every store gives
 * the same buckets (Calcite cannot send {@code FLOOR(ts TO WEEK)} to H2).
 */
public final class PeriodFunction extends SqlUserDefinedFunction {
  private static final SqlReturnTypeInference TIMESTAMP_NULLABLE =
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE);
  private static final String PERIODS = "'hour'|'day'|'week'|'month'";

  /** {@code PERIOD_START(ts, unit)}. */
  public static final PeriodFunction PERIOD_START = new PeriodFunction("PERIOD_START", 1, false,
      TIMESTAMP_NULLABLE, "periodStart", CalendarPeriod::parse, PERIODS);

  /** {@code PERIODS_BETWEEN(from, to, unit)}. */
  public static final PeriodFunction PERIODS_BETWEEN = new PeriodFunction("PERIODS_BETWEEN", 2, false,
      ReturnTypes.BIGINT_NULLABLE, "periodsBetween", CalendarPeriod::parse, PERIODS);

  /** {@code DATE_TRUNC(unit, ts)}: the start of the second, minute, hour, day, ISO week, month, quarter or year. */
  public static final PeriodFunction DATE_TRUNC = new PeriodFunction("DATE_TRUNC", 1, true, TIMESTAMP_NULLABLE,
      "dateTrunc", TruncationUnit::parse, "'second'|'minute'|'hour'|'day'|'week'|'month'|'quarter'|'year'");

  private final int times;
  private final int unitOperand;
  private final Consumer<String> unitCheck;
  private final String units;

  @SuppressWarnings("checkstyle:ParameterNumber")
  private PeriodFunction(String name, int times, boolean unitFirst, SqlReturnTypeInference returnType, String method,
      Consumer<String> unitCheck, String units) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returnType, InferTypes.RETURN_TYPE,
        null, new Implementation(method, unitFirst ? 0 : times));
    this.times = times;
    this.unitOperand = unitFirst ? 0 : times;
    this.unitCheck = unitCheck;
    this.units = units;
  }

  @Override public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.of(times + 1);
  }

  @Override public String getAllowedSignatures(String opNameToUse) {
    final List<String> operands = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      operands.add("<TIMESTAMP>");
    }
    operands.add(unitOperand, units);
    return getName() + "(" + String.join(", ", operands) + ")";
  }

  @Override public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    final CallChecks checks = new CallChecks(binding, getName());
    for (int i = 0; i <= times; i++) {
      final SqlTypeName type = binding.getOperandType(i).getSqlTypeName();
      if (i != unitOperand && type != SqlTypeName.TIMESTAMP && type != SqlTypeName.DATE
          && type != SqlTypeName.NULL) {
        throw checks.wrongType(i, "argument " + (i + 1) + " must be a TIMESTAMP or DATE, got " + type);
      }
    }
    final SqlNode unit = binding.operand(unitOperand);
    // A NULL or numeric literal too: only a character literal names a period.
    if (!(unit instanceof SqlLiteral) || ((SqlLiteral) unit).getTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
      throw checks.invalid(unitOperand, "the " + (getName().equals("DATE_TRUNC") ? "unit" : "period")
          + " must be the literal " + units.replaceFirst("\\|([^|]*)$", " or $1").replace("|", ", "));
    }
    try {
      unitCheck.accept(String.valueOf(((SqlLiteral) unit).getValueAs(String.class)));
    } catch (IllegalArgumentException e) {
      throw SqlUtil.newContextException(unit.getParserPosition(),
          FunctionErrors.INSTANCE.invalidArgument(getName() + ": " + e.getMessage()));
    }
    return true;
  }

  /** The scalar's implementation: a call of {@link BehaviouralRuntime}. */
  private static final class Implementation implements ScalarFunction, ImplementableFunction {
    private final String method;
    private final int unitOperand;

    Implementation(String method, int unitOperand) {
      this.method = method;
      this.unitOperand = unitOperand;
    }

    @Override public CallImplementor getImplementor() {
      return (translator, call, nullAs) -> {
        final List<Expression> arguments = new ArrayList<>();
        final List<RexNode> operands = call.getOperands();
        final List<Expression> translated = translator.translateList(new ArrayList<>(operands), NullAs.NULL);
        for (int i = 0; i < operands.size(); i++) {
          final Expression value = translated.get(i);
          if (i != unitOperand) {
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
      return typeFactory.createSqlType(method.equals("periodsBetween") ? SqlTypeName.BIGINT : SqlTypeName.TIMESTAMP);
    }

    @Override public List<FunctionParameter> getParameters() {
      return List.of();
    }
  }
}
