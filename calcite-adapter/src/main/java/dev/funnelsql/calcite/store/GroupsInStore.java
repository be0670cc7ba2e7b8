package dev.funnelsql.calcite.store;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;

/**
 * Planning step, after the step scans are placed, that moves a {@code GROUP BY} which Calcite's cost-based planning
 * left in Calcite's own operators, straight over a store query, into that query, where the store's dialect computes
 * every call of it. Calcite costs its JDBC aggregate as its own, and a grouping by another grouping's result ({@code
 * SELECT n, COUNT(*) FROM (SELECT user_id, COUNT(*) AS n … GROUP BY user_id) GROUP BY n}, the histogram a dashboard
 * draws, or a segmentation's check) came out cheaper in Calcite, which then read one row per user from the store.
 * A store whose dialect says it types such SQL otherwise ({@link StoreDialect#takesCalciteGroupings}) keeps the plan.
 */
public final class GroupsInStore extends BottomUpRewrite {
  @Override protected RelNode rewrite(RelNode visited) {
    if (visited instanceof EnumerableAggregate && visited.getInput(0) instanceof JdbcToEnumerableConverter) {
      final Aggregate aggregate = (Aggregate) visited;
      final RelNode converter = visited.getInput(0);
      final RelNode storeRows = converter.getInput(0);
      if (aggregate.getGroupSets().size() != 1 || !(storeRows.getConvention() instanceof JdbcConvention)
          || !StoreConvention.storeOf((JdbcConvention) storeRows.getConvention()).takesCalciteGroupings()) {
        return visited;
      }
      try {
        final RelNode grouped = new JdbcRules.JdbcAggregate(storeRows.getCluster(),
            storeRows.getCluster().traitSetOf(storeRows.getConvention()), storeRows, aggregate.getGroupSet(),
            aggregate.getGroupSets(), aggregate.getAggCallList());
        return converter.copy(converter.getTraitSet(), List.of(grouped));
      } catch (InvalidRelException e) {
        // A call the store's dialect does not compute: the grouping stays in Calcite.
        return visited;
      }
    }
    return visited;
  }
}
