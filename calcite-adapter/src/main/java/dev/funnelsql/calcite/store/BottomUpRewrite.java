package dev.funnelsql.calcite.store;

import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;

/**
 * A planning step that rewrites a plan node by node, each after its inputs: Calcite's bottom-up shuttle, written
 * once for FunnelSQL's steps between and after Calcite's own.
 */
public abstract class BottomUpRewrite implements Program {
  @Override public final RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        return rewrite(super.visit(other));
      }
    });
  }

  /** The node (its inputs already rewritten) or what takes its place. */
  protected abstract RelNode rewrite(RelNode node);
}
