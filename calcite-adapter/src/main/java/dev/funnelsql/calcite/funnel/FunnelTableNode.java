package dev.funnelsql.calcite.funnel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A funnel table in a plan: its first input is the funnel's per-user aggregate (user, step times, then the threshold
 * times of segmentations taken with it), the others the memberships (user, segment) of the segmentations it shows, one
 * each. Its logical and Enumerable forms share this.
 */
abstract class FunnelTableNode extends AbstractRelNode {
  private final List<RelNode> inputs;
  private final FunnelTableRows rows;
  private final String name;

  FunnelTableNode(RelOptCluster cluster, RelTraitSet traits, List<RelNode> inputs, FunnelTableRows rows,
      RelDataType rowType, String name) {
    super(cluster, traits);
    this.inputs = new ArrayList<>(inputs);
    this.rows = rows;
    this.rowType = rowType;
    this.name = name;
  }

  /** What the node computes from its inputs. */
  FunnelTableRows rows() {
    return rows;
  }

  /** The table's name, for EXPLAIN. */
  String name() {
    return name;
  }

  @Override public List<RelNode> getInputs() {
    return inputs;
  }

  @Override public void replaceInput(int ordinalInParent, RelNode p) {
    inputs.set(ordinalInParent, p);
    recomputeDigest();
  }

  @Override protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    // Calcite wants the inputs first.
    super.explainTerms(pw).input("funnel", inputs.get(0));
    for (int i = 1; i < inputs.size(); i++) {
      pw.input(rows.kind().readsEventsAfterFunnel() ? "events" : "segments of " + rows.segmentations().get(i - 1),
          inputs.get(i));
    }
    return pw.item("table", name).item("memberships", rows.segmentations())
        .itemIf("atEntry", rows.takenAtEntry(), !rows.takenAtEntry().isEmpty())
        .itemIf("breakdown", "?" + rows.breakdownParameter(), rows.breakdownParameter() >= 0);
  }
}
