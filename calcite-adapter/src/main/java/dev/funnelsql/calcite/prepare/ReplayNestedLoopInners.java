package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.store.BottomUpRewrite;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.rel.RelNode;

/**
 * A planning step after the cost-based one: the inner input of each nested-loop join is read once per execution and
 * replayed ({@link ReplayedInput}). Calcite's nested-loop join enumerates its inner input again for every outer row,
 * so an inner input that is a store query (the one-row bounds of a period table, say) ran once per outer row: a
 * thousand round trips to a store whose every query costs a tenth of a second, as Trino's does.
 */
public final class ReplayNestedLoopInners extends BottomUpRewrite {
  @Override protected RelNode rewrite(RelNode visited) {
    if (visited instanceof EnumerableNestedLoopJoin) {
      final RelNode inner = visited.getInput(1);
      if (!(inner instanceof EnumerableValues) && !(inner instanceof ReplayedInput)) {
        return visited.copy(visited.getTraitSet(), List.of(visited.getInput(0), ReplayedInput.of(inner)));
      }
    }
    return visited;
  }
}
