package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.function.PeriodFunction;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;

/**
 * Calls of FunnelSQL's calendar functions ({@code PERIOD_START(time, 'hour'|'day'|'week'|'month')} and
 * {@code PERIODS_BETWEEN(from, to, unit)}) that a store with a {@link StoreCalendar} computes itself: which
 * expressions may be sent to it, and how such a call is printed in its SQL (a store's Calcite dialect calls
 * {@link #unparse} from its {@code unparseCall}).
 */
public final class CalendarCalls {
  private CalendarCalls() {
  }

  /**
   * Whether {@code expressions} call a calendar function, each with a literal unit, and no other user-defined
   * function: then the store can compute them, though Calcite's JDBC rules refuse every user-defined function.
   */
  static boolean pushable(List<? extends RexNode> expressions) {
    final Checker checker = new Checker();
    expressions.forEach(expression -> expression.accept(checker));
    return checker.spelled && checker.calendarCalls > 0;
  }

  /**
   * Prints {@code call} in the store's SQL if it is a calendar call, and returns whether it was one.
   *
   * @param calendar the store's spelling of the calendar functions
   */
  public static boolean unparse(StoreCalendar calendar, SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    final SqlOperator operator = call.getOperator();
    final int unitOperand;
    if (operator == PeriodFunction.PERIOD_START) {
      unitOperand = 1;
    } else if (operator == PeriodFunction.PERIODS_BETWEEN) {
      unitOperand = 2;
    } else {
      return false;
    }
    final SqlNode unit = call.operand(unitOperand);
    if (!(unit instanceof SqlCharStringLiteral)) {
      return false;
    }
    final CalendarPeriod period = CalendarPeriod.parse(((SqlCharStringLiteral) unit).getValueAs(String.class));
    final SqlNode spelled = unitOperand == 1 ? calendar.periodStart(call.operand(0), period)
        : calendar.periodsBetween(call.operand(0), call.operand(1), period);
    spelled.unparse(writer, leftPrec, rightPrec);
    return true;
  }

  /** Counts calendar calls and notes any other user-defined function or a calendar call without a literal unit. */
  private static final class Checker extends RexVisitorImpl<Void> {
    private boolean spelled = true;
    private int calendarCalls;

    Checker() {
      super(true);
    }

    @Override public Void visitCall(RexCall call) {
      final SqlOperator operator = call.getOperator();
      if (operator == PeriodFunction.PERIOD_START || operator == PeriodFunction.PERIODS_BETWEEN) {
        calendarCalls++;
        final RexNode unit = call.getOperands().get(operator == PeriodFunction.PERIOD_START ? 1 : 2);
        spelled &= unit instanceof RexLiteral && ((RexLiteral) unit).getValueAs(String.class) != null;
      } else if (operator instanceof SqlFunction && ((SqlFunction) operator).getFunctionType().isUserDefined()) {
        spelled = false;
      }
      return super.visitCall(call);
    }
  }
}
