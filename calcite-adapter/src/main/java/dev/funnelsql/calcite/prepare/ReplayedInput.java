package dev.funnelsql.calcite.prepare;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;

/**
 * An input whose rows are read once per execution and replayed to every later reader ({@link ReplayedRows}): the
 * inner side of a nested-loop join, which Calcite would otherwise read again, query and all, for each outer row.
 */
public final class ReplayedInput extends SingleRel implements EnumerableRel {
  ReplayedInput(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, traits, input);
  }

  /** Replays {@code input}, with its traits. */
  static ReplayedInput of(RelNode input) {
    return new ReplayedInput(input.getCluster(), input.getTraitSet(), input);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ReplayedInput(getCluster(), traitSet, sole(inputs));
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    final BlockBuilder builder = new BlockBuilder();
    final Expression rows = builder.append("rows", input.block);
    builder.add(Expressions.return_(null, Expressions.call(ReplayedRows.class, "of", rows)));
    return implementor.result(input.physType, builder.toBlock());
  }
}
