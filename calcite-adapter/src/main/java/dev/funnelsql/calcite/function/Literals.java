package dev.funnelsql.calcite.function;

import java.math.BigDecimal;
import org.apache.calcite.rex.RexLiteral;

/** Reads the values of constant arguments from the literals they became in relational algebra. */
final class Literals {
  private Literals() {
  }

  static String string(RexLiteral literal) {
    final String value = literal.getValueAs(String.class);
    return value == null ? "" : value;
  }

  static long integer(RexLiteral literal) {
    final Long value = literal.getValueAs(Long.class);
    return value == null ? 0 : value;
  }

  /**
   * Returns a window literal on the time line of {@code kind}, decoded by {@link WindowValue} as the validator
   * decoded it (a negated number is folded into the literal by then).
   *
   * @param operand the argument's position in the call, for messages
   */
  static long window(RexLiteral literal, TimeKind kind, int operand) {
    return WindowValue.decode(literal.getType(), interval -> literal.getValueAs(BigDecimal.class), false, kind,
        operand);
  }
}
