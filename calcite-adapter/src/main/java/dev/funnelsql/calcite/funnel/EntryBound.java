package dev.funnelsql.calcite.funnel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One bound of the range a funnel table is scoped to by its {@code entered_at} column: a comparison ({@code >=},
 * {@code >}, {@code <}, {@code <=}) of the entry time with a value that names no column (a literal, a parameter,
 * {@code CURRENT_TIMESTAMP - INTERVAL …}), evaluated when the statement runs.
 *
 * @param kind the comparison, with the entry time on its left
 * @param value the bound
 */
record EntryBound(SqlKind kind, RexNode value) {
  /** Whether the bound limits the range from above. */
  boolean isUpper() {
    return kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL;
  }

  /**
   * The bounds a filter conjunct puts on column {@code column}: one or two for a comparison or a single range
   * ({@code BETWEEN}, {@code SEARCH} over one interval), none for {@code IS NOT NULL} (every entry has a time), or
   * null when the conjunct says something else of the column (a function of it, several ranges, another column).
   */
  static @Nullable List<EntryBound> read(RexNode conjunct, int column, RexBuilder rexBuilder) {
    if (conjunct.getKind() == SqlKind.SEARCH) {
      final RexNode expanded = RexUtil.expandSearch(rexBuilder, null, conjunct);
      if (expanded.getKind() == SqlKind.SEARCH) {
        return null;
      }
      final List<EntryBound> bounds = new ArrayList<>();
      for (RexNode part : RelOptUtil.conjunctions(expanded)) {
        final @Nullable List<EntryBound> own = read(part, column, rexBuilder);
        if (own == null) {
          return null;
        }
        bounds.addAll(own);
      }
      return bounds;
    }
    if (conjunct.getKind() == SqlKind.IS_NOT_NULL) {
      return isColumn(((RexCall) conjunct).getOperands().get(0), column) ? List.of() : null;
    }
    if (!(conjunct instanceof RexCall) || ((RexCall) conjunct).getOperands().size() != 2) {
      return null;
    }
    final List<RexNode> operands = ((RexCall) conjunct).getOperands();
    final SqlKind kind;
    final RexNode value;
    if (isColumn(operands.get(0), column)) {
      kind = conjunct.getKind();
      value = operands.get(1);
    } else if (isColumn(operands.get(1), column)) {
      kind = conjunct.getKind().reverse();
      value = operands.get(0);
    } else {
      return null;
    }
    if (RexUtil.containsInputRef(value)) {
      return null;
    }
    switch (kind) {
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
        return List.of(new EntryBound(kind, value));
      case EQUALS:
        return List.of(new EntryBound(SqlKind.GREATER_THAN_OR_EQUAL, value),
            new EntryBound(SqlKind.LESS_THAN_OR_EQUAL, value));
      default:
        return null;
    }
  }

  /**
   * Whether {@code node} is the column itself, or the column widened by a cast that keeps every value (to another
   * TIMESTAMP precision, or another exact number); a cast to DATE or to text is a function of it.
   */
  private static boolean isColumn(RexNode node, int column) {
    RexNode bare = node;
    while (bare.getKind() == SqlKind.CAST) {
      final RexNode operand = ((RexCall) bare).getOperands().get(0);
      final boolean keeps = SqlTypeUtil.isTimestamp(bare.getType()) && SqlTypeUtil.isTimestamp(operand.getType())
          || SqlTypeUtil.isExactNumeric(bare.getType()) && SqlTypeUtil.isExactNumeric(operand.getType());
      if (!keeps) {
        return false;
      }
      bare = operand;
    }
    return bare instanceof RexInputRef && ((RexInputRef) bare).getIndex() == column;
  }
}
