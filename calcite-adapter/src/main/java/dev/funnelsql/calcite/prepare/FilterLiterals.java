package dev.funnelsql.calcite.prepare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Finds the literals of a parsed query that can become parameters without changing its meaning: a number or a
 * character string compared ({@code =}, {@code <>}, {@code <}, {@code <=}, {@code >}, {@code >=}, {@code BETWEEN})
 * with something that is not a literal, in a {@code WHERE}, {@code HAVING} or {@code JOIN … ON} condition, reached
 * from the condition's root through {@code AND}, {@code OR} and {@code NOT} only. Literals anywhere else (select
 * items, function arguments — a funnel's window and mode, a sequence pattern, a segmentation's name, a period
 * unit —, {@code GROUP BY} and {@code ORDER BY} positions, {@code LIMIT}, {@code IN} lists, {@code FILTER} clauses,
 * intervals, dates and times) stay literals, since their value may change a plan's shape or its types.
 */
final class FilterLiterals {
  private static final Set<SqlKind> COMPARISONS = EnumSet.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN,
      SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);
  private static final Set<SqlKind> CONNECTIVES = EnumSet.of(SqlKind.AND, SqlKind.OR, SqlKind.NOT);

  /** A literal that can become a parameter: operand {@code operand} of {@code parent}. */
  record Slot(SqlBasicCall parent, int operand, SqlLiteral literal, LiteralParameter parameter) {
  }

  private final RelDataTypeFactory typeFactory;
  private final List<Slot> slots = new ArrayList<>();
  private boolean hasParameters;

  private FilterLiterals(RelDataTypeFactory typeFactory) {
    this.typeFactory = typeFactory;
  }

  /**
   * The literals of {@code query} that can become parameters, in the order of the text (the order in which the parser
   * numbers parameters, and validation lists them); none if the query has parameters of its own (a prepared
   * statement is already shared).
   */
  static List<Slot> find(SqlNode query, RelDataTypeFactory typeFactory) {
    final FilterLiterals finder = new FilterLiterals(typeFactory);
    query.accept(finder.new Walker());
    if (finder.hasParameters) {
      return List.of();
    }
    finder.slots.sort(Comparator.comparing((Slot slot) -> slot.literal().getParserPosition().getLineNum())
        .thenComparing(slot -> slot.literal().getParserPosition().getColumnNum()));
    return finder.slots;
  }

  /** Visits every node, and reads the conditions of each SELECT and JOIN it meets. */
  private final class Walker extends SqlBasicVisitor<Void> {
    @Override public Void visit(SqlDynamicParam param) {
      hasParameters = true;
      return null;
    }

    @Override public Void visit(SqlCall call) {
      if (call instanceof SqlSelect) {
        condition(((SqlSelect) call).getWhere());
        condition(((SqlSelect) call).getHaving());
      } else if (call instanceof SqlJoin && ((SqlJoin) call).getConditionType() == JoinConditionType.ON) {
        condition(((SqlJoin) call).getCondition());
      }
      return super.visit(call);
    }
  }

  private void condition(@Nullable SqlNode node) {
    if (!(node instanceof SqlBasicCall)) {
      return;
    }
    final SqlBasicCall call = (SqlBasicCall) node;
    final SqlKind kind = call.getKind();
    if (CONNECTIVES.contains(kind)) {
      for (SqlNode operand : call.getOperandList()) {
        condition(operand);
      }
    } else if (COMPARISONS.contains(kind) && call.operandCount() == 2) {
      final boolean left = isLiteral(call.operand(0));
      final boolean right = isLiteral(call.operand(1));
      if (left != right) {
        add(call, left ? 0 : 1);
      }
    } else if (kind == SqlKind.BETWEEN && call.operandCount() == 3 && !isLiteral(call.operand(0))) {
      add(call, 1);
      add(call, 2);
    }
  }

  private static boolean isLiteral(@Nullable SqlNode node) {
    return node instanceof SqlLiteral;
  }

  private void add(SqlBasicCall call, int operand) {
    final SqlNode node = call.operand(operand);
    if (node instanceof SqlLiteral) {
      final @Nullable LiteralParameter parameter = LiteralParameter.of((SqlLiteral) node, typeFactory);
      if (parameter != null) {
        slots.add(new Slot(call, operand, (SqlLiteral) node, parameter));
      }
    }
  }
}
