package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.FunnelAccumulator;
import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code FUNNEL_STEP(ts, window, [mode,] cond1, …, condN)}, the length of the longest windowed chain of steps, and
 * {@code FUNNEL_TIMES(…)}, the step times of that chain; both ClickHouse {@code windowFunnel}-compatible.
 */
public final class FunnelFunction extends BehaviouralAggFunction {
  /** {@code FUNNEL_STEP}: returns INTEGER 0..N. */
  public static final FunnelFunction FUNNEL_STEP = new FunnelFunction("FUNNEL_STEP", false, ReturnTypes.INTEGER);

  /** {@code FUNNEL_TIMES}: returns an ARRAY of the step times, NULL past the last step reached. */
  public static final FunnelFunction FUNNEL_TIMES = new FunnelFunction("FUNNEL_TIMES", true, FunnelFunction::timesType);

  private final boolean times;

  private FunnelFunction(String name, boolean times, SqlReturnTypeInference returnType) {
    super(name, returnType, 3);
    this.times = times;
  }

  private static RelDataType timesType(org.apache.calcite.sql.SqlOperatorBinding binding) {
    final RelDataTypeFactory types = binding.getTypeFactory();
    final TimeKind kind = TimeKind.of(binding.getOperandType(0));
    final RelDataType element = kind == TimeKind.INTEGER
        ? types.createSqlType(SqlTypeName.BIGINT)
        : types.createSqlType(SqlTypeName.TIMESTAMP, 3);
    return types.createArrayType(types.createTypeWithNullability(element, true), -1);
  }

  @Override protected String signature() {
    return getName() + "(ts, window, [mode,] cond1, ..., condN) where ts is a TIMESTAMP, DATE or integer, window a "
        + "constant (INTERVAL or seconds for timestamps, a number for integers), mode a string of "
        + validModes() + " and each cond a BOOLEAN, 1 <= N <= 32";
  }

  static String validModes() {
    return java.util.Arrays.stream(FunnelMode.values()).map(FunnelMode::sqlName).collect(Collectors.joining(", "));
  }

  private static boolean hasMode(List<RelDataType> operandTypes) {
    return operandTypes.size() > 3 && SqlTypeUtil.inCharFamily(operandTypes.get(2));
  }

  @Override protected void validate(CallChecks checks, SqlCallBinding binding) {
    final TimeKind kind = checks.time(0);
    final long window = checks.window(1, kind);
    final boolean hasMode = checks.isCharacter(2) && binding.getOperandCount() > 3;
    final String modes = hasMode ? checks.constantString(2, "the mode") : "";
    final int steps = checks.conditions(hasMode ? 3 : 2);
    try {
      spec(steps, window, modes);
    } catch (IllegalArgumentException e) {
      throw checks.invalid(hasMode ? 2 : 1, e.getMessage());
    }
  }

  /** The validated spec of a call: the one rule, used by the validator's check and by the binding. */
  private static FunnelSpec spec(int steps, long window, String modes) {
    return FunnelSpec.of(steps, window, FunnelSpec.parseModes(modes));
  }

  @Override public List<Integer> constantOperands(List<RelDataType> operandTypes) {
    return hasMode(operandTypes) ? List.of(1, 2) : List.of(1);
  }

  /**
   * Returns the spec of a call, built once from the values of its constant arguments.
   *
   * @param operandTypes the types of all arguments
   * @param constants the window and, if the call has one, the mode
   */
  private static FunnelSpec spec(List<RelDataType> operandTypes, List<RexLiteral> constants) {
    final TimeKind kind = TimeKind.of(operandTypes.get(0));
    final long window = Literals.window(constants.get(0), kind, 1);
    final String modes = constants.size() > 1 ? Literals.string(constants.get(1)) : "";
    return spec(operandTypes.size() - 1 - constants.size(), window, modes);
  }

  @Override public BoundAggFunction bind(List<RelDataType> operandTypes, List<RexLiteral> constants,
      RelDataType returnType) {
    final TimeKind kind = TimeKind.of(operandTypes.get(0));
    final FunnelSpec spec = spec(operandTypes, constants);
    return new BoundAggFunction(getName(), describe(getName(), spec, kind, ""), returnType, kind,
        new Code(spec, times));
  }

  /**
   * How {@code EXPLAIN} shows a bound funnel aggregate: {@code NAME[window=…ms, mode=…<more>]}.
   *
   * @param more what the aggregate adds, from a comma on ({@code , exclusions=[…]}), or ""
   */
  static String describe(String name, FunnelSpec spec, TimeKind kind, String more) {
    final String modes = FunnelSpec.formatModes(spec.modes());
    return name + "[window=" + spec.window() + (kind.isTemporal() ? "ms" : "")
        + (modes.isEmpty() ? "" : ", mode=" + modes) + more + "]";
  }

  /** The code of a bound funnel: both back ends run the one spec made when the call was bound. */
  private static final class Code implements AccumulatorCode {
    private final FunnelSpec spec;
    private final boolean times;

    Code(FunnelSpec spec, boolean times) {
      this.spec = BoundValues.intern(spec);
      this.times = times;
    }

    @Override public Class<?> stateClass() {
      return FunnelAccumulator.class;
    }

    /** {@code new FunnelAccumulator(BehaviouralRuntime.funnelSpec(number))}: the bound spec, by its number. */
    @Override public Expression create() {
      return Expressions.new_(FunnelAccumulator.class, Expressions.call(BehaviouralRuntime.class, "funnelSpec",
          Expressions.constant(BoundValues.number(spec))));
    }

    @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
      return Expressions.call(state, "add", time, mask);
    }

    @Override public Expression result(Expression state) {
      return Expressions.call(BehaviouralRuntime.class, times ? "funnelTimes" : "funnelLevel", state);
    }

    @Override public boolean readsRowsMatchingNoCondition() {
      return spec.has(FunnelMode.STRICT_ORDER);
    }

    @Override public GroupEvaluator evaluator() {
      return new FunnelEvaluator(spec, times);
    }

    @Override public EngineCall engineCall() {
      return new EngineCall.Funnel(spec, List.of(), times);
    }

    @Override public Object spec() {
      return spec;
    }
  }
}
