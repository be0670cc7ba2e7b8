package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.sequence.SequenceAccumulator;
import dev.funnelsql.functions.sequence.SequencePattern;
import java.util.List;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code SEQUENCE_MATCH(pattern, ts, cond1, …)} and {@code SEQUENCE_COUNT(…)}: ClickHouse {@code sequenceMatch} /
 * {@code sequenceCount} pattern matching over a group's events in time order.
 */
public final class SequenceFunction extends BehaviouralAggFunction {
  /** {@code SEQUENCE_MATCH}: returns BOOLEAN. */
  public static final SequenceFunction SEQUENCE_MATCH =
      new SequenceFunction("SEQUENCE_MATCH", false, ReturnTypes.BOOLEAN);

  /** {@code SEQUENCE_COUNT}: returns BIGINT, the number of non-overlapping matches. */
  public static final SequenceFunction SEQUENCE_COUNT =
      new SequenceFunction("SEQUENCE_COUNT", true, ReturnTypes.BIGINT);

  private final boolean count;

  private SequenceFunction(String name, boolean count, SqlReturnTypeInference returnType) {
    super(name, returnType, 3);
    this.count = count;
  }

  @Override protected String signature() {
    return getName() + "(pattern, ts, cond1, ..., condN) where pattern is a constant string such as "
        + "'(?1).*(?2)(?t<=3600)(?3)' (time conditions in seconds, days for a DATE ts), ts a TIMESTAMP, DATE or "
        + "integer and each cond a BOOLEAN, 1 <= N <= 32";
  }

  @Override protected void validate(CallChecks checks, SqlCallBinding binding) {
    if (!checks.isCharacter(0)) {
      throw checks.wrongType(0, "the pattern (argument 1) must be a constant string such as '(?1).*(?2)'");
    }
    final String pattern = checks.constantString(0, "the pattern");
    checks.time(1);
    final int conditions = checks.conditions(2);
    try {
      SequencePattern.parse(pattern, conditions);
    } catch (IllegalArgumentException e) {
      throw checks.invalid(0, e.getMessage());
    }
  }

  @Override public List<Integer> constantOperands(List<RelDataType> operandTypes) {
    return List.of(0);
  }

  @Override public BoundAggFunction bind(List<RelDataType> operandTypes, List<RexLiteral> constants,
      RelDataType returnType) {
    final TimeKind kind = TimeKind.of(operandTypes.get(1));
    final String text = Literals.string(constants.get(0));
    final SequencePattern pattern = SequencePattern.parse(text, operandTypes.size() - 2);
    final String description = getName() + "['" + text + "']";
    return new BoundAggFunction(getName(), description, returnType, kind, new Code(pattern, kind, count));
  }

  /**
   * Time-line units per unit of a time condition's number, as in ClickHouse, where the number is in the time
   * column's own unit: seconds for a timestamp, days for a date, the integer's unit for an integer.
   */
  static long patternUnit(TimeKind kind) {
    return kind == TimeKind.DATE ? kind.scale() : kind.unitsPerSecond();
  }

  /** The code of a bound sequence function: both back ends run the one pattern parsed when the call was bound. */
  private static final class Code implements AccumulatorCode {
    private final SequencePattern pattern;
    private final TimeKind kind;
    private final boolean count;

    Code(SequencePattern pattern, TimeKind kind, boolean count) {
      this.pattern = BoundValues.intern(pattern);
      this.kind = kind;
      this.count = count;
    }

    @Override public Class<?> stateClass() {
      return SequenceAccumulator.class;
    }

    /** {@code new SequenceAccumulator(BehaviouralRuntime.sequencePattern(number), unitsPerSecond)}. */
    @Override public Expression create() {
      return Expressions.new_(SequenceAccumulator.class, Expressions.call(BehaviouralRuntime.class,
          "sequencePattern", Expressions.constant(BoundValues.number(pattern))),
          Expressions.constant(patternUnit(kind)));
    }

    @Override public Expression add(Expression state, @Nullable Expression time, Expression mask) {
      return Expressions.call(state, "add", time, mask);
    }

    @Override public Expression result(Expression state) {
      return Expressions.call(BehaviouralRuntime.class, count ? "sequenceCount" : "sequenceMatches", state);
    }

    @Override public GroupEvaluator evaluator() {
      final SequenceAccumulator accumulator = new SequenceAccumulator(pattern, patternUnit(kind));
      return GroupEvaluator.buffering(accumulator::reset, accumulator::add,
          () -> count ? accumulator.count() : accumulator.matches());
    }

    @Override public Object spec() {
      return pattern;
    }
  }
}
