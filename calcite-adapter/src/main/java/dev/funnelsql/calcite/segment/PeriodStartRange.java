package dev.funnelsql.calcite.segment;

import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.List;

/**
 * The period starts a query's filters on a {@code period_start} column allow, as an inclusive range of epoch
 * milliseconds, so that a table computed period by period computes only those periods. Only comparisons of the column
 * with a literal or a bound parameter narrow it; every other filter leaves it whole (the filters are applied to the
 * rows afterwards anyway).
 */
record PeriodStartRange(long from, long to) {
  /** Every period. */
  static final PeriodStartRange ALL = new PeriodStartRange(Long.MIN_VALUE, Long.MAX_VALUE);

  /** Whether a period starting at {@code start} may be asked for. */
  boolean contains(long start) {
    return start >= from && start <= to;
  }

  /** The range the conjunctive {@code filters} allow for the column at {@code column}. */
  static PeriodStartRange of(List<RexNode> filters, int column, DataContext root) {
    PeriodStartRange range = ALL;
    for (RexNode filter : filters) {
      range = range.narrowedBy(filter, column, root);
    }
    return range;
  }

  private PeriodStartRange narrowedBy(RexNode filter, int column, DataContext root) {
    if (!(filter instanceof RexCall) || ((RexCall) filter).getOperands().size() != 2) {
      return this;
    }
    final RexCall call = (RexCall) filter;
    SqlKind kind = call.getKind();
    RexNode columnSide = call.getOperands().get(0);
    RexNode valueSide = call.getOperands().get(1);
    if (!isColumn(columnSide, column)) {
      kind = kind.reverse();
      columnSide = valueSide;
      valueSide = call.getOperands().get(0);
    }
    final @Nullable Long value = isColumn(columnSide, column) ? millis(valueSide, root) : null;
    if (value == null) {
      return this;
    }
    switch (kind) {
      case EQUALS:
        return new PeriodStartRange(Math.max(from, value), Math.min(to, value));
      case GREATER_THAN:
        return new PeriodStartRange(Math.max(from, value + 1), to);
      case GREATER_THAN_OR_EQUAL:
        return new PeriodStartRange(Math.max(from, value), to);
      case LESS_THAN:
        return new PeriodStartRange(from, Math.min(to, value - 1));
      case LESS_THAN_OR_EQUAL:
        return new PeriodStartRange(from, Math.min(to, value));
      default:
        return this;
    }
  }

  private static boolean isColumn(RexNode node, int column) {
    return node instanceof RexInputRef && ((RexInputRef) node).getIndex() == column;
  }

  /** The value as epoch milliseconds, when it is a TIMESTAMP literal or parameter (Calcite's internal form). */
  private static @Nullable Long millis(RexNode node, DataContext root) {
    if (node instanceof RexLiteral) {
      final RexLiteral literal = (RexLiteral) node;
      return literal.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP
          ? literal.getValueAs(Long.class) : null;
    }
    if (node instanceof RexDynamicParam) {
      final @Nullable Object value = root.get("?" + ((RexDynamicParam) node).getIndex());
      return value instanceof Long ? (Long) value : null;
    }
    return null;
  }
}
