package dev.funnelsql.functions.funnel;

import java.util.Locale;

/**
 * The optional modes of {@code FUNNEL_STEP} / {@code FUNNEL_TIMES}, named as in ClickHouse {@code windowFunnel}, so
 * that a query can tighten what counts as a chain, or ({@link #UNORDERED}) drop the order of the steps;
 * {@link FunnelStateMachine} documents their exact meaning.
 */
public enum FunnelMode {
  /** A repeat of an already reached step (other than step 1) stops the funnel. */
  STRICT_DEDUPLICATION,
  /** No other event may come between the steps: an unrelated row, a skipped step or a re-entry stops the funnel. */
  STRICT_ORDER,
  /** Consecutive steps of a chain need strictly increasing timestamps. */
  STRICT_INCREASE,
  /** Each row is used for at most one step of a chain. */
  STRICT_ONCE,
  /** With {@link #STRICT_ORDER}: a step-1 event after the funnel passed step 1 starts new chains, not a stop. */
  ALLOW_REENTRY,
  /**
   * "Any order" funnel (Amplitude "any order", PostHog {@code unordered}): the answer is the largest number of
   * distinct steps seen within one window, in any order; it cannot be combined with another mode.
   */
  UNORDERED;

  private final String sqlName = name().toLowerCase(Locale.ROOT);

  /** Returns the name used in SQL, e.g. {@code strict_deduplication}. */
  public String sqlName() {
    return sqlName;
  }
}
