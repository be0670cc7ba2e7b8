package dev.funnelsql.calcite.funnel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** The planner rules of the funnel tables, registered by {@link LogicalFunnelTable} when a plan uses one. */
final class FunnelTableRules {
  /** Makes a funnel table Enumerable, its inputs too. */
  static final ConverterRule TO_ENUMERABLE = ToEnumerable.CONFIG.toRule(ToEnumerable.class);

  /** Every rule of the funnel tables. */
  static final List<RelOptRule> ALL = List.of(TO_ENUMERABLE);

  private FunnelTableRules() {
  }

  /** Converts a {@link LogicalFunnelTable} to an {@link EnumerableFunnelTable}. */
  static final class ToEnumerable extends ConverterRule {
    static final Config CONFIG = Config.INSTANCE
        .withConversion(LogicalFunnelTable.class, Convention.NONE, EnumerableConvention.INSTANCE,
            "FunnelTableToEnumerable")
        .withRuleFactory(ToEnumerable::new);

    ToEnumerable(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      final LogicalFunnelTable table = (LogicalFunnelTable) rel;
      final List<RelNode> inputs = new ArrayList<>();
      for (RelNode input : table.getInputs()) {
        inputs.add(convert(input, input.getTraitSet().replace(EnumerableConvention.INSTANCE)));
      }
      return new EnumerableFunnelTable(table.getCluster(), table.getTraitSet().replace(EnumerableConvention.INSTANCE),
          inputs, table.rows(), table.getRowType(), table.name());
    }
  }
}
