package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The drivers table's odds ratio and p-value, against values computed by hand (Python's {@code math.erfc}) from the
 * corrected 2×2 table: ratio {@code (a+.5)(d+.5) / ((b+.5)(c+.5))}, p {@code erfc(|ln ratio| / se / sqrt 2)}.
 */
class OddsRatioTest {
  @Test
  void aDriverDoneByFewerConvertersHasARatioBelowOne() {
    final OddsRatio odds = new OddsRatio(10, 20, 30, 40);
    assertEquals(0.6801279488204718, odds.ratio(), 1e-12);
    assertEquals(0.3904843324834333, odds.pValue(), 1e-9);
  }

  @Test
  void anEmptyCellGivesAFiniteRatio() {
    final OddsRatio odds = new OddsRatio(0, 50, 100, 100);
    assertEquals(0.009900990099009901, odds.ratio(), 1e-15);
    assertEquals(0.001231568340564309, odds.pValue(), 1e-9);
  }

  @Test
  void aDriverThatMakesNoDifferenceHasRatioAndPValueOne() {
    final OddsRatio odds = new OddsRatio(25, 25, 25, 25);
    assertEquals(1.0, odds.ratio(), 0);
    assertEquals(1.0, odds.pValue(), 1e-12);
  }
}
