package dev.funnelsql.calcite.funnel;

import org.apache.commons.math3.special.Erf;

/**
 * The odds ratio of a 2×2 table of users (did a driver or not, converted or not) and its two-sided p-value, as the
 * drivers table reports them: every cell plus one half (Haldane and Anscombe's correction, so that an empty cell
 * gives a finite ratio), and Woolf's test of the log odds ratio against a normal distribution.
 *
 * @param convertedWith users who did it and converted
 * @param droppedWith users who did it and did not convert
 * @param convertedWithout users who did not do it and converted
 * @param droppedWithout users who did not do it and did not convert
 */
record OddsRatio(long convertedWith, long droppedWith, long convertedWithout, long droppedWithout) {
  private static final double HALF = 0.5;

  /** The odds of converting with the driver over the odds of converting without it (corrected). */
  double ratio() {
    return (convertedWith + HALF) / (droppedWith + HALF) / ((convertedWithout + HALF) / (droppedWithout + HALF));
  }

  /**
   * The two-sided p-value of the log odds ratio: the chance of a ratio at least this far from 1 if the driver made no
   * difference, from {@code z = ln(ratio) / sqrt(1/a + 1/b + 1/c + 1/d)} (corrected cells).
   */
  double pValue() {
    final double error = Math.sqrt(1 / (convertedWith + HALF) + 1 / (droppedWith + HALF)
        + 1 / (convertedWithout + HALF) + 1 / (droppedWithout + HALF));
    return Erf.erfc(Math.abs(Math.log(ratio())) / error / Math.sqrt(2));
  }
}
