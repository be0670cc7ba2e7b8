package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code PERIOD_START(ts, 'hour'|'day'|'week'|'month')} (TIMESTAMP), {@code PERIODS_BETWEEN(from, to, unit)}
 * (BIGINT), {@code DATE_TRUNC('second'|…|'year', ts)} (TIMESTAMP, PostgreSQL's argument order) and
 * {@code LOCAL_TIME(ts)} (TIMESTAMP): calendar bucketing with ISO weeks on the wall clock of a time zone, which a
 * last argument names ({@code PERIOD_START(ts, 'day', 'Europe/Paris')}) or, without one, the connection's
 * calendar ({@link CalendarZone}) gives. Event times are UTC; a period's start is the zone's wall-clock time.
 * Computed by FunnelSQL, or by a store that spells them exactly, so every store gives the same buckets.
 */
public final class PeriodFunction extends SqlUserDefinedFunction {
  private static final SqlReturnTypeInference TIMESTAMP_NULLABLE =
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(SqlTypeTransforms.TO_NULLABLE);
  private static final String PERIODS = "'hour'|'day'|'week'|'month'";

  /** {@code PERIOD_START(ts, unit [, zone])}. */
  public static final PeriodFunction PERIOD_START = new PeriodFunction("PERIOD_START", 1, false,
      TIMESTAMP_NULLABLE, "periodStart", CalendarPeriod::parse, PERIODS);

  /** {@code PERIODS_BETWEEN(from, to, unit [, zone])}. */
  public static final PeriodFunction PERIODS_BETWEEN = new PeriodFunction("PERIODS_BETWEEN", 2, false,
      ReturnTypes.BIGINT_NULLABLE, "periodsBetween", CalendarPeriod::parse, PERIODS);

  /**
   * {@code DATE_TRUNC(unit, ts [, zone])}: the start of the second, minute, hour, day, ISO week, month, quarter or
   * year.
   */
  public static final PeriodFunction DATE_TRUNC = new PeriodFunction("DATE_TRUNC", 1, true, TIMESTAMP_NULLABLE,
      "dateTrunc", TruncationUnit::parse, "'second'|'minute'|'hour'|'day'|'week'|'month'|'quarter'|'year'");

  /** {@code LOCAL_TIME(ts [, zone])}: the zone's wall-clock time at the instant {@code ts}. */
  public static final PeriodFunction LOCAL_TIME = new PeriodFunction("LOCAL_TIME", 1, false, TIMESTAMP_NULLABLE,
      "localTime", null, null);

  private final int times;
  /** The operand that names the unit, or -1 when there is none. */
  private final int unitOperand;
  private final @Nullable Consumer<String> unitCheck;
  private final @Nullable String units;

  @SuppressWarnings("checkstyle:ParameterNumber")
  private PeriodFunction(String name, int times, boolean unitFirst, SqlReturnTypeInference returnType, String method,
      @Nullable Consumer<String> unitCheck, @Nullable String units) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returnType, InferTypes.RETURN_TYPE,
        null, new Implementation(method, unitOperand(times, unitFirst, units), times + (units == null ? 0 : 1)));
    this.times = times;
    this.unitOperand = unitOperand(times, unitFirst, units);
    this.unitCheck = unitCheck;
    this.units = units;
  }

  private static int unitOperand(int times, boolean unitFirst, @Nullable String units) {
    return units == null ? -1 : unitFirst ? 0 : times;
  }

  /** The number of operands without the zone: the times and the unit. */
  public int operandsWithoutZone() {
    return times + (unitOperand < 0 ? 0 : 1);
  }

  /** The operand that names the unit, or -1 for {@code LOCAL_TIME}. */
  public int unitOperand() {
    return unitOperand;
  }

  @Override public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.between(operandsWithoutZone(), operandsWithoutZone() + 1);
  }

  @Override public String getAllowedSignatures(String opNameToUse) {
    final List<String> operands = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      operands.add("<TIMESTAMP>");
    }
    if (units != null) {
      operands.add(unitOperand, units);
    }
    // DATE_TRUNC's zone comes from the connection only: Calcite's parser takes no third argument there.
    return getName() + "(" + String.join(", ", operands) + (this == DATE_TRUNC ? ")"
        : " [, '<time zone>'])");
  }

  @Override public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    final CallChecks checks = new CallChecks(binding, getName());
    for (int i = 0; i < operandsWithoutZone(); i++) {
      final SqlTypeName type = binding.getOperandType(i).getSqlTypeName();
      if (i != unitOperand && type != SqlTypeName.TIMESTAMP && type != SqlTypeName.DATE
          && type != SqlTypeName.NULL) {
        throw checks.wrongType(i, "argument " + (i + 1) + " must be a TIMESTAMP or DATE, got " + type);
      }
    }
    if (units != null && unitCheck != null) {
      final String unit = literalText(binding, checks, unitOperand, "the " + (this == DATE_TRUNC
          ? "unit" : "period") + " must be the literal " + units.replaceFirst("\\|([^|]*)$", " or $1")
          .replace("|", ", "));
      check(binding, unitOperand, () -> unitCheck.accept(unit));
    }
    if (binding.getOperandCount() > operandsWithoutZone()) {
      final int zoneOperand = operandsWithoutZone();
      final String zone = literalText(binding, checks, zoneOperand,
          "the time zone must be a literal such as 'America/Los_Angeles' or 'UTC'");
      check(binding, zoneOperand, () -> LocalCalendar.of(zone));
    }
    return true;
  }

  /** The text of a character literal operand; any other operand (a NULL or a number too) is refused. */
  private static String literalText(SqlCallBinding binding, CallChecks checks, int operand, String requirement) {
    final SqlNode node = binding.operand(operand);
    if (!(node instanceof SqlLiteral) || ((SqlLiteral) node).getTypeName().getFamily() != SqlTypeFamily.CHARACTER) {
      throw checks.invalid(operand, requirement);
    }
    return String.valueOf(((SqlLiteral) node).getValueAs(String.class));
  }

  private void check(SqlCallBinding binding, int operand, Runnable check) {
    try {
      check.run();
    } catch (IllegalArgumentException e) {
      throw SqlUtil.newContextException(binding.operand(operand).getParserPosition(),
          FunctionErrors.INSTANCE.invalidArgument(getName() + ": " + e.getMessage()));
    }
  }

  /** The scalar's implementation: a call of {@link BehaviouralRuntime}. */
  private static final class Implementation implements ScalarFunction, ImplementableFunction {
    private final String method;
    private final int unitOperand;
    private final int timesAndUnit;

    Implementation(String method, int unitOperand, int timesAndUnit) {
      this.method = method;
      this.unitOperand = unitOperand;
      this.timesAndUnit = timesAndUnit;
    }

    @Override public CallImplementor getImplementor() {
      return (translator, call, nullAs) -> {
        final List<Expression> arguments = new ArrayList<>();
        final List<RexNode> operands = call.getOperands();
        final List<Expression> translated = translator.translateList(new ArrayList<>(operands), NullAs.NULL);
        for (int i = 0; i < operands.size(); i++) {
          final Expression value = translated.get(i);
          if (i == operands.size() - 1 && operands.size() > timesAndUnit) {
            continue;
          }
          if (i != unitOperand) {
            final long scale = operands.get(i).getType().getSqlTypeName() == SqlTypeName.DATE ? 86_400_000L : 1L;
            arguments.add(Primitive.is(value.getType()) ? Expressions.box(value) : value);
            arguments.add(Expressions.constant(scale));
          } else {
            arguments.add(Expressions.convert_(value, String.class));
          }
        }
        // The zone's calendar, from a cache of calendars by zone.
        final Expression zone = operands.size() > timesAndUnit
            ? Expressions.convert_(translated.get(timesAndUnit), String.class) : Expressions.constant("UTC");
        arguments.add(Expressions.call(BehaviouralRuntime.class, "calendar", zone));
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
