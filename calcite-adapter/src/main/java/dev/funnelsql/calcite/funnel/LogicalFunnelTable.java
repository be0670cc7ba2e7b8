package dev.funnelsql.calcite.funnel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/** A funnel table before physical planning; {@link FunnelTableRules} make it Enumerable and prune its inputs. */
final class LogicalFunnelTable extends FunnelTableNode {
  LogicalFunnelTable(RelOptCluster cluster, List<RelNode> inputs, FunnelTableRows rows, RelDataType rowType,
      String name) {
    super(cluster, cluster.traitSetOf(Convention.NONE), inputs, rows, rowType, name);
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new LogicalFunnelTable(getCluster(), inputs, rows(), getRowType(), name());
  }

  @Override public void register(RelOptPlanner planner) {
    FunnelTableRules.ALL.forEach(planner::addRule);
  }
}
