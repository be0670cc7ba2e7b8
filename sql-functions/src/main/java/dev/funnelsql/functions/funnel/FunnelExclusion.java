package dev.funnelsql.functions.funnel;

/**
 * An exclusion step of a funnel (PostHog's "exclusion steps"): a chain with an exclusion event strictly between its
 * step {@code from} and its step {@code to} (or its last step reached, if it stopped before {@code to}) counts as
 * having reached step {@code from} only.
 *
 * @param from the step after which the exclusion applies, 1-based
 * @param to the step before which it applies, greater than {@code from}
 */
public record FunnelExclusion(int from, int to) {
  /** Checks that the steps are in order. */
  public FunnelExclusion {
    if (from < 1 || to <= from) {
      throw new IllegalArgumentException("an exclusion needs 1 <= from < to, got from " + from + ", to " + to);
    }
  }
}
