package dev.funnelsql.calcite.funnel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A funnel table before physical planning; {@link FunnelTableRules} make it Enumerable and prune its inputs. Where
 * segmentations are computed with the funnel, it also carries the funnel alone (its per-user aggregate over its own
 * step rows, with no threshold times), which {@link PruneFunnelTableInputs} puts first when a query reads none of
 * them.
 */
final class LogicalFunnelTable extends FunnelTableNode {
  private final @Nullable RelNode funnelAlone;

  LogicalFunnelTable(RelOptCluster cluster, List<RelNode> inputs, FunnelTableRows rows, RelDataType rowType,
      String name, @Nullable RelNode funnelAlone) {
    super(cluster, cluster.traitSetOf(Convention.NONE), inputs, rows, rowType, name);
    this.funnelAlone = funnelAlone;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LogicalFunnelTable(getCluster(), inputs, rows(), getRowType(), name(), funnelAlone);
  }

  /** The funnel's per-user aggregate with no segmentation computed with it, or null where it is the first input. */
  @Nullable RelNode funnelAlone() {
    return funnelAlone;
  }

  /** The same table, its funnel (the first input, and the funnel alone) changed by {@code change}. */
  LogicalFunnelTable withFunnel(UnaryOperator<RelNode> change) {
    final List<RelNode> inputs = new ArrayList<>(getInputs());
    inputs.set(0, change.apply(inputs.get(0)));
    return new LogicalFunnelTable(getCluster(), inputs, rows(), getRowType(), name(),
        funnelAlone == null ? null : change.apply(funnelAlone));
  }

  @Override public void register(RelOptPlanner planner) {
    FunnelTableRules.ALL.forEach(planner::addRule);
  }
}
