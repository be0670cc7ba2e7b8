package dev.funnelsql.calcite.stepscan;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A behavioural aggregate executed as a step scan: its input is the query the event store runs (shown by EXPLAIN,
 * with its SQL), and it computes the aggregate in Java from that query's (group key, time, mask[, value]) rows. Not
 * an input Calcite implements: {@link StepScan} runs the store's SQL itself.
 */
public final class StepScanAggregate extends SingleRel implements EnumerableRel {
  private final RelDataType rowType;
  private final List<String> calls;
  private final JdbcConvention convention;
  private final StepScan scan;
  /** Why the engine does not compute the aggregate ({@link EnginePushdown#refusal}); empty if it was not asked to. */
  private final String clientBecause;

  StepScanAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode storeQuery, RelDataType rowType,
      List<String> calls, JdbcConvention convention, StepScan scan, String clientBecause) {
    super(cluster, traits, storeQuery);
    this.rowType = rowType;
    this.calls = calls;
    this.convention = convention;
    this.scan = scan;
    this.clientBecause = clientBecause;
  }

  @Override protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new StepScanAggregate(getCluster(), traitSet, sole(inputs), rowType, calls, convention, scan,
        clientBecause);
  }

  /** The scan this node runs. */
  StepScan scan() {
    return scan;
  }

  /** This node running {@code other} instead of its own scan. */
  StepScanAggregate withScan(StepScan other) {
    return new StepScanAggregate(getCluster(), getTraitSet(), getInput(), rowType, calls, convention, other,
        clientBecause);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("keys", scan.keyKinds().size())
        .item("aggregates", calls)
        .item("pushdown", clientBecause.isEmpty() ? "client" : "client (" + clientBecause + ")")
        .item("order", scan.settings().sourceSort() ? "source" : "client")
        .itemIf("transfer", "arrow", ArrowStepRows.reads(scan.plan().layout(), scan.settings()))
        .itemIf("transfer", "copy", scan.copy() != null)
        .itemIf("values", scan.numbering() == null ? "" : scan.numbering().sql(), scan.numbering() != null)
        .item("sql", scan.sql());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return StoreExecution.implement(implementor, getRowType(), scan, StepScan.class, convention);
  }
}
