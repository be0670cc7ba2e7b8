package dev.funnelsql.calcite.funnel;

import java.util.List;

/**
 * A model funnel, resolved for SQL generation: its steps' names and (already canonical) conditions, window, the
 * {@code FUNNEL_STEP} modes its options imply, and the segmentations it is broken down by.
 *
 * @param name the funnel's name
 * @param stepNames the step names, in order
 * @param conditions the step conditions as SQL expressions, in order
 * @param windowSeconds the window in seconds
 * @param modes the modes string for {@code FUNNEL_TIMES}, possibly empty
 * @param breakdowns names of the segmentations the summary is broken down by
 * @param exclusions the exclusion steps
 */
public record FunnelDefinition(String name, List<String> stepNames, List<String> conditions, long windowSeconds,
    String modes, List<String> breakdowns, List<Exclusion> exclusions) {
  /**
   * An exclusion step: a user whose counted chain has an event matching {@code condition} strictly between the
   * times of step {@code from} and step {@code to} (or its last step reached, if it stopped earlier) is counted as
   * having reached step {@code from} only.
   *
   * @param condition the exclusion condition as SQL
   * @param from the step after which the exclusion applies (1-based)
   * @param to the step before which it applies
   */
  public record Exclusion(String condition, int from, int to) {
  }
}
