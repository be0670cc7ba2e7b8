package dev.funnelsql.calcite.function;

import java.math.BigDecimal;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;

/** Reads the values of constant arguments from the literals they became in relational algebra. */
final class Literals {
  private Literals() {
  }

  static String string(RexLiteral literal) {
    final String value = literal.getValueAs(String.class);
    return value == null ? "" : value;
  }

  /** Returns a window literal on the time line of {@code kind}. */
  static long window(RexLiteral literal, TimeKind kind) {
    final boolean interval = literal.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_DAY_TIME;
    final BigDecimal raw = literal.getValueAs(BigDecimal.class);
    return WindowValue.toTimeLine(raw, interval, kind).longValueExact();
  }
}
