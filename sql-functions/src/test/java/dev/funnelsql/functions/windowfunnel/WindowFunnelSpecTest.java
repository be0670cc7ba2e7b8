package dev.funnelsql.functions.windowfunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Validation of {@code window_funnel} parameters in both dialects, with the messages users will see. */
class WindowFunnelSpecTest {
  @Test void dorisModesInAnyCaseWithBlanks() {
    assertEquals(0, WindowFunnelSpec.doris(3, 60, "default").modeBits());
    assertEquals(WindowFunnelSpec.DEDUPLICATION, WindowFunnelSpec.doris(3, 60, " Deduplication ").modeBits());
    assertEquals(WindowFunnelSpec.FIXED, WindowFunnelSpec.doris(3, 60, "FIXED").modeBits());
    assertEquals(WindowFunnelSpec.INCREASE, WindowFunnelSpec.doris(3, 60, "\tincrease\n").modeBits());
    assertEquals("doris:default", WindowFunnelSpec.doris(3, 60, "DEFAULT").toString());
    assertEquals("doris:fixed", WindowFunnelSpec.doris(3, 60, " Fixed").toString());
    assertEquals("increase", WindowFunnelSpec.doris(3, 60, "Increase").modeName());
    assertEquals(WindowFunnelSpec.Dialect.DORIS, WindowFunnelSpec.doris(3, 60, "fixed").dialect());
    assertTrue(WindowFunnelSpec.doris(3, 60, "fixed").has(WindowFunnelSpec.FIXED));
    assertFalse(WindowFunnelSpec.doris(3, 60, "fixed").has(WindowFunnelSpec.INCREASE));
  }

  @Test void unknownDorisModeListsTheValidOnes() {
    assertEquals("unknown Doris window_funnel mode 'strict'; valid modes are: default, deduplication, fixed, "
        + "increase (exactly one)", assertThrows(IllegalArgumentException.class,
            () -> WindowFunnelSpec.doris(3, 60, "strict")).getMessage());
    // Doris modes cannot be combined, in any spelling.
    assertEquals("unknown Doris window_funnel mode 'deduplication,fixed'; valid modes are: default, deduplication, "
        + "fixed, increase (exactly one)", assertThrows(IllegalArgumentException.class,
            () -> WindowFunnelSpec.doris(3, 60, "deduplication,fixed")).getMessage());
    assertEquals("unknown Doris window_funnel mode ''; valid modes are: default, deduplication, fixed, increase "
        + "(exactly one)", assertThrows(IllegalArgumentException.class,
            () -> WindowFunnelSpec.doris(3, 60, "")).getMessage());
    assertEquals("unknown Doris window_funnel mode NULL; valid modes are: default, deduplication, fixed, increase "
        + "(exactly one)", assertThrows(IllegalArgumentException.class,
            () -> WindowFunnelSpec.doris(3, 60, null)).getMessage());
  }

  @Test void starRocksModeBits() {
    for (int bits = 0; bits <= 7; bits++) {
      final WindowFunnelSpec spec = WindowFunnelSpec.starRocks(4, 1800, bits);
      assertEquals(bits, spec.modeBits());
      assertEquals("starrocks:" + bits, spec.toString());
      assertEquals(Integer.toString(bits), spec.modeName());
      assertEquals(WindowFunnelSpec.Dialect.STARROCKS, spec.dialect());
    }
    final WindowFunnelSpec five = WindowFunnelSpec.starRocks(4, 1800, 5);
    assertTrue(five.has(WindowFunnelSpec.DEDUPLICATION));
    assertFalse(five.has(WindowFunnelSpec.FIXED));
    assertTrue(five.has(WindowFunnelSpec.INCREASE));
  }

  @Test void starRocksModeOutOfRangeIsNamed() {
    assertEquals("StarRocks window_funnel mode must be in the range [0, 7], got 8",
        assertThrows(IllegalArgumentException.class, () -> WindowFunnelSpec.starRocks(3, 60, 8)).getMessage());
    assertEquals("StarRocks window_funnel mode must be in the range [0, 7], got -1",
        assertThrows(IllegalArgumentException.class, () -> WindowFunnelSpec.starRocks(3, 60, -1)).getMessage());
  }

  @Test void validatesSteps() {
    assertEquals("window_funnel takes 1 to 32 conditions, got 0", assertThrows(IllegalArgumentException.class,
        () -> WindowFunnelSpec.doris(0, 60, "default")).getMessage());
    assertEquals("window_funnel takes 1 to 32 conditions, got 33", assertThrows(IllegalArgumentException.class,
        () -> WindowFunnelSpec.starRocks(33, 60, 0)).getMessage());
    assertEquals(32, WindowFunnelSpec.doris(32, 60, "default").steps());
    assertEquals(1, WindowFunnelSpec.starRocks(1, 60, 0).steps());
  }

  @Test void validatesWindow() {
    assertEquals("window_funnel window must not be negative, got -1", assertThrows(IllegalArgumentException.class,
        () -> WindowFunnelSpec.doris(2, -1, "default")).getMessage());
    assertEquals("window_funnel window must not be negative, got -5", assertThrows(IllegalArgumentException.class,
        () -> WindowFunnelSpec.starRocks(2, -5, 0)).getMessage());
    assertEquals(0, WindowFunnelSpec.doris(2, 0, "default").window());
    assertEquals(Long.MAX_VALUE, WindowFunnelSpec.starRocks(2, Long.MAX_VALUE, 7).window());
  }

  @Test void validationOrderStepsWindowMode() {
    // Every parameter is checked; the first bad one is reported.
    assertEquals("window_funnel takes 1 to 32 conditions, got 0", assertThrows(IllegalArgumentException.class,
        () -> WindowFunnelSpec.doris(0, -1, "bogus")).getMessage());
    assertEquals("window_funnel window must not be negative, got -1", assertThrows(IllegalArgumentException.class,
        () -> WindowFunnelSpec.starRocks(2, -1, 9)).getMessage());
  }

  @Test void specIsAValue() {
    final WindowFunnelSpec spec = WindowFunnelSpec.doris(3, 60, " FIXED ");
    assertEquals(spec, WindowFunnelSpec.doris(3, 60, "fixed"));
    assertEquals(spec.hashCode(), WindowFunnelSpec.doris(3, 60, "fixed").hashCode());
    assertNotEquals(spec, WindowFunnelSpec.doris(4, 60, "fixed"));
    assertNotEquals(spec, WindowFunnelSpec.doris(3, 61, "fixed"));
    assertNotEquals(spec, WindowFunnelSpec.doris(3, 60, "increase"));
    // Same bits, other dialect: not equal (Doris fixed and StarRocks mode 2 answer differently).
    assertNotEquals(spec, WindowFunnelSpec.starRocks(3, 60, WindowFunnelSpec.FIXED));
    assertNotEquals(spec, null);
    assertNotEquals(spec, "doris:fixed");
  }
}
