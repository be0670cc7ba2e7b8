package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.threshold.ThresholdTimesAccumulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The per-user aggregate under a segmentation taken at each user's entry into a funnel, when its rules are counts
 * against thresholds: per condition, the time of the user's k-th event meeting it ({@link ThresholdTimesAccumulator}),
 * as an ARRAY of BIGINT on the time line, NULL where fewer events meet it. Not a SQL function a query can name: the
 * funnel tables build it into their plans, beside the funnel's own aggregate, so that the step scan computes both in
 * one pass over each user's events in time order.
 */
public final class ThresholdTimesAggregate {
  private ThresholdTimesAggregate() {
  }

  /**
   * The bound aggregate; its arguments are the time, then one condition per threshold.
   *
   * @param typeFactory the planner's type factory
   * @param time the time column's type
   * @param thresholds per condition, its k (1 to {@link ThresholdTimesAccumulator#MAX_THRESHOLD})
   * @throws IllegalArgumentException if the time column's type cannot be a funnel's time, or a threshold is out of
   *     range
   */
  public static BoundAggFunction of(RelDataTypeFactory typeFactory, RelDataType time, List<Integer> thresholds) {
    final TimeKind kind = TimeKind.of(time);
    if (kind == null) {
      throw new IllegalArgumentException("threshold times need a TIMESTAMP, DATE or integer time, not " + time);
    }
    // Checked here, when the plan is made, rather than at the first group.
    new ThresholdTimesAccumulator(array(thresholds));
    final RelDataType type = typeFactory.createArrayType(typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.BIGINT), true), -1);
    return new BoundAggFunction("THRESHOLD_TIMES", "THRESHOLD_TIMES" + thresholds, type, kind,
        new Code(List.copyOf(thresholds)));
  }

  private static int[] array(List<Integer> thresholds) {
    return thresholds.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Whether {@code function} is a bound threshold-times aggregate. */
  public static boolean isOne(SqlAggFunction function) {
    return function instanceof BoundAggFunction && ((BoundAggFunction) function).code() instanceof Code;
  }

  /** Per condition, its threshold time, or NULL where it was not reached. */
  public static List<@Nullable Long> times(ThresholdTimesAccumulator accumulator) {
    final List<@Nullable Long> times = new ArrayList<>(accumulator.conditions());
    for (int c = 0; c < accumulator.conditions(); c++) {
      times.add(accumulator.reached(c) ? accumulator.time(c) : null);
    }
    return times;
  }

  /** A new accumulator of the thresholds a call was bound to, by its {@link BoundValues} number. */
  @SuppressWarnings("unchecked")
  public static ThresholdTimesAccumulator accumulator(int number) {
    return new ThresholdTimesAccumulator(array((List<Integer>) BoundValues.get(number)));
  }

  /** The generated code and the step scan's evaluator of bound threshold times. */
  private static final class Code implements AccumulatorCode {
    private final List<Integer> thresholds;

    Code(List<Integer> thresholds) {
      this.thresholds = thresholds;
    }

    @Override public Class<?> stateClass() {
      return ThresholdTimesAccumulator.class;
    }

    @Override public Expression create() {
      return Expressions.call(ThresholdTimesAggregate.class, "accumulator",
          Expressions.constant(BoundValues.number(thresholds)));
    }

    @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
      return Expressions.call(state, "add", time, mask);
    }

    @Override public Expression result(Expression state) {
      return Expressions.call(ThresholdTimesAggregate.class, "times", state);
    }

    @Override public GroupEvaluator evaluator() {
      final ThresholdTimesAccumulator accumulator = new ThresholdTimesAccumulator(array(thresholds));
      return new GroupEvaluator() {
        @Override public void reset() {
          accumulator.reset();
        }

        @Override public void accept(long time, int mask) {
          accumulator.add(time, mask);
        }

        @Override public boolean stopped() {
          return accumulator.complete();
        }

        @Override public @Nullable Object result() {
          return times(accumulator);
        }
      };
    }

    @Override public Object spec() {
      return thresholds;
    }
  }
}
