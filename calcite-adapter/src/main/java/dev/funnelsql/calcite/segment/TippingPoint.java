package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.PeriodSql;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import java.util.List;

/**
 * A tipping-point analysis ({@code tipping_point:} of a segmentation), the table {@code <name>_tipping_points}: where
 * does a usage frequency start to matter? Exactly:
 *
 * <ul>
 *   <li>the unit is a (user, period) pair, periods being {@code PERIOD_START(time, period)} (the model's calendar,
 *       ISO weeks), for every user (not NULL) with at least one event (of any name, time not NULL) in that
 *       period;</li>
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
  /**
   * The least share of the user-periods that must lie at or above a threshold for it to be chosen: a cut above
   * which almost nobody lies would make an empty segment.
   */
  static final double LEAST_SHARE_ABOVE = 0.01;

  private final String event;
  private final String outcome;
  private final String unit;
  private final int max;
  /** The segmentation's fixed cut points that the table marks as chosen. */
  private final List<Double> marked;
  /** How many thresholds are chosen from the analysis ({@code thresholds: auto}), or 0. */
  private final int chosen;

  /** Creates an analysis of the canonical conditions {@code event} and {@code outcome} per {@code unit}. */
  public TippingPoint(String event, String outcome, String unit, int max) {
    this(event, outcome, unit, max, List.of(), 0);
  }

  private TippingPoint(String event, String outcome, String unit, int max, List<Double> marked, int chosen) {
    this.event = event;
    this.outcome = outcome;
    this.unit = unit;
    this.max = max;
    this.marked = List.copyOf(marked);
    this.chosen = chosen;
  }

  /** This analysis, marking as chosen the thresholds that equal one of a segmentation's fixed cut points. */
  public TippingPoint marking(List<Double> cutPoints) {
    return new TippingPoint(event, outcome, unit, max, cutPoints, 0);
  }

  /** This analysis, choosing {@code count} thresholds for a segmentation ({@code thresholds: auto}). */
  public TippingPoint choosing(int count) {
    return new TippingPoint(event, outcome, unit, max, List.of(), count);
  }

  /**
   * The one-row table of the chosen thresholds, columns {@code t1} … {@code t<count>} by the rank of their rise (not
   * in increasing order; a segment is found by counting the thresholds a frequency reaches): a column is NULL when
   * fewer thresholds qualify.
   */
  public String chosenSql(EventsRelation events) {
    final StringBuilder columns = new StringBuilder();
    for (int i = 1; i <= chosen; i++) {
      columns.append(i == 1 ? "" : ", ").append("CAST(MAX(CASE WHEN c.\"rank\" = ").append(i)
          .append(" THEN c.\"threshold\" END) AS DOUBLE) AS \"t").append(i).append('"');
    }
    return "SELECT " + columns + " FROM (" + ranked(events) + ") AS c WHERE c.\"chosen\" = 1";
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
    final String columns = "a.\"threshold\", a.\"users_at_or_above\", a.\"outcome_rate_at_or_above\", "
        + "a.\"users_below\", a.\"outcome_rate_below\", a.\"lift\"";
    if (chosen > 0) {
      return "SELECT " + columns + ", a.\"chosen\" = 1 AS \"chosen\" FROM (" + ranked(events) + ") AS a";
    }
    final String counts = "SELECT t.\"k\" AS \"threshold\", " + sums("t.\"k\"", "") + " FROM (" + frequencies(events)
        + ") AS s LEFT JOIN (VALUES " + thresholds() + ") AS t(\"k\") ON TRUE GROUP BY t.\"k\"";
    final String analysis = "SELECT c.\"threshold\", CAST(c.\"above\" AS BIGINT) AS \"users_at_or_above\", "
        + rate("above") + " AS \"outcome_rate_at_or_above\", CAST(c.\"below\" AS BIGINT) AS \"users_below\", "
        + rate("below") + " AS \"outcome_rate_below\", " + lift("") + " AS \"lift\" FROM (" + counts + ") AS c";
    final StringBuilder marks = new StringBuilder("FALSE");
    marked.forEach(cut -> marks.append(" OR a.\"threshold\" = ").append(cut));
    return "SELECT " + columns + ", (" + marks + ") AS \"chosen\" FROM (" + analysis + ") AS a";
  }

  /** {@code (1), (2), …, (max)}. */
  private String thresholds() {
    final StringBuilder thresholds = new StringBuilder();
    for (int k = 1; k <= max; k++) {
      thresholds.append(k == 1 ? "" : ", ").append('(').append(k).append(')');
    }
    return thresholds.toString();
  }

  /**
   * The analysis with each threshold's rank among those that qualify ({@code thresholds: auto}), by the lift's rise
   * from the threshold below (from 1 below the first, whose lift has no users below), ties to the lower threshold:
   * the columns of the table, {@code rank} and {@code chosen} (1 or 0). Every pair of thresholds is counted from the
   * same users per frequency, in groupings only: H2 fails on a window over aggregates, which Calcite's SQL writer
   * puts in one query however the SQL is nested.
   */
  private String ranked(EventsRelation events) {
    final String pairs = "SELECT t.\"k\", u.\"j\", " + sums("t.\"k\"", "") + ", " + sums("t.\"k\" - 1", "k1_") + ", "
        + sums("u.\"j\"", "j_") + ", " + sums("u.\"j\" - 1", "j1_") + " FROM (" + frequencies(events) + ") AS s "
        + "LEFT JOIN (VALUES " + thresholds() + ") AS t(\"k\") ON TRUE LEFT JOIN (VALUES " + thresholds()
        + ") AS u(\"j\") ON TRUE GROUP BY t.\"k\", u.\"j\"";
    final String rated = "SELECT c.\"k\", c.\"j\", CAST(c.\"above\" AS BIGINT) AS \"users_at_or_above\", "
        + rate("above") + " AS \"outcome_rate_at_or_above\", CAST(c.\"below\" AS BIGINT) AS \"users_below\", "
        + rate("below") + " AS \"outcome_rate_below\", " + lift("") + " AS \"lift\", " + rise("", "k1_")
        + " AS \"rise\", " + qualifies("", "k1_") + " AS \"qualifies\", " + rise("j_", "j1_") + " AS \"j_rise\", "
        + qualifies("j_", "j1_") + " AS \"j_qualifies\" FROM (" + pairs + ") AS c";
    final String ranks = "SELECT r.\"k\" AS \"threshold\", MAX(r.\"users_at_or_above\") AS \"users_at_or_above\", "
        + "MAX(r.\"outcome_rate_at_or_above\") AS \"outcome_rate_at_or_above\", MAX(r.\"users_below\") AS "
        + "\"users_below\", MAX(r.\"outcome_rate_below\") AS \"outcome_rate_below\", MAX(r.\"lift\") AS \"lift\", "
        + "MAX(r.\"qualifies\") AS \"qualifies\", 1 + SUM(CASE WHEN r.\"j_qualifies\" = 1 AND (r.\"j_rise\" > "
        + "r.\"rise\" OR r.\"j_rise\" = r.\"rise\" AND r.\"j\" < r.\"k\") THEN 1 ELSE 0 END) AS \"rank\" FROM ("
        + rated + ") AS r GROUP BY r.\"k\"";
    return "SELECT a.\"threshold\", a.\"users_at_or_above\", a.\"outcome_rate_at_or_above\", a.\"users_below\", "
        + "a.\"outcome_rate_below\", a.\"lift\", a.\"rank\", CASE WHEN a.\"qualifies\" = 1 AND a.\"rank\" <= "
        + chosen + " THEN 1 ELSE 0 END AS \"chosen\" FROM (" + ranks + ") AS a";
  }

  /**
   * The users per frequency and outcome of the user-periods: {@code f}, {@code hit} and {@code n}. One grouping by
   * user and period gives each pair's frequency; the user's next pair (by LEAD, which the store evaluates over its
   * own grouping) tells whether the next period has an outcome. A grouping of the union of the events and the
   * outcomes shifted a period back gave the same pairs, and PostgreSQL took twice as long over it.
   */
  private String frequencies(EventsRelation events) {
    final String pairs = events.groupKeysInWindows() ? pairsByPeriod(events) : pairsByAggregates(events);
    // Grouped by frequency and outcome, not by the frequency alone: Calcite keeps a GROUP BY of nothing but an
    // aggregated column (the frequency) out of the store.
    return "SELECT h.\"f\", h.\"hit\", COUNT(*) AS \"n\" FROM (" + pairs + ") AS h WHERE h.\"at\" < h.\"latest\" "
        + "GROUP BY h.\"f\", h.\"hit\"";
  }

  /** The pair's period, in the model's calendar. */
  private String period(EventsRelation events) {
    return "PERIOD_START(" + events.time() + ", " + SqlText.literal(unit) + ")";
  }

  /** The events with a time and a user, with {@code user_id}, {@code period}, {@code f} and the given columns. */
  private String rows(EventsRelation events, String columns) {
    return "(SELECT " + events.user() + " AS \"user_id\", " + period(events) + " AS \"period\", CASE WHEN " + event
        + " THEN 1 ELSE 0 END AS \"f\", " + columns + " FROM " + events.from() + " WHERE " + events.time()
        + " IS NOT NULL AND " + events.user() + " IS NOT NULL) AS r";
  }

  /**
   * The pairs ({@code f}, {@code hit}, and {@code at}, which orders the pairs as their periods, and its largest
   * value, {@code latest}, which the pairs of the latest period have) with the windows ordered by the grouped period,
   * so that a store reading the events in user order (PostgreSQL through an index) groups and orders them in one
   * pass: a pair hits when the next pair's outcome lies in the period after its own ({@code before}, the outcome's
   * period one step back on the wall clock, which is the same for every time of a period).
   */
  private String pairsByPeriod(EventsRelation events) {
    final String before = PeriodSql.shiftedStart(events.time(), "- " + KindSql.step(unit), SqlText.literal(unit));
    final String grouped = "(SELECT r.\"user_id\", r.\"period\", SUM(r.\"f\") AS \"f\", MAX(r.\"before\") AS "
        + "\"before\" FROM " + rows(events, "CASE WHEN " + outcome + " THEN " + before + " END AS \"before\"")
        + " GROUP BY r.\"user_id\", r.\"period\") AS g";
    return "SELECT g.\"f\", g.\"period\" AS \"at\", CASE WHEN LEAD(g.\"before\") OVER (PARTITION BY "
        + "g.\"user_id\" ORDER BY g.\"period\") = g.\"period\" THEN 1 ELSE 0 END AS \"hit\", MAX(g.\"period\") "
        + "OVER () AS \"latest\" FROM " + grouped;
  }

  /**
   * The pairs as {@link #pairsByPeriod} gives them, for a store that takes no grouped expression in a window over the
   * grouping (H2: "must be in the GROUP BY list"; Calcite writes an aggregate of a grouped column as the column): the
   * windows order by the pair's first wall-clock time and compare the next pair's outcome period ({@code reached})
   * with the period one step after it ({@code following}).
   */
  private String pairsByAggregates(EventsRelation events) {
    final String grouped = "(SELECT r.\"user_id\", SUM(r.\"f\") AS \"f\", MAX(r.\"reached\") AS \"reached\", "
        + "MIN(r.\"wall\") AS \"first\" FROM " + rows(events, "CASE WHEN " + outcome + " THEN " + period(events)
        + " END AS \"reached\", " + PeriodSql.wallClock(events.time()) + " AS \"wall\"") + " GROUP BY r.\"user_id\", "
        + "r.\"period\") AS g";
    final String following = PeriodSql.wallClockShiftedStart("g.\"first\"", "+ " + KindSql.step(unit),
        SqlText.literal(unit));
    return "SELECT g.\"f\", " + following + " AS \"at\", CASE WHEN LEAD(g.\"reached\") OVER (PARTITION BY "
        + "g.\"user_id\" ORDER BY g.\"first\") = " + following + " THEN 1 ELSE 0 END AS \"hit\", MAX(" + following
        + ") OVER () AS \"latest\" FROM " + grouped;
  }

  /**
   * The counts at threshold {@code k} (an expression) of the users per frequency {@code s}: {@code <prefix>above},
   * {@code <prefix>above_hits}, {@code <prefix>below} and {@code <prefix>below_hits}. Every threshold meets every
   * frequency through a LEFT JOIN of values that are never empty, not a CROSS JOIN, which H2 would turn around and
   * evaluate the frequencies again for each threshold.
   */
  private static String sums(String k, String prefix) {
    return "COALESCE(SUM(CASE WHEN s.\"f\" >= " + k + " THEN s.\"n\" ELSE 0 END), 0) AS \"" + prefix + "above\", "
        + "COALESCE(SUM(CASE WHEN s.\"f\" >= " + k + " THEN s.\"n\" * s.\"hit\" ELSE 0 END), 0) AS \"" + prefix
        + "above_hits\", COALESCE(SUM(CASE WHEN s.\"f\" < " + k + " THEN s.\"n\" ELSE 0 END), 0) AS \"" + prefix
        + "below\", COALESCE(SUM(CASE WHEN s.\"f\" < " + k + " THEN s.\"n\" * s.\"hit\" ELSE 0 END), 0) AS \""
        + prefix + "below_hits\"";
  }

  /** The rise of the lift of the counts {@code c.<prefix>…} from that of {@code c.<below>…} (1 when it has none). */
  private static String rise(String prefix, String below) {
    return "(" + lift(prefix) + ") - COALESCE(" + lift(below) + ", 1.0)";
  }

  /**
   * 1 when the threshold of the counts {@code c.<prefix>…} qualifies to be chosen (a lift, a rise, and at least
   * {@link #LEAST_SHARE_ABOVE} of the user-periods at or above), else 0.
   */
  private static String qualifies(String prefix, String below) {
    return "CASE WHEN " + lift(prefix) + " IS NOT NULL AND " + rise(prefix, below) + " > 0 AND c.\"" + prefix
        + "above\" >= " + LEAST_SHARE_ABOVE + " * (c.\"" + prefix + "above\" + c.\"" + prefix + "below\") THEN 1 "
        + "ELSE 0 END";
  }

  /** The outcome rate of the counts {@code c.<side>} and {@code c.<side>_hits}, NULL when there are none. */
  private static String rate(String side) {
    return "CASE WHEN c.\"" + side + "\" > 0 THEN CAST(c.\"" + side + "_hits\" AS DOUBLE) / c.\"" + side + "\" END";
  }

  /** The lift of the counts {@code c.<prefix>above} …: the rate at or above over the rate below, or NULL. */
  private static String lift(String prefix) {
    return "CASE WHEN c.\"" + prefix + "above\" > 0 AND c.\"" + prefix + "below_hits\" > 0 THEN ("
        + rate(prefix + "above") + ") / (" + rate(prefix + "below") + ") END";
  }
}
