package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.PeriodSql;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;

/**
 * A tipping-point analysis ({@code tipping_point:} of a segmentation), the table {@code <name>_tipping_points}: where
 * does a usage frequency start to matter? Exactly:
 *
 * <ul>
 *   <li>the unit is a (user, period) pair, periods being {@code PERIOD_START(time, period)} (UTC, ISO weeks), for
 *       every user (not NULL) with at least one event (of any name, time not NULL) in that period;</li>
 *   <li>its frequency is the number of the user's rows in that period for which {@code event} is true (NULL counts
 *       as false);</li>
 *   <li>its outcome is whether the user has at least one row for which {@code outcome} is true in the next period
 *       (retention-style);</li>
 *   <li>pairs in the last period of the events (the period of the latest event time) are left out, as their next
 *       period is not observed yet;</li>
 *   <li>for each threshold k = 1..max: {@code users_at_or_above} pairs have frequency &ge; k and
 *       {@code users_below} have frequency &lt; k (so both columns count user-periods, and their sum is the same for
 *       every k); {@code outcome_rate_*} is the share of them with the outcome (NULL when there are none);
 *       {@code lift} = {@code outcome_rate_at_or_above / outcome_rate_below} (NULL when either is NULL or the rate
 *       below is 0).</li>
 * </ul>
 */
public final class TippingPoint {
  private final String event;
  private final String outcome;
  private final String unit;
  private final int max;

  /** Creates an analysis of the canonical conditions {@code event} and {@code outcome} per {@code unit}. */
  public TippingPoint(String event, String outcome, String unit, int max) {
    this.event = event;
    this.outcome = outcome;
    this.unit = unit;
    this.max = max;
  }

  /** The period: day, week or month. */
  public String unit() {
    return unit;
  }

  /** The highest threshold. */
  public int max() {
    return max;
  }

  /** The SQL of the table. */
  public String sql(EventsRelation events) {
    final String period = "PERIOD_START(" + events.time() + ", " + SqlText.literal(unit) + ")";
    // The period before each outcome, from its time (one step back is always in the previous period), so that the
    // pairs group on equal periods with no expression of a grouped period (which H2 cannot evaluate).
    final String periodBefore = PeriodSql.shiftedStart(events.time(), "- " + KindSql.step(unit),
        SqlText.literal(unit));
    final String active = events.time() + " IS NOT NULL AND " + events.user() + " IS NOT NULL";
    final StringBuilder thresholds = new StringBuilder();
    for (int k = 1; k <= max; k++) {
      thresholds.append(k == 1 ? "" : ", ").append('(').append(k).append(')');
    }
    // One row per event of a user-period (counting the event's matches) and one per outcome, under the period before
    // it; grouped by user and period, a pair is a user-period with an event, hit when an outcome fell under it. One
    // grouping of a union, not a join of two groupings: H2, which has no hash join, would evaluate the second
    // grouping again for each row of the first. The one-row latest period comes first (see KindSql#latest).
    final String last = "(SELECT PERIOD_START(MAX(" + events.time() + "), " + SqlText.literal(unit)
        + ") AS \"last\" FROM " + events.from() + " WHERE " + active + ") AS l";
    final String rows = "(SELECT " + events.user() + " AS \"user_id\", " + period + " AS \"period\", CASE WHEN "
        + event + " THEN 1 ELSE 0 END AS \"f\", 0 AS \"hit\", 1 AS \"seen\" FROM " + events.from() + " WHERE "
        + active + " UNION ALL SELECT " + events.user() + ", " + periodBefore + ", 0, 1, 0 FROM " + events.from()
        + " WHERE " + active + " AND " + outcome + ") AS r";
    // The latest period is compared after grouping, once per pair rather than once per event.
    final String grouped = "(SELECT r.\"period\", SUM(r.\"f\") AS \"f\", MAX(r.\"hit\") AS \"hit\" FROM " + rows
        + " GROUP BY r.\"user_id\", r.\"period\" HAVING MAX(r.\"seen\") = 1) AS g";
    final String pairs = "SELECT g.\"f\", g.\"hit\" FROM " + last + " CROSS JOIN " + grouped + " WHERE NOT "
        + KindSql.notBefore("g.\"period\"", "l.\"last\"", SqlText.literal(unit));
    // Grouped by frequency and outcome, not by the frequency alone: Calcite keeps a GROUP BY of nothing but an
    // aggregated column (the frequency) out of the store.
    final String byFrequency = "SELECT p.\"f\", p.\"hit\", COUNT(*) AS \"n\" FROM (" + pairs + ") AS p GROUP BY "
        + "p.\"f\", p.\"hit\"";
    // Every threshold meets every frequency; a LEFT JOIN (of values that are never empty) rather than a CROSS JOIN,
    // which H2 would turn around and evaluate the frequencies again for each threshold.
    final String counts = "SELECT t.\"threshold\", "
        + "COALESCE(SUM(CASE WHEN s.\"f\" >= t.\"threshold\" THEN s.\"n\" ELSE 0 END), 0) AS \"above\", "
        + "COALESCE(SUM(CASE WHEN s.\"f\" >= t.\"threshold\" THEN s.\"n\" * s.\"hit\" ELSE 0 END), 0) AS "
        + "\"above_hits\", "
        + "COALESCE(SUM(CASE WHEN s.\"f\" < t.\"threshold\" THEN s.\"n\" ELSE 0 END), 0) AS \"below\", "
        + "COALESCE(SUM(CASE WHEN s.\"f\" < t.\"threshold\" THEN s.\"n\" * s.\"hit\" ELSE 0 END), 0) AS "
        + "\"below_hits\" FROM (" + byFrequency + ") AS s LEFT JOIN (VALUES " + thresholds + ") AS t(\"threshold\") "
        + "ON TRUE GROUP BY t.\"threshold\"";
    final String rateAbove = "CASE WHEN c.\"above\" > 0 THEN CAST(c.\"above_hits\" AS DOUBLE) / c.\"above\" END";
    final String rateBelow = "CASE WHEN c.\"below\" > 0 THEN CAST(c.\"below_hits\" AS DOUBLE) / c.\"below\" END";
    return "SELECT c.\"threshold\", CAST(c.\"above\" AS BIGINT) AS \"users_at_or_above\", " + rateAbove
        + " AS \"outcome_rate_at_or_above\", CAST(c.\"below\" AS BIGINT) AS \"users_below\", " + rateBelow
        + " AS \"outcome_rate_below\", CASE WHEN c.\"above\" > 0 AND c.\"below_hits\" > 0 THEN (" + rateAbove
        + ") / (" + rateBelow + ") END AS \"lift\" FROM (" + counts + ") AS c";
  }
}
