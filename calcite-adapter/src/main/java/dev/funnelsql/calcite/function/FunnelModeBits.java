package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.funnel.FunnelMode;
import java.util.EnumSet;
import java.util.Set;

/**
 * A set of funnel modes as an {@code int} (bit {@code i} = the mode of ordinal {@code i}): the form in which the
 * generated code receives a bound funnel's modes, a primitive constant with nothing to parse.
 */
final class FunnelModeBits {
  private FunnelModeBits() {
  }

  /** Returns the bits of a set of modes. */
  static int of(Set<FunnelMode> modes) {
    int bits = 0;
    for (FunnelMode mode : modes) {
      bits |= 1 << mode.ordinal();
    }
    return bits;
  }

  /** Returns the modes of some bits. */
  static EnumSet<FunnelMode> modes(int bits) {
    final EnumSet<FunnelMode> modes = EnumSet.noneOf(FunnelMode.class);
    for (FunnelMode mode : FunnelMode.values()) {
      if ((bits & 1 << mode.ordinal()) != 0) {
        modes.add(mode);
      }
    }
    return modes;
  }
}
