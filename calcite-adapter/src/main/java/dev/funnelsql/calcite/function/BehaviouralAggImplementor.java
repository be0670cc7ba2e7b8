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
 * condition counts as false.
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
    final boolean hasTime = function.timeKind() != null;
    final List<RexNode> conditions = args.subList(hasTime ? 1 : 0, args.size());
    final List<Expression> bits = translator.translateList(new ArrayList<>(conditions), NullAs.FALSE);
    Expression mask = Expressions.constant(0);
    for (int i = 0; i < bits.size(); i++) {
      final Expression bit = Expressions.condition(bits.get(i), Expressions.constant(1 << i), Expressions.constant(0));
      mask = i == 0 ? bit : Expressions.or(mask, bit);
    }
    @Nullable Expression time = null;
    if (hasTime) {
      final Expression raw = translator.translateList(List.of(args.get(0)), NullAs.NULL).get(0);
      time = Primitive.is(raw.getType()) ? Expressions.box(raw) : raw;
    }
    final Expression call = function.code().add(add.accumulator().get(0), time, mask);
    final RexNode filter = add.rexFilterArgument();
    if (filter == null) {
      add.currentBlock().add(Expressions.statement(call));
    } else {
      final Expression accept = translator.translateList(List.of(filter), NullAs.FALSE).get(0);
      add.currentBlock().add(Expressions.ifThen(accept, Expressions.statement(call)));
    }
  }

  @Override public Expression implementResult(AggContext info, AggResultContext result) {
    return function.code().result(result.accumulator().get(0));
  }
}
