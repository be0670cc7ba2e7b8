package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.store.StoreConvention;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.util.BuiltInMethod;

/**
 * A funnel table executed by {@link FunnelTableRows}: its inputs run as planned (the funnel's aggregate as a step
 * scan when its store allows, the memberships in the store), and their rows go straight to FunnelSQL's own pass.
 */
final class EnumerableFunnelTable extends FunnelTableNode implements EnumerableRel {
  EnumerableFunnelTable(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs, FunnelTableRows rows,
      RelDataType rowType, String name) {
    super(cluster, traits, inputs, rows, rowType, name);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableFunnelTable(getCluster(), traitSet, inputs, rows(), getRowType(), name());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    final BlockBuilder builder = new BlockBuilder();
    final List<Expression> inputs = new ArrayList<>();
    for (int i = 0; i < getInputs().size(); i++) {
      final Result child = implementor.visitChild(this, i, (EnumerableRel) getInput(i), Prefer.ARRAY);
      // The funnel's rows inline; each membership as a function that builds its rows only when called, because
      // Calcite's operators may compute while they are built (an aggregate groups its input at once), and a table
      // that keeps one breakdown (a parameter) must not compute the others'.
      final BlockBuilder block = i == 0 ? builder : new BlockBuilder();
      final Expression rows = block.append("input" + i, child.block);
      final Expression array = child.physType.getFormat() == JavaRowFormat.ARRAY ? rows
          : child.physType.convertTo(rows, JavaRowFormat.ARRAY);
      if (i == 0) {
        inputs.add(array);
      } else {
        block.add(Expressions.return_(null, array));
        inputs.add(Expressions.lambda(Function0.class, block.toBlock()));
      }
    }
    final Expression stashed = implementor.stash(rows(), FunnelTableRows.class);
    final int parameter = rows().breakdownParameter();
    final Expression breakdown = parameter < 0 ? Expressions.constant(null, Object.class)
        : Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET.method,
            Expressions.constant("?" + parameter));
    final Expression cancelFlag = Expressions.convert_(Expressions.call(DataContext.ROOT,
        BuiltInMethod.DATA_CONTEXT_GET.method, Expressions.constant(DataContext.Variable.CANCEL_FLAG.camelName)),
        AtomicBoolean.class);
    builder.add(Expressions.return_(null, Expressions.call(stashed, "rows", inputs.get(0),
        Expressions.newArrayInit(Function0.class, inputs.subList(1, inputs.size())), breakdown, cancelFlag,
        Expressions.constant(StoreConvention.sharesTheJvmHeap(this)))));
    final PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    return implementor.result(physType, builder.toBlock());
  }
}
