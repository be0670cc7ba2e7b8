package dev.funnelsql.calcite.function;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.RexImpTable.NullAs;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Generates the Enumerable code of a {@link BoundAggFunction}. Unlike Calcite's implementor for user-defined
 * aggregates it is not "strict": a row is not skipped when an argument is NULL. A NULL time skips the row; a NULL
 * condition counts as false, unless the function skips such rows (SEQUENCE_NEXT_NODE, which also skips a row whose
 * value is NULL, as ClickHouse does). Each row costs one call of the accumulator's {@code add(long, int)}, with no
 * boxing.
 */
final class BehaviouralAggImplementor implements AggImplementor {
  private final BoundAggFunction function;

  BehaviouralAggImplementor(BoundAggFunction function) {
    this.function = function;
  }

  @Override public List<Type> getStateType(AggContext info) {
    return List.of(function.code().stateClass());
  }

  @Override public void implementReset(AggContext info, AggResetContext reset) {
    reset.currentBlock().add(
        Expressions.statement(Expressions.assign(reset.accumulator().get(0), function.code().create())));
  }

  @Override public void implementAdd(AggContext info, AggAddContext add) {
    final List<RexNode> args = add.rexArguments();
    final RexToLixTranslator translator = add.rowTranslator();
    final AccumulatorCode code = function.code();
    final int valueArgument = function.timeKind() != null ? 1 : 0;
    final List<RexNode> conditions = args.subList(valueArgument + (code.takesValue() ? 1 : 0), args.size());
    final List<Expression> bits = translator.translateList(new ArrayList<>(conditions), NullAs.FALSE);
    Expression mask = Expressions.constant(0);
    for (int i = 0; i < bits.size(); i++) {
      final Expression bit = Expressions.condition(bits.get(i), Expressions.constant(1 << i), Expressions.constant(0));
      mask = i == 0 ? bit : Expressions.or(mask, bit);
    }
    // Rows are skipped when the FILTER is false or the time is NULL; the time is not boxed on the way.
    final List<Expression> guards = new ArrayList<>();
    final RexNode filter = add.rexFilterArgument();
    if (filter != null) {
      guards.add(translator.translateList(List.of(filter), NullAs.FALSE).get(0));
    }
    @Nullable Expression time = null;
    final @Nullable TimeKind kind = function.timeKind();
    if (kind != null) {
      final Expression raw = translator.translateList(List.of(args.get(0)), NullAs.NULL).get(0);
      final Expression value;
      if (Primitive.is(raw.getType())) {
        value = Expressions.convert_(raw, long.class);
      } else {
        final Expression nullable = add.currentBlock().append("time", raw);
        guards.add(Expressions.notEqual(nullable, Expressions.constant(null)));
        value = Expressions.call(Expressions.convert_(nullable, Number.class), "longValue");
      }
      time = kind.scale() == 1L ? value : Expressions.multiply(value, Expressions.constant(kind.scale()));
    }
    if (code.dropsRowsWithNullConditions()) {
      guards.addAll(translator.translateList(new ArrayList<>(conditions), NullAs.IS_NOT_NULL));
    }
    @Nullable Expression rowValue = null;
    if (code.takesValue()) {
      rowValue = add.currentBlock().append("value",
          translator.translateList(List.of(args.get(valueArgument)), NullAs.NULL).get(0));
      guards.add(Expressions.notEqual(rowValue, Expressions.constant(null)));
    }
    final Expression call = rowValue != null ? code.addWithValue(add.accumulator().get(0), time, rowValue, mask)
        : code.add(add.accumulator().get(0), time, mask);
    add.currentBlock().add(guards.isEmpty() ? Expressions.statement(call)
        : Expressions.ifThen(Expressions.foldAnd(guards), Expressions.statement(call)));
  }

  @Override public Expression implementResult(AggContext info, AggResultContext result) {
    return function.code().result(result.accumulator().get(0));
  }
}
