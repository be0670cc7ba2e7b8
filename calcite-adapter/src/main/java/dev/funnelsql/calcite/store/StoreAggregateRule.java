package dev.funnelsql.calcite.store;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Converts an aggregate to one the store computes, priced like Calcite's other store operators below the same
 * aggregate in Calcite: Calcite prices a JDBC aggregate exactly like its own, so an aggregate over another one (users
 * per frequency, per cohort offset, per segment) tied and stayed in Calcite, over every per-user row. Grouping is
 * the store's job; with this rule the tie goes to the store.
 */
final class StoreAggregateRule extends JdbcRules.JdbcAggregateRule {
  private StoreAggregateRule(Config config) {
    super(config);
  }

  /** The rule for the store of {@code out}. */
  static StoreAggregateRule of(JdbcConvention out) {
    return Config.INSTANCE
        .withConversion(Aggregate.class, Convention.NONE, out, "StoreAggregateRule")
        .withRuleFactory(StoreAggregateRule::new)
        .toRule(StoreAggregateRule.class);
  }

  @Override public @Nullable RelNode convert(RelNode rel) {
    final Aggregate aggregate = (Aggregate) rel;
    if (aggregate.getGroupSets().size() != 1) {
      return null;
    }
    try {
      return new StoreAggregate(rel.getCluster(), aggregate.getTraitSet().replace(out),
          convert(aggregate.getInput(), out), aggregate.getGroupSet(), aggregate.getGroupSets(),
          aggregate.getAggCallList());
    } catch (InvalidRelException e) {
      return null;
    }
  }

  /** A JDBC aggregate that costs what Calcite's JDBC projections and filters cost: a fraction of Calcite's own. */
  static final class StoreAggregate extends JdbcRules.JdbcAggregate {
    StoreAggregate(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet,
        List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) throws InvalidRelException {
      super(cluster, traitSet, input, groupSet, groupSets, aggCalls);
    }

    @Override public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
      final @Nullable RelOptCost cost = super.computeSelfCost(planner, mq);
      return cost == null ? null : cost.multiplyBy(JdbcConvention.COST_MULTIPLIER);
    }
  }
}
