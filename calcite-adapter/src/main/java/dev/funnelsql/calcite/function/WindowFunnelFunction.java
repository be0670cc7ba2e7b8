package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.windowfunnel.WindowFunnelAccumulator;
import dev.funnelsql.functions.windowfunnel.WindowFunnelSpec;
import java.util.List;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code WINDOW_FUNNEL(window, mode, ts, cond1, …)} as Apache Doris writes it and {@code WINDOW_FUNNEL(window, ts,
 * mode, cond1, …)} as StarRocks does, each with that engine's answers, so that their funnel queries run unchanged.
 * The second argument tells the two apart: a mode name is Doris', a time is StarRocks'.
 */
public final class WindowFunnelFunction extends BehaviouralAggFunction {
  /** The one function; both argument orders. */
  public static final WindowFunnelFunction INSTANCE = new WindowFunnelFunction();

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private WindowFunnelFunction() {
    super("WINDOW_FUNNEL", ReturnTypes.INTEGER, 4);
  }

  @Override protected String signature() {
    return "WINDOW_FUNNEL(window, mode, ts, cond1, ..., condN) as in Apache Doris (window in seconds, mode one of "
        + "'default', 'deduplication', 'fixed', 'increase') or WINDOW_FUNNEL(window, ts, mode, cond1, ..., condN) "
        + "as in StarRocks (window in seconds, days for a DATE ts; mode 0 to 7: 1 deduplication + 2 fixed + "
        + "4 increase), each cond a BOOLEAN, 1 <= N <= 32";
  }

  /** Whether a call is in Doris' argument order: its second argument, the mode, is a string. */
  private static boolean doris(List<RelDataType> operandTypes) {
    return SqlTypeUtil.inCharFamily(operandTypes.get(1));
  }

  @Override protected void validate(CallChecks checks, SqlCallBinding binding) {
    if (checks.isCharacter(1)) {
      final TimeKind kind = checks.time(2);
      final long window = checks.window(0, kind);
      final String mode = checks.constantString(1, "the mode");
      final int steps = checks.conditions(3);
      try {
        WindowFunnelSpec.doris(steps, window, mode);
      } catch (IllegalArgumentException e) {
        throw checks.invalid(1, e.getMessage());
      }
    } else {
      final TimeKind kind = checks.time(1);
      final long window = checks.constantInteger(0, "the window");
      if (window < 0) {
        throw checks.invalid(0, "the window (argument 1) must not be negative, got " + window);
      }
      final long mode = checks.constantInteger(2, "the mode");
      final int steps = checks.conditions(3);
      if (mode < 0 || mode > 7) {
        throw checks.invalid(2, "the StarRocks mode (argument 3) must be in the range [0, 7], got " + mode);
      }
      try {
        WindowFunnelSpec.starRocks(steps, starRocksWindow(window, kind), (int) mode);
      } catch (IllegalArgumentException e) {
        throw checks.invalid(2, e.getMessage());
      }
    }
  }

  /** A StarRocks window on the time line: seconds for a timestamp, days for a date, the integer's own unit. */
  private static long starRocksWindow(long window, TimeKind kind) {
    final long unit = kind == TimeKind.DATE ? MILLIS_PER_DAY : kind.unitsPerSecond();
    return Math.multiplyHigh(window, unit) != 0 ? Long.MAX_VALUE : window * unit;
  }

  @Override public List<Integer> constantOperands(List<RelDataType> operandTypes) {
    return doris(operandTypes) ? List.of(0, 1) : List.of(0, 2);
  }

  @Override public BoundAggFunction bind(List<RelDataType> operandTypes, List<RexLiteral> constants,
      RelDataType returnType) {
    final boolean doris = doris(operandTypes);
    final TimeKind kind = TimeKind.of(operandTypes.get(doris ? 2 : 1));
    final int steps = operandTypes.size() - 3;
    final WindowFunnelSpec spec = doris
        ? WindowFunnelSpec.doris(steps, Literals.window(constants.get(0), kind, 0), Literals.string(constants.get(1)))
        : WindowFunnelSpec.starRocks(steps, starRocksWindow(Literals.integer(constants.get(0)), kind),
            (int) Literals.integer(constants.get(1)));
    final String description = getName() + "[window=" + spec.window() + (kind.isTemporal() ? "ms" : "") + ", "
        + spec + "]";
    return new BoundAggFunction(getName(), description, returnType, kind, new Code(spec));
  }

  /** The code of a bound call: both back ends run the one spec made when the call was bound. */
  private static final class Code implements AccumulatorCode {
    private final WindowFunnelSpec spec;

    Code(WindowFunnelSpec spec) {
      this.spec = BoundValues.intern(spec);
    }

    @Override public Class<?> stateClass() {
      return WindowFunnelAccumulator.class;
    }

    /** {@code new WindowFunnelAccumulator(BehaviouralRuntime.windowFunnelSpec(number))}. */
    @Override public Expression create() {
      return Expressions.new_(WindowFunnelAccumulator.class, Expressions.call(BehaviouralRuntime.class,
          "windowFunnelSpec", Expressions.constant(BoundValues.number(spec))));
    }

    @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
      return Expressions.call(state, "add", time, mask);
    }

    @Override public Expression result(Expression state) {
      return Expressions.call(state, "level");
    }

    @Override public GroupEvaluator evaluator() {
      final WindowFunnelAccumulator accumulator = new WindowFunnelAccumulator(spec);
      return GroupEvaluator.buffering(accumulator::reset, accumulator::add, accumulator::level);
    }

    @Override public Object spec() {
      return spec;
    }
  }
}
