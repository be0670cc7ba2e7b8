package dev.funnelsql.functions.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation of funnel parameters and parsing of mode lists, with the messages users will see. */
class FunnelSpecTest {
  @Test void sqlNames() {
    assertEquals("strict_deduplication", FunnelMode.STRICT_DEDUPLICATION.sqlName());
    assertEquals("strict_order", FunnelMode.STRICT_ORDER.sqlName());
    assertEquals("strict_increase", FunnelMode.STRICT_INCREASE.sqlName());
    assertEquals("strict_once", FunnelMode.STRICT_ONCE.sqlName());
    assertEquals("allow_reentry", FunnelMode.ALLOW_REENTRY.sqlName());
    assertEquals("unordered", FunnelMode.UNORDERED.sqlName());
  }

  @Test void formatsModesAsTheCanonicalListParsingReadsBack() {
    assertEquals("", FunnelSpec.formatModes(EnumSet.noneOf(FunnelMode.class)));
    assertEquals("strict_order,strict_increase",
        FunnelSpec.formatModes(FunnelSpec.parseModes(" STRICT_INCREASE, Strict_Order ")));
    final EnumSet<FunnelMode> all = EnumSet.allOf(FunnelMode.class);
    assertEquals(all, FunnelSpec.parseModes(FunnelSpec.formatModes(all)));
  }

  @Test void parsesModeLists() {
    assertEquals(EnumSet.noneOf(FunnelMode.class), FunnelSpec.parseModes(""));
    assertEquals(EnumSet.noneOf(FunnelMode.class), FunnelSpec.parseModes("  "));
    assertEquals(EnumSet.noneOf(FunnelMode.class), FunnelSpec.parseModes(null));
    assertEquals(EnumSet.of(FunnelMode.STRICT_ORDER, FunnelMode.STRICT_INCREASE),
        FunnelSpec.parseModes("strict_order, strict_increase"));
    assertEquals(EnumSet.of(FunnelMode.STRICT_ORDER, FunnelMode.ALLOW_REENTRY),
        FunnelSpec.parseModes(" Allow_Reentry ,STRICT_ORDER,, strict_order "));
    assertEquals(EnumSet.complementOf(EnumSet.of(FunnelMode.UNORDERED)), FunnelSpec.parseModes(
        "strict_deduplication,strict_order,strict_increase,strict_once,allow_reentry"));
    assertEquals(EnumSet.of(FunnelMode.UNORDERED), FunnelSpec.parseModes(" Unordered ,unordered"));
    // Parsing does not check combinations; FunnelSpec.of does.
    assertEquals(EnumSet.allOf(FunnelMode.class), FunnelSpec.parseModes(
        "strict_deduplication,strict_order,strict_increase,strict_once,allow_reentry,unordered"));
  }

  @Test void unknownModeIsNamedWithTheValidOnes() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FunnelSpec.parseModes("strict_order, strict_incrase"));
    assertTrue(e.getMessage().contains("'strict_incrase'"), e.getMessage());
    for (FunnelMode mode : FunnelMode.values()) {
      assertTrue(e.getMessage().contains(mode.sqlName()), e.getMessage());
    }
    assertEquals("unknown funnel mode 'any_order'; valid modes are: strict_deduplication, strict_order, "
        + "strict_increase, strict_once, allow_reentry, unordered", assertThrows(IllegalArgumentException.class,
            () -> FunnelSpec.parseModes("any_order")).getMessage());
  }

  @Test void oldStrictModeIsRenamed() {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FunnelSpec.parseModes("Strict"));
    assertEquals("funnel mode 'strict' is replaced by 'strict_deduplication'", e.getMessage());
  }

  @Test void validatesSteps() {
    assertEquals("FUNNEL_STEP takes 1 to 32 conditions, got 33", assertThrows(IllegalArgumentException.class,
        () -> FunnelSpec.of(33, 1, Set.of())).getMessage());
    assertEquals("FUNNEL_STEP takes 1 to 32 conditions, got 0", assertThrows(IllegalArgumentException.class,
        () -> FunnelSpec.of(0, 1, Set.of())).getMessage());
    assertEquals(32, FunnelSpec.of(32, 1, Set.of()).steps());
    assertEquals(1, FunnelSpec.of(1, 1, Set.of()).steps());
  }

  @Test void validatesWindow() {
    assertEquals("window must not be negative, got -5", assertThrows(IllegalArgumentException.class,
        () -> FunnelSpec.of(2, -5, Set.of())).getMessage());
    assertEquals(0, FunnelSpec.of(2, 0, Set.of()).window());
    assertEquals(Long.MAX_VALUE, FunnelSpec.of(2, Long.MAX_VALUE, Set.of()).window());
  }

  @Test void reentryRequiresStrictOrder() {
    assertEquals("allow_reentry requires strict_order", assertThrows(IllegalArgumentException.class,
        () -> FunnelSpec.of(2, 1, Set.of(FunnelMode.ALLOW_REENTRY))).getMessage());
    assertTrue(FunnelSpec.of(2, 1, FunnelSpec.parseModes("allow_reentry,strict_order")).has(FunnelMode.ALLOW_REENTRY));
  }

  @Test void unorderedStandsAlone() {
    assertEquals(Set.of(FunnelMode.UNORDERED), FunnelSpec.of(3, 60, FunnelSpec.parseModes("unordered")).modes());
    for (FunnelMode other : FunnelMode.values()) {
      if (other == FunnelMode.UNORDERED) {
        continue;
      }
      assertEquals("unordered cannot be combined with other modes", assertThrows(IllegalArgumentException.class,
          () -> FunnelSpec.of(3, 60, EnumSet.of(FunnelMode.UNORDERED, other))).getMessage(), other.sqlName());
    }
    // The combination is named even where allow_reentry also lacks strict_order.
    assertEquals("unordered cannot be combined with other modes", assertThrows(IllegalArgumentException.class,
        () -> FunnelSpec.of(3, 60, FunnelSpec.parseModes("allow_reentry, unordered"))).getMessage());
    assertEquals("FunnelSpec{steps=3, window=60, modes=[unordered]}",
        FunnelSpec.of(3, 60, Set.of(FunnelMode.UNORDERED)).toString());
  }

  @Test void specIsImmutableValue() {
    final EnumSet<FunnelMode> modes = EnumSet.of(FunnelMode.STRICT_ONCE);
    final FunnelSpec spec = FunnelSpec.of(3, 60, modes);
    modes.add(FunnelMode.STRICT_ORDER);
    assertFalse(spec.has(FunnelMode.STRICT_ORDER));
    assertThrows(UnsupportedOperationException.class, () -> spec.modes().add(FunnelMode.STRICT_ORDER));
    assertEquals(spec, FunnelSpec.of(3, 60, Set.of(FunnelMode.STRICT_ONCE)));
    assertEquals(spec.hashCode(), FunnelSpec.of(3, 60, Set.of(FunnelMode.STRICT_ONCE)).hashCode());
    assertEquals("FunnelSpec{steps=3, window=60, modes=[strict_once]}", spec.toString());
  }
}
