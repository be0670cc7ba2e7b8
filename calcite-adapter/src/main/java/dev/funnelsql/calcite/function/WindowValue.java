package dev.funnelsql.calcite.function;

import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Decodes a window argument onto a function's time line: the one place that knows windows, used both by the
 * validator's check of the SQL literal and by the binding of the literal relational algebra made of it, so the two
 * can never disagree.
 */
final class WindowValue {
  private WindowValue() {
  }

  /** Reads a literal's value: milliseconds if {@code interval}, else the number as written. */
  @FunctionalInterface
  interface Raw {
    BigDecimal read(boolean interval);
  }

  /** A window that cannot be used, with the reason; {@code wrongType} tells a type error from a bad value. */
  static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final boolean wrongType;

    Invalid(boolean wrongType, String message) {
      super(message);
      this.wrongType = wrongType;
    }

    boolean wrongType() {
      return wrongType;
    }
  }

  /**
   * Returns a constant window on the time line of {@code kind}: an INTERVAL or a number of seconds for timestamps and
   * dates (in milliseconds), a number in the time's own unit for integers.
   *
   * @param type the literal's type
   * @param raw reads the literal's value (called only once the type is known to be valid)
   * @param negate whether the literal is negated ({@code -5} in SQL is a minus sign before a literal)
   * @param operand the argument's position, from 0, for messages
   * @throws Invalid naming what is wrong with the window
   */
  static long decode(RelDataType type, Raw raw, boolean negate, TimeKind kind, int operand) {
    return decode(type, raw, negate, kind, operand, "window");
  }

  /**
   * Returns a constant duration named {@code what} in messages ({@code window}, {@code gap}), decoded as
   * {@link #decode(RelDataType, Raw, boolean, TimeKind, int)} decodes a window.
   */
  static long decode(RelDataType type, Raw raw, boolean negate, TimeKind kind, int operand, String what) {
    final boolean interval = SqlTypeUtil.isInterval(type);
    if (interval) {
      if (!kind.isTemporal()) {
        throw new Invalid(true, "the time is a number, so the " + what + " must be a number in the same unit, not "
            + "an INTERVAL");
      }
      if (type.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH) {
        throw new Invalid(true, "a " + what + " in months or years has no fixed length; use days, e.g. INTERVAL "
            + "'30' DAY");
      }
    } else if (!SqlTypeUtil.isNumeric(type)) {
      throw new Invalid(true, "the " + what + " (argument " + (operand + 1) + ") must be " + example(kind) + ", got "
          + type.getSqlTypeName());
    }
    final BigDecimal value = raw.read(interval);
    final BigDecimal onTimeLine = interval || !kind.isTemporal() ? value : value.multiply(BigDecimal.valueOf(1000L));
    final BigDecimal signed = negate ? onTimeLine.negate() : onTimeLine;
    if (signed.signum() < 0) {
      throw new Invalid(false, "the " + what + " must not be negative, got " + describe(signed, kind));
    }
    try {
      return signed.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new Invalid(false, "the " + what + " " + describe(signed, kind) + " is not a whole number of "
          + (kind.isTemporal() ? "milliseconds" : "time units") + " or is too large");
    }
  }

  /** An example of a valid window for a time of {@code kind}, for messages. */
  static String example(TimeKind kind) {
    return kind.isTemporal() ? "INTERVAL '7' DAY or 604800 (seconds)" : "a number in the time's unit";
  }

  private static String describe(BigDecimal value, TimeKind kind) {
    return kind.isTemporal()
        ? value.movePointLeft(3).stripTrailingZeros().toPlainString() + " seconds"
        : value.toPlainString();
  }
}
