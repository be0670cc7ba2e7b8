package dev.funnelsql.examples.bench;

import java.sql.SQLException;
import java.util.Map;

/** The exact answers the funnel tables are checked against, computed from the baselines and hand-written SQL. */
interface TableReferences {
  /** The histogram of the bare {@code FUNNEL_STEP} query (the funnel's baseline). */
  default Histogram histogram() throws SQLException {
    return histogram(BaselinePart.funnelStep());
  }

  /** The histogram of a {@code FUNNEL_STEP} baseline part (the bare query, or one over a range of entries). */
  Histogram histogram(BaselinePart funnelStep) throws SQLException;

  /**
   * Per segment of {@code segmentation}, the users at exactly each funnel level (index 1..N; index 0 unused), from
   * B1's levels joined with the hand-written membership on the store.
   */
  Map<String, long[]> breakdown(String segmentation) throws SQLException;

  /**
   * Per entry week, the users who did the funnel's step 1 in it (the trend's step-1 users), by the week's first day
   * ({@code 2026-07-06}), from hand-written SQL on the store.
   */
  Map<String, Long> stepOneUsersByWeek() throws SQLException;

  /**
   * The event names that are none of the funnel's steps, each step after the first mapped to how many there are (the
   * rows of {@code _drivers} per step, when every such name is done by enough users), from hand-written SQL.
   */
  Map<String, Long> otherEventNamesPerStep() throws SQLException;
}
