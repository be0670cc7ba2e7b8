package dev.funnelsql.calcite.store;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;

/**
 * Planning step, after the cost-based one, that keeps a store's {@code GROUP BY} over window functions valid SQL:
 * Calcite 1.41 writes an aggregate straight over a projection with windows as one {@code SELECT}, grouping by the
 * window call itself ({@code GROUP BY SUM(…) OVER (…)}, which no store accepts; CALCITE-7655), as a rules segment
 * over the model's derived session would. A filter {@code WHERE TRUE} between them makes Calcite write the windows in
 * a subquery and group by its column, and costs the store nothing.
 */
public final class GroupOverWindows extends BottomUpRewrite {
  @Override protected RelNode rewrite(RelNode visited) {
    if (visited instanceof JdbcRules.JdbcAggregate && visited.getInput(0) instanceof JdbcRules.JdbcProject
        && ((Project) visited.getInput(0)).containsOver()) {
      final RelNode windows = visited.getInput(0);
      return visited.copy(visited.getTraitSet(), List.of(new JdbcRules.JdbcFilter(windows.getCluster(),
          windows.getTraitSet(), windows, windows.getCluster().getRexBuilder().makeLiteral(true))));
    }
    return visited;
  }
}
