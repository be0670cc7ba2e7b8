package dev.funnelsql.calcite.function;

import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Prepare-time checks shared by the behavioural functions: each failure becomes a {@link CalciteContextException}
 * that names the function, the argument and its SQL position.
 */
final class CallChecks {
  /** The most conditions a call may take: the steps fit in one {@code int} bit-mask. */
  static final int MAX_CONDITIONS = 32;

  private final SqlCallBinding binding;
  private final String function;

  CallChecks(SqlCallBinding binding, String function) {
    this.binding = binding;
    this.function = function;
  }

  CalciteContextException invalid(int operand, String message) {
    return SqlUtil.newContextException(position(operand),
        FunctionErrors.INSTANCE.invalidArgument(function + ": " + message));
  }

  CalciteContextException wrongType(int operand, String message) {
    return SqlUtil.newContextException(position(operand),
        FunctionErrors.INSTANCE.wrongType(function + ": " + message));
  }

  private org.apache.calcite.sql.parser.SqlParserPos position(int operand) {
    return operand < binding.getOperandCount()
        ? binding.operand(operand).getParserPosition()
        : binding.getCall().getParserPosition();
  }

  /** Checks that the time argument is a timestamp, date or integer and returns its kind. */
  TimeKind time(int operand) {
    final RelDataType type = binding.getOperandType(operand);
    final TimeKind kind = TimeKind.of(type);
    if (kind == null) {
      throw wrongType(operand, "the time (argument " + (operand + 1) + ") must be a TIMESTAMP, DATE or integer, got "
          + type.getSqlTypeName() + "; CAST it to TIMESTAMP or BIGINT");
    }
    return kind;
  }

  /** Checks that operands {@code from..end} are boolean conditions, 1 to 32 of them; returns their count. */
  int conditions(int from) {
    final int count = binding.getOperandCount() - from;
    if (count < 1) {
      throw invalid(binding.getOperandCount() - 1, "needs at least one condition");
    }
    if (count > MAX_CONDITIONS) {
      throw invalid(from + MAX_CONDITIONS, "takes at most " + MAX_CONDITIONS + " conditions, got " + count);
    }
    for (int i = from; i < binding.getOperandCount(); i++) {
      final RelDataType type = binding.getOperandType(i);
      final SqlTypeName name = type.getSqlTypeName();
      if (name != SqlTypeName.BOOLEAN && name != SqlTypeName.NULL) {
        throw wrongType(i, "condition " + (i - from + 1) + " (argument " + (i + 1) + ") must be BOOLEAN, got "
            + name + "; write a comparison such as event_name = 'cart_added'");
      }
    }
    return count;
  }

  /** Returns whether the operand is a character string (used to tell an optional mode argument apart). */
  boolean isCharacter(int operand) {
    return operand < binding.getOperandCount()
        && SqlTypeUtil.inCharFamily(binding.getOperandType(operand));
  }

  /** Returns the value of a constant character argument. */
  String constantString(int operand, String what) {
    final SqlNode node = binding.operand(operand);
    if (!(node instanceof SqlLiteral) || ((SqlLiteral) node).getValue() == null) {
      throw invalid(operand, what + " (argument " + (operand + 1) + ") must be a constant string literal");
    }
    return ((SqlLiteral) node).getValueAs(String.class);
  }

  /** Returns the value of a constant integer argument. */
  long constantInteger(int operand, String what) {
    SqlNode node = binding.operand(operand);
    boolean negate = false;
    if (node.getKind() == SqlKind.MINUS_PREFIX) {
      negate = true;
      node = ((org.apache.calcite.sql.SqlCall) node).operand(0);
    }
    if (!(node instanceof SqlLiteral) || ((SqlLiteral) node).getValue() == null
        || !SqlTypeUtil.isExactNumeric(binding.getOperandType(operand))) {
      throw invalid(operand, what + " (argument " + (operand + 1) + ") must be a constant integer");
    }
    final long value = ((SqlLiteral) node).getValueAs(Long.class);
    return negate ? -value : value;
  }

  /**
   * Returns the window, a non-negative constant, on the time line of {@code kind} (decoded by {@link WindowValue},
   * as the binding decodes it).
   */
  long window(int operand, TimeKind kind) {
    return duration(operand, kind, "window");
  }

  /** Returns a non-negative constant duration named {@code what} in messages, decoded as {@link #window} is. */
  long duration(int operand, TimeKind kind, String what) {
    SqlNode node = binding.operand(operand);
    boolean negate = false;
    if (node.getKind() == SqlKind.MINUS_PREFIX) {
      negate = true;
      node = ((org.apache.calcite.sql.SqlCall) node).operand(0);
    }
    if (!(node instanceof SqlLiteral) || ((SqlLiteral) node).getValue() == null) {
      throw invalid(operand, "the " + what + " (argument " + (operand + 1) + ") must be a constant, e.g. "
          + WindowValue.example(kind));
    }
    final SqlLiteral literal = (SqlLiteral) node;
    try {
      return WindowValue.decode(binding.getOperandType(operand), interval -> interval
          ? BigDecimal.valueOf(literal.getValueAs(Long.class)) : literal.getValueAs(BigDecimal.class),
          negate, kind, operand, what);
    } catch (WindowValue.Invalid e) {
      throw e.wrongType() ? wrongType(operand, e.getMessage()) : invalid(operand, e.getMessage());
    }
  }
}
