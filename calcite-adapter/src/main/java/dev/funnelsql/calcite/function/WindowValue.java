package dev.funnelsql.calcite.function;

import java.math.BigDecimal;

/** Converts a window literal (an INTERVAL in milliseconds, or a plain number) onto a function's time line. */
final class WindowValue {
  private WindowValue() {
  }

  /**
   * Returns the window on the time line of {@code kind}, without range checks.
   *
   * @param raw the literal's value: milliseconds for an interval, the number itself otherwise
   * @param interval whether the literal is an interval
   */
  static BigDecimal toTimeLine(BigDecimal raw, boolean interval, TimeKind kind) {
    if (interval || !kind.isTemporal()) {
      return raw;
    }
    return raw.multiply(BigDecimal.valueOf(1000L));
  }
}
