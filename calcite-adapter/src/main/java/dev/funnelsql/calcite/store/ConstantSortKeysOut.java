package dev.funnelsql.calcite.store;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexInputRef;

/**
 * Planning step that takes out of a store query's {@code ORDER BY} every key that is the same on every row: Calcite
 * pushes an ordered view's sort into each branch of a {@code UNION ALL} (a cohort matrix's breakdowns), where the
 * branch's breakdown name is a literal, and writes {@code ORDER BY 'name'}, which DuckDB refuses ("ORDER BY
 * non-integer literal has no effect"); the order is the same without it.
 */
public final class ConstantSortKeysOut extends BottomUpRewrite {
  @Override protected RelNode rewrite(RelNode visited) {
    if (!(visited instanceof Sort) || !(visited.getConvention() instanceof JdbcConvention)) {
      return visited;
    }
    final Sort sort = (Sort) visited;
    final RelOptPredicateList predicates = sort.getCluster().getMetadataQuery()
        .getPulledUpPredicates(sort.getInput());
    final List<RelFieldCollation> kept = new ArrayList<>();
    for (RelFieldCollation key : sort.getCollation().getFieldCollations()) {
      if (!predicates.constantMap.containsKey(RexInputRef.of(key.getFieldIndex(), sort.getInput().getRowType()))) {
        kept.add(key);
      }
    }
    if (kept.size() == sort.getCollation().getFieldCollations().size()) {
      return visited;
    }
    final RelCollation collation = RelCollations.of(kept);
    return sort.copy(sort.getTraitSet().replace(collation), sort.getInput(), collation, sort.offset, sort.fetch);
  }
}
