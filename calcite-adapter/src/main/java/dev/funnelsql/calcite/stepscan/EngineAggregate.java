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
 * A behavioural aggregate the engine computes whole ({@code funnel.pushdown}): its input is the step query (shown by
 * EXPLAIN), and the engine runs the aggregate over it (its SQL shown too), sending one row per group. Not an input
 * Calcite implements: {@link EngineScan} runs the engine's SQL itself.
 */
public final class EngineAggregate extends SingleRel implements EnumerableRel {
  private final RelDataType rowType;
  private final List<String> calls;
  private final JdbcConvention convention;
  private final EngineScan scan;

  EngineAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode stepRows, RelDataType rowType, List<String> calls,
      JdbcConvention convention, EngineScan scan) {
    super(cluster, traits, stepRows);
    this.rowType = rowType;
    this.calls = calls;
    this.convention = convention;
    this.scan = scan;
  }

  @Override protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EngineAggregate(getCluster(), traitSet, sole(inputs), rowType, calls, convention, scan);
  }

  /** The scan this node runs. */
  EngineScan scan() {
    return scan;
  }

  /** This node running {@code other} instead of its own scan. */
  EngineAggregate withScan(EngineScan other) {
    return new EngineAggregate(getCluster(), getTraitSet(), getInput(), rowType, calls, convention, other);
  }

  /** The engine's query. */
  String sql() {
    return scan.sql();
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("keys", scan.keyKinds().size())
        .item("aggregates", calls)
        .item("pushdown", "engine")
        .item("sql", scan.sql());
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return StoreExecution.implement(implementor, getRowType(), scan, EngineScan.class, convention);
  }
}
