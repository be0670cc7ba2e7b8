package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.store.BottomUpRewrite;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A planning step before cost-based planning that keeps a funnel table from computing memberships nobody reads: a
 * detail table whose segmentation columns the query does not use reads none of those segmentations, and a summary
 * filtered on one breakdown ({@code WHERE breakdown = 'source'}, or {@code breakdown IS NULL}: all users) reads only
 * that breakdown's memberships; when the breakdown is a parameter ({@code breakdown = ?}, as in the plan that literal
 * SQL shares), each execution reads only the memberships of the breakdown bound to it. The filter itself stays, so
 * the answer is the same. A segmentation computed with the funnel has no membership to leave out, but its atoms'
 * events widen the funnel's rows: when none such is read, the funnel reads its own rows alone.
 */
public final class PruneFunnelTableInputs extends BottomUpRewrite {
  @Override protected RelNode rewrite(RelNode visited) {
    if (visited instanceof LogicalProject && visited.getInput(0) instanceof LogicalFunnelTable) {
      return pruneColumns((LogicalProject) visited, null, (LogicalFunnelTable) visited.getInput(0));
    }
    if (visited instanceof LogicalProject && visited.getInput(0) instanceof LogicalFilter
        && visited.getInput(0).getInput(0) instanceof LogicalFunnelTable) {
      return pruneColumns((LogicalProject) visited, (LogicalFilter) visited.getInput(0),
          (LogicalFunnelTable) visited.getInput(0).getInput(0));
    }
    if (visited instanceof LogicalFilter && visited.getInput(0) instanceof LogicalFunnelTable) {
      return pruneBreakdowns((LogicalFilter) visited, (LogicalFunnelTable) visited.getInput(0));
    }
    return visited;
  }

  /** The detail table under {@code project} (and {@code filter}, if any) reading only the segmentations they use. */
  private static RelNode pruneColumns(LogicalProject project, @Nullable LogicalFilter filter,
      LogicalFunnelTable table) {
    if (table.rows().kind() != FunnelTableKind.DETAIL) {
      return project;
    }
    final int first = FunnelTableKind.DETAIL_COLUMNS.size();
    final ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), filter == null ? null
        : filter.getCondition());
    final List<String> segmentations = table.rows().segmentations();
    final List<RelDataTypeField> fields = table.getRowType().getFieldList();
    final int[] target = new int[fields.size()];
    final List<RelDataTypeField> kept = new ArrayList<>(fields.subList(0, first));
    final List<String> keptNames = new ArrayList<>();
    for (int i = 0; i < first; i++) {
      target[i] = i;
    }
    for (int s = 0; s < segmentations.size(); s++) {
      if (used.get(first + s)) {
        target[first + s] = kept.size();
        kept.add(fields.get(first + s));
        keptNames.add(segmentations.get(s));
      }
    }
    if (keptNames.size() == segmentations.size()) {
      return project;
    }
    final RelDataType rowType = table.getCluster().getTypeFactory().createStructType(kept);
    final LogicalFunnelTable pruned = keeping(table, keptNames, rowType);
    final RexShuttle moved = new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(target[ref.getIndex()], ref.getType());
      }
    };
    final List<RexNode> projects = new ArrayList<>();
    project.getProjects().forEach(expression -> projects.add(expression.accept(moved)));
    final RelNode input = filter == null ? pruned : filter.copy(filter.getTraitSet(), pruned,
        filter.getCondition().accept(moved));
    return project.copy(project.getTraitSet(), input, projects, project.getRowType());
  }

  private static RelNode pruneBreakdowns(LogicalFilter filter, LogicalFunnelTable table) {
    if (table.rows().kind() != FunnelTableKind.SUMMARY) {
      return filter;
    }
    final int breakdown = FunnelTableKind.SUMMARY_COLUMNS.indexOf("breakdown");
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      final int parameter = breakdownParameter(conjunct, breakdown);
      if (parameter >= 0 && table.rows().breakdownParameter() < 0) {
        return filter.copy(filter.getTraitSet(), new LogicalFunnelTable(table.getCluster(), table.getInputs(),
            table.rows().selectingBreakdownBy(parameter), table.getRowType(), table.name(), table.funnelAlone()),
            filter.getCondition());
      }
      final @Nullable List<String> only = breakdownsKept(conjunct, breakdown);
      if (only != null) {
        final List<String> kept = new ArrayList<>(table.rows().segmentations());
        kept.retainAll(only);
        return filter.copy(filter.getTraitSet(), keeping(table, kept, table.getRowType()), filter.getCondition());
      }
    }
    return filter;
  }

  /**
   * The table reading the inputs of the segmentations {@code kept} (of its own, in order) and no others; when none
   * of them is computed with the funnel, the funnel alone is its first input, so the store sends only the funnel's
   * rows and no threshold times are computed.
   */
  private static LogicalFunnelTable keeping(LogicalFunnelTable table, List<String> kept, RelDataType rowType) {
    final List<String> segmentations = table.rows().segmentations();
    final @Nullable RelNode alone = table.funnelAlone();
    final boolean computedWithFunnel = kept.stream().anyMatch(table.rows()::computesWithFunnel);
    final List<RelNode> inputs = new ArrayList<>(List.of(alone == null || computedWithFunnel ? table.getInput(0)
        : alone));
    for (int s = 0; s < segmentations.size(); s++) {
      if (kept.contains(segmentations.get(s))) {
        inputs.add(table.getInput(1 + s));
      }
    }
    return new LogicalFunnelTable(table.getCluster(), inputs, table.rows().keeping(kept), rowType, table.name(),
        alone);
  }

  /** The breakdowns a conjunct lets through ({@code breakdown = 'x'}: x; {@code breakdown IS NULL}: none), or null. */
  private static @Nullable List<String> breakdownsKept(RexNode conjunct, int column) {
    if (conjunct.getKind() == SqlKind.IS_NULL && isColumn(((RexCall) conjunct).getOperands().get(0), column)) {
      return List.of();
    }
    if (conjunct.getKind() != SqlKind.EQUALS) {
      return null;
    }
    final List<RexNode> operands = ((RexCall) conjunct).getOperands();
    for (int side = 0; side < 2; side++) {
      final RexNode value = RexUtil.removeCast(operands.get(1 - side));
      if (isColumn(operands.get(side), column) && value instanceof RexLiteral && !((RexLiteral) value).isNull()) {
        final @Nullable String name = ((RexLiteral) value).getValueAs(String.class);
        return name == null ? null : List.of(name);
      }
    }
    return null;
  }

  /** The index of the parameter of {@code breakdown = ?} (a shared plan's literal), or -1. */
  private static int breakdownParameter(RexNode conjunct, int column) {
    if (conjunct.getKind() != SqlKind.EQUALS) {
      return -1;
    }
    final List<RexNode> operands = ((RexCall) conjunct).getOperands();
    for (int side = 0; side < 2; side++) {
      final RexNode value = RexUtil.removeCast(operands.get(1 - side));
      if (isColumn(operands.get(side), column) && value instanceof RexDynamicParam) {
        return ((RexDynamicParam) value).getIndex();
      }
    }
    return -1;
  }

  private static boolean isColumn(RexNode node, int column) {
    final RexNode bare = RexUtil.removeCast(node);
    return bare instanceof RexInputRef && ((RexInputRef) bare).getIndex() == column;
  }
}
