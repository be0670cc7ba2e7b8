package dev.funnelsql.functions.funnel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable, validated parameters of one funnel (number of steps, window, modes), checked once when a query is
 * prepared so that the per-row code never has to.
 */
public final class FunnelSpec {
  /** The largest number of steps (conditions): one bit of an {@code int} mask per step. */
  public static final int MAX_STEPS = 32;

  private final int steps;
  private final long window;
  private final EnumSet<FunnelMode> modes;
  private final Set<FunnelMode> modesView;

  private FunnelSpec(int steps, long window, EnumSet<FunnelMode> modes) {
    this.steps = steps;
    this.window = window;
    this.modes = modes;
    this.modesView = Collections.unmodifiableSet(modes);
  }

  /**
   * Returns a validated spec.
   *
   * @param steps number of conditions, 1 to {@link #MAX_STEPS}
   * @param window the window in the unit of the timestamps, {@code >= 0}; a chain's last step may be at most
   *     {@code window} after its step 1 (inclusive)
   * @param modes the modes, possibly empty
   * @throws IllegalArgumentException if a parameter is out of range, {@code unordered} comes with another mode or
   *     {@code allow_reentry} comes without {@code strict_order}
   */
  public static FunnelSpec of(int steps, long window, Set<FunnelMode> modes) {
    Objects.requireNonNull(modes, "modes");
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("FUNNEL_STEP takes 1 to " + MAX_STEPS + " conditions, got " + steps);
    }
    if (window < 0) {
      throw new IllegalArgumentException("window must not be negative, got " + window);
    }
    final EnumSet<FunnelMode> copy = EnumSet.noneOf(FunnelMode.class);
    copy.addAll(modes);
    if (copy.contains(FunnelMode.UNORDERED) && copy.size() > 1) {
      throw new IllegalArgumentException(FunnelMode.UNORDERED.sqlName() + " cannot be combined with other modes");
    }
    if (copy.contains(FunnelMode.ALLOW_REENTRY) && !copy.contains(FunnelMode.STRICT_ORDER)) {
      throw new IllegalArgumentException(FunnelMode.ALLOW_REENTRY.sqlName() + " requires "
          + FunnelMode.STRICT_ORDER.sqlName());
    }
    return new FunnelSpec(steps, window, copy);
  }

  /**
   * Parses a mode list such as {@code "strict_order, strict_increase"}: comma-separated, case-insensitive, blanks
   * and empty items ignored; {@code null} or {@code ""} means no mode. It does not check combinations; {@link #of}
   * does.
   *
   * @throws IllegalArgumentException naming the bad mode and listing the valid ones
   */
  public static EnumSet<FunnelMode> parseModes(String text) {
    final EnumSet<FunnelMode> result = EnumSet.noneOf(FunnelMode.class);
    if (text == null) {
      return result;
    }
    for (String item : text.split(",", -1)) {
      final String name = item.strip().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      result.add(mode(name, item.strip()));
    }
    return result;
  }

  /**
   * Formats modes as the canonical list that {@link #parseModes} reads back: SQL names in declaration order,
   * separated by commas without blanks, e.g. {@code "strict_order,strict_increase"}; {@code ""} for none.
   */
  public static String formatModes(Set<FunnelMode> modes) {
    final StringBuilder text = new StringBuilder();
    for (FunnelMode mode : FunnelMode.values()) {
      if (modes.contains(mode)) {
        text.append(text.length() > 0 ? "," : "").append(mode.sqlName());
      }
    }
    return text.toString();
  }

  private static FunnelMode mode(String name, String original) {
    for (FunnelMode mode : FunnelMode.values()) {
      if (mode.sqlName().equals(name)) {
        return mode;
      }
    }
    if (name.equals("strict")) {
      throw new IllegalArgumentException("funnel mode 'strict' is replaced by '"
          + FunnelMode.STRICT_DEDUPLICATION.sqlName() + "'");
    }
    final StringBuilder valid = new StringBuilder();
    for (FunnelMode mode : FunnelMode.values()) {
      if (valid.length() > 0) {
        valid.append(", ");
      }
      valid.append(mode.sqlName());
    }
    throw new IllegalArgumentException("unknown funnel mode '" + original + "'; valid modes are: " + valid);
  }

  /** Returns the number of steps (conditions), 1 to {@link #MAX_STEPS}. */
  public int steps() {
    return steps;
  }

  /** Returns the window, in the unit of the timestamps, {@code >= 0}. */
  public long window() {
    return window;
  }

  /** Returns the modes (unmodifiable). */
  public Set<FunnelMode> modes() {
    return modesView;
  }

  /** Returns whether {@code mode} is set. */
  public boolean has(FunnelMode mode) {
    return modes.contains(mode);
  }

  @Override public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FunnelSpec)) {
      return false;
    }
    final FunnelSpec that = (FunnelSpec) o;
    return steps == that.steps && window == that.window && modes.equals(that.modes);
  }

  @Override public int hashCode() {
    return Objects.hash(steps, window, modes);
  }

  @Override public String toString() {
    final StringBuilder sb = new StringBuilder("FunnelSpec{steps=").append(steps).append(", window=").append(window)
        .append(", modes=[");
    boolean first = true;
    for (FunnelMode mode : modes) {
      sb.append(first ? "" : ", ").append(mode.sqlName());
      first = false;
    }
    return sb.append("]}").toString();
  }
}
