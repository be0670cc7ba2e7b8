package dev.funnelsql.calcite.stepscan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The last planning step: replaces each Enumerable behavioural aggregate that reads straight from a JDBC store by a
 * {@link StepScanAggregate} (unless the connection says {@code funnel.pushdown=never}). It runs after Calcite's
 * cost-based planning has pushed everything it can into the store, so it sees the final store query.
 */
public final class UseStepScan implements Program {
  @Override public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    final StepScanSettings settings = StepScanSettings.of(rootSchema(rel));
    if (!settings.enabled()) {
      return rel;
    }
    final RelNode planned = rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        final RelNode visited = super.visit(other);
        if (visited instanceof Aggregate && visited.getConvention() == EnumerableConvention.INSTANCE
            && visited.getInput(0) instanceof JdbcToEnumerableConverter) {
          final @Nullable RelNode scan =
              StepQuery.plan((Aggregate) visited, visited.getInput(0).getInput(0), settings);
          return scan != null ? scan : visited;
        }
        return visited;
      }
    });
    return settings.sourceSort() ? planned : share(planned);
  }

  /** Makes the scans that occur more than once in the plan share one result per execution. */
  private static RelNode share(RelNode plan) {
    final Map<Object, Integer> counts = new HashMap<>();
    new RelVisitor() {
      @Override public void visit(RelNode node, int ordinal, @Nullable RelNode parent) {
        final @Nullable Object key = scanOf(node);
        if (key != null) {
          counts.merge(key, 1, Integer::sum);
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    final Map<Object, SharedRows> shares = new HashMap<>();
    counts.forEach((key, count) -> {
      if (count > 1) {
        shares.put(key, new SharedRows());
      }
    });
    if (shares.isEmpty()) {
      return plan;
    }
    return plan.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        final RelNode visited = super.visit(other);
        final @Nullable Object key = scanOf(visited);
        final @Nullable SharedRows rows = key == null ? null : shares.get(key);
        if (rows == null) {
          return visited;
        }
        if (visited instanceof StepScanAggregate) {
          final StepScanAggregate node = (StepScanAggregate) visited;
          return node.withScan(node.scan().sharing(rows));
        }
        final EngineAggregate node = (EngineAggregate) visited;
        return node.withScan(node.scan().sharing(rows));
      }
    });
  }

  /** What a step scan or engine aggregate computes, as a value equal for equal scans; null for other nodes. */
  private static @Nullable Object scanOf(RelNode node) {
    if (node instanceof StepScanAggregate) {
      return ((StepScanAggregate) node).scan().plan();
    }
    return node instanceof EngineAggregate ? ((EngineAggregate) node).scan().query() : null;
  }

  /** The root schema of the connection that prepares the statement, found through a table the plan reads. */
  private static @Nullable CalciteSchema rootSchema(RelNode rel) {
    final CalciteSchema[] root = new CalciteSchema[1];
    new RelVisitor() {
      @Override public void visit(RelNode node, int ordinal, @Nullable RelNode parent) {
        if (node instanceof TableScan && root[0] == null) {
          final RelOptTable table = node.getTable();
          if (table != null && table.getRelOptSchema() instanceof CalciteCatalogReader) {
            root[0] = ((CalciteCatalogReader) table.getRelOptSchema()).getRootSchema();
          }
        }
        super.visit(node, ordinal, parent);
      }
    }.go(rel);
    return root[0];
  }
}
