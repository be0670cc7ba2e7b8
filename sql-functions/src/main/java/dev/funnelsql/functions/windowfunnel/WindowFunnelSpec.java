package dev.funnelsql.functions.windowfunnel;

import java.util.Locale;
import java.util.Objects;

/**
 * Immutable, validated parameters of one Doris- or StarRocks-style {@code window_funnel} call (number of steps,
 * window, dialect and mode), checked once when a query is prepared so that the per-row code never has to.
 *
 * <p>The window is a non-negative amount on the caller's time line: the caller converts Doris' seconds, or
 * StarRocks' seconds / days / raw integers, to the unit of the timestamps it passes to
 * {@link WindowFunnelAccumulator#add(long, int)}. A chain's later steps may be at most {@code window} after its
 * step 1 (inclusive).
 *
 * <p>Both dialects' modes are kept as bits ({@link #DEDUPLICATION}, {@link #FIXED}, {@link #INCREASE}); a Doris
 * spec has at most one bit set, a StarRocks spec any combination.
 */
public final class WindowFunnelSpec {
  /** The largest number of steps (conditions): one bit of an {@code int} mask per step. */
  public static final int MAX_STEPS = 32;
  /** Mode bit of {@code deduplication} (StarRocks mode 1). */
  public static final int DEDUPLICATION = 1;
  /** Mode bit of {@code fixed} (StarRocks mode 2). */
  public static final int FIXED = 2;
  /** Mode bit of {@code increase} (StarRocks mode 4). */
  public static final int INCREASE = 4;

  private static final String[] DORIS_MODES = {"default", "deduplication", "fixed", "increase"};
  private static final int[] DORIS_BITS = {0, DEDUPLICATION, FIXED, INCREASE};

  /** The engine whose semantics a spec follows, because the two engines answer differently on the same rows. */
  public enum Dialect {
    /** Apache Doris 4.1+ ({@code window_funnel} = {@code window_funnel_v2}), one string mode. */
    DORIS,
    /** StarRocks, an integer bit mask of modes 0..7. */
    STARROCKS
  }

  private final Dialect dialect;
  private final int steps;
  private final long window;
  private final int modeBits;

  private WindowFunnelSpec(Dialect dialect, int steps, long window, int modeBits) {
    this.dialect = dialect;
    this.steps = steps;
    this.window = window;
    this.modeBits = modeBits;
  }

  /**
   * Returns a validated Doris spec.
   *
   * @param steps number of conditions, 1 to {@link #MAX_STEPS}
   * @param window the window on the caller's time line, {@code >= 0}
   * @param mode one of {@code default}, {@code deduplication}, {@code fixed}, {@code increase}, in any letter case
   *     and with surrounding blanks allowed; Doris modes cannot be combined
   * @throws IllegalArgumentException if a parameter is out of range or the mode is unknown (the message lists the
   *     valid modes)
   */
  public static WindowFunnelSpec doris(int steps, long window, String mode) {
    checkStepsAndWindow(steps, window);
    final String name = mode == null ? null : mode.strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < DORIS_MODES.length; i++) {
      if (DORIS_MODES[i].equals(name)) {
        return new WindowFunnelSpec(Dialect.DORIS, steps, window, DORIS_BITS[i]);
      }
    }
    throw new IllegalArgumentException("unknown Doris window_funnel mode "
        + (mode == null ? "NULL" : "'" + mode + "'") + "; valid modes are: " + String.join(", ", DORIS_MODES)
        + " (exactly one)");
  }

  /**
   * Returns a validated StarRocks spec.
   *
   * @param steps number of conditions (the length of the condition array), 1 to {@link #MAX_STEPS}
   * @param window the window on the caller's time line, {@code >= 0}
   * @param modeBits 0 to 7: {@link #DEDUPLICATION} | {@link #FIXED} | {@link #INCREASE}, any combination
   * @throws IllegalArgumentException if a parameter is out of range
   */
  public static WindowFunnelSpec starRocks(int steps, long window, int modeBits) {
    checkStepsAndWindow(steps, window);
    if (modeBits < 0 || modeBits > (DEDUPLICATION | FIXED | INCREASE)) {
      throw new IllegalArgumentException("StarRocks window_funnel mode must be in the range [0, 7], got "
          + modeBits);
    }
    return new WindowFunnelSpec(Dialect.STARROCKS, steps, window, modeBits);
  }

  private static void checkStepsAndWindow(int steps, long window) {
    if (steps < 1 || steps > MAX_STEPS) {
      throw new IllegalArgumentException("window_funnel takes 1 to " + MAX_STEPS + " conditions, got " + steps);
    }
    if (window < 0) {
      throw new IllegalArgumentException("window_funnel window must not be negative, got " + window);
    }
  }

  /** Returns the dialect. */
  public Dialect dialect() {
    return dialect;
  }

  /** Returns the number of steps (conditions), 1 to {@link #MAX_STEPS}. */
  public int steps() {
    return steps;
  }

  /** Returns the window on the caller's time line, {@code >= 0}. */
  public long window() {
    return window;
  }

  /** Returns the mode bits, 0 to 7 (for Doris 0 or a single bit). */
  public int modeBits() {
    return modeBits;
  }

  /** Returns whether the mode bit {@code bit} ({@link #DEDUPLICATION}, {@link #FIXED}, {@link #INCREASE}) is set. */
  public boolean has(int bit) {
    return (modeBits & bit) != 0;
  }

  /**
   * Returns the mode as the engine spells it: Doris' name ({@code "fixed"}) or StarRocks' number ({@code "5"}).
   */
  public String modeName() {
    if (dialect == Dialect.STARROCKS) {
      return Integer.toString(modeBits);
    }
    for (int i = 0; i < DORIS_BITS.length; i++) {
      if (DORIS_BITS[i] == modeBits) {
        return DORIS_MODES[i];
      }
    }
    throw new AssertionError(modeBits);
  }

  @Override public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof WindowFunnelSpec)) {
      return false;
    }
    final WindowFunnelSpec that = (WindowFunnelSpec) o;
    return dialect == that.dialect && steps == that.steps && window == that.window && modeBits == that.modeBits;
  }

  @Override public int hashCode() {
    return Objects.hash(dialect, steps, window, modeBits);
  }

  /** Returns the dialect and mode for EXPLAIN, e.g. {@code doris:fixed} or {@code starrocks:5}. */
  @Override public String toString() {
    return dialect.name().toLowerCase(Locale.ROOT) + ":" + modeName();
  }
}
