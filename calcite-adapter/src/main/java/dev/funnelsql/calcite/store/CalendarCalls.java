package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.function.PeriodFunction;
import dev.funnelsql.functions.period.CalendarPeriod;
import dev.funnelsql.functions.period.LocalCalendar;
import java.util.List;
import java.util.function.UnaryOperator;
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
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calls of FunnelSQL's calendar functions ({@code PERIOD_START(time, 'hour'|'day'|'week'|'month' [, zone])},
 * {@code PERIODS_BETWEEN(from, to, unit [, zone])} and {@code LOCAL_TIME(time [, zone])}) that a store with a
 * {@link StoreCalendar} computes itself: which expressions may be sent to it, and how such a call is printed in its
 * SQL (a store's Calcite dialect calls {@link #unparse} from its {@code unparseCall}).
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
   * Prints {@code call} in the store's SQL if it is a calendar call, and returns whether it was one. The times of a
   * call with a zone other than UTC are first moved to the zone's wall clock.
   *
   * @param calendar the store's spelling of the calendar functions
   */
  public static boolean unparse(StoreCalendar calendar, SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (!(call.getOperator() instanceof PeriodFunction) || call.getOperator() == PeriodFunction.DATE_TRUNC) {
      return false;
    }
    final PeriodFunction function = (PeriodFunction) call.getOperator();
    final int unitOperand = function.unitOperand();
    final @Nullable CalendarPeriod period = unitOperand < 0 ? null : period(call.operand(unitOperand));
    final @Nullable String zone = call.operandCount() > function.operandsWithoutZone()
        ? text(call.operand(function.operandsWithoutZone())) : "UTC";
    if (unitOperand >= 0 && period == null || zone == null) {
      return false;
    }
    final boolean utc = LocalCalendar.of(zone).isUtc();
    final UnaryOperator<SqlNode> local = time -> utc ? time : calendar.localTime(time, zone);
    final SqlNode spelled;
    if (function == PeriodFunction.PERIOD_START) {
      spelled = calendar.periodStart(local.apply(call.operand(0)), period);
    } else if (function == PeriodFunction.PERIODS_BETWEEN) {
      spelled = calendar.periodsBetween(local.apply(call.operand(0)), local.apply(call.operand(1)), period);
    } else {
      spelled = utc ? SqlCalls.cast(call.operand(0), SqlTypeName.TIMESTAMP) : local.apply(call.operand(0));
    }
    spelled.unparse(writer, leftPrec, rightPrec);
    return true;
  }

  private static @Nullable CalendarPeriod period(SqlNode unit) {
    final @Nullable String text = text(unit);
    return text == null ? null : CalendarPeriod.parse(text);
  }

  private static @Nullable String text(SqlNode node) {
    return node instanceof SqlCharStringLiteral ? ((SqlCharStringLiteral) node).getValueAs(String.class) : null;
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
      if (operator instanceof PeriodFunction && operator != PeriodFunction.DATE_TRUNC) {
        calendarCalls++;
        final PeriodFunction function = (PeriodFunction) operator;
        final List<RexNode> operands = call.getOperands();
        for (int i = 0; i < operands.size(); i++) {
          final RexNode operand = operands.get(i);
          if (i == function.unitOperand() || i == function.operandsWithoutZone()) {
            spelled &= operand instanceof RexLiteral && ((RexLiteral) operand).getValueAs(String.class) != null;
          } else if (operands.size() > function.operandsWithoutZone()) {
            // A DATE is a wall-clock date already: the store is not asked to move it to a zone.
            spelled &= operand.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP;
          }
        }
      } else if (operator instanceof SqlFunction && ((SqlFunction) operator).getFunctionType().isUserDefined()) {
        spelled = false;
      }
      return super.visitCall(call);
    }
  }
}
