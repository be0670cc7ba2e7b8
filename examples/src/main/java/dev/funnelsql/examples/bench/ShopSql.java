package dev.funnelsql.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The best hand-written SQL we could write for each table of {@link ShopModel}, run directly on the store's own
 * JDBC driver as the tables mode's baselines. Each query returns the same columns, in the same order, as the
 * FunnelSQL table it stands for, so that the two answers are compared row by row. The text is the store's own SQL:
 * the three stores read it alike except for the ISO week of a time and the weeks between two week starts, which
 * {@link #week} and {@link #weeksBetween} spell per store (H2's {@code WEEK} follows the locale; {@code ISO_WEEK}
 * starts on Monday); everything else (FILTER, window functions, {@code VALUES}
 * lists, {@code INTERVAL '7' DAY}) is written once. Weeks are ISO weeks (Monday first) on the UTC calendar, as
 * FunnelSQL's {@code PERIOD_START}.
 */
final class ShopSql {
  private static final String WEEK = "INTERVAL '7' DAY";
  private static final String NO_ACTIVITY = "'(no activity)'";

  private final StoreKind store;

  ShopSql(StoreKind store) {
    this.store = store;
  }

  /** The start of the ISO week holding {@code time}, a TIMESTAMP (DuckDB's {@code date_trunc} gives a DATE). */
  String week(String time) {
    switch (store) {
      case DUCKDB:
        return "CAST(date_trunc('week', " + time + ") AS TIMESTAMP)";
      case H2:
        return "DATE_TRUNC('ISO_WEEK', " + time + ")";
      default:
        return "date_trunc('week', " + time + ")";
    }
  }

  /** The whole weeks from week start {@code from} to week start {@code to}. */
  String weeksBetween(String from, String to) {
    switch (store) {
      case DUCKDB:
        return "date_diff('day', " + from + ", " + to + ") // 7";
      case H2:
        return "DATEDIFF('DAY', " + from + ", " + to + ") / 7";
      default:
        return "(CAST(" + to + " AS DATE) - CAST(" + from + " AS DATE)) / 7";
    }
  }

  /** {@code segments.<s>}: {@code (user_id, segment)} of a segmentation of the model. */
  String membership(String segmentation) {
    switch (segmentation) {
      case ShopModel.ENGAGEMENT:
        return "SELECT user_id, " + rulesCase() + " AS segment FROM events GROUP BY user_id";
      case ShopModel.LIFECYCLE:
        return lifecycle();
      case ShopModel.FREQUENCY:
        return frequency();
      case ShopModel.FREQUENCY_AUTO:
        return chosenFrequency();
      default:
        throw new IllegalArgumentException("no segmentation " + segmentation);
    }
  }

  /**
   * The engagement of each user as of their first product view, the entry a hand-written query takes: their events
   * up to it, grouped. FunnelSQL takes it at step 1 of the chain it counts, which is a later view for some users.
   */
  String engagementAtFirstView() {
    return "SELECT events.user_id, " + rulesCase() + " AS segment FROM events JOIN (SELECT user_id AS u, MIN(ts) AS t "
        + "FROM events WHERE event_name = " + FunnelShape.step(0) + " GROUP BY user_id) f ON events.user_id = f.u "
        + "AND events.ts <= f.t GROUP BY events.user_id";
  }

  /** The engagement rules as one CASE over a group of events: the first rule that holds, else the otherwise. */
  private static String rulesCase() {
    final StringBuilder sql = new StringBuilder("CASE");
    for (int i = 0; i < ShopModel.RULE_SEGMENTS.size(); i++) {
      sql.append(" WHEN ").append(ShopModel.ruleConditions().get(i)).append(" THEN '")
          .append(ShopModel.RULE_SEGMENTS.get(i)).append('\'');
    }
    return sql.append(" ELSE '").append(ShopModel.OTHERWISE).append("' END").toString();
  }

  /**
   * The lifecycle as of the week C of the latest event: per user and week whether the user viewed, C as the latest
   * week by a window over those rows (H2 re-evaluates a joined one-row subquery per row, as the benchmark's URL
   * turns its result reuse off), then three flags per user (viewed in C, in C-1, before).
   */
  private String lifecycle() {
    final String weeks = "SELECT user_id, p, MAX(CASE WHEN event_name = '" + ShopModel.VIEW + "' THEN 1 ELSE 0 END)"
        + " AS v FROM (SELECT user_id, " + week("ts") + " AS p, event_name FROM events) e GROUP BY user_id, p";
    final String current = "SELECT user_id, p, v, MAX(p) OVER () AS cp FROM (" + weeks + ") w";
    return "SELECT user_id, CASE WHEN cur = 1 AND prv = 0 AND old = 0 THEN 'new'"
        + " WHEN cur = 1 AND prv = 1 THEN 'returning' WHEN cur = 1 THEN 'resurrected'"
        + " WHEN prv = 1 THEN 'dormant' ELSE 'inactive' END AS segment\n"
        + "FROM (SELECT user_id, MAX(CASE WHEN v = 1 AND p = cp THEN 1 ELSE 0 END) AS cur,\n"
        + "  MAX(CASE WHEN v = 1 AND p = cp - " + WEEK + " THEN 1 ELSE 0 END) AS prv,\n"
        + "  MAX(CASE WHEN v = 1 AND p < cp - " + WEEK + " THEN 1 ELSE 0 END) AS old\n"
        + "  FROM (" + current + ") c GROUP BY user_id) a";
  }

  /**
   * The frequency: views per user and week, the latest week by a window over those rows (as the lifecycle's), then
   * per user the views of the complete weeks before it, averaged and bucketed at the thresholds.
   */
  private String frequency() {
    final List<Double> cuts = ShopModel.FREQUENCY_THRESHOLDS;
    return "SELECT user_id, CASE WHEN f >= " + cuts.get(1) + " THEN 'heavy' WHEN f >= " + cuts.get(0)
        + " THEN 'medium' ELSE 'light' END AS segment FROM (" + averageViews() + ") a";
  }

  /** Per user, the average views per week over the complete weeks before the latest event's: {@code (user_id, f)}. */
  private String averageViews() {
    final String weeks = "SELECT user_id, " + week("ts") + " AS p, SUM(CASE WHEN event_name = '" + ShopModel.VIEW
        + "' THEN 1 ELSE 0 END) AS n FROM events GROUP BY user_id, " + week("ts");
    final String current = "SELECT user_id, p, n, MAX(p) OVER () AS cp FROM (" + weeks + ") w";
    return "SELECT user_id, CAST(SUM(CASE WHEN p >= cp - INTERVAL '" + 7 * ShopModel.FREQUENCY_WEEKS
        + "' DAY AND p < cp THEN n ELSE 0 END) AS DOUBLE PRECISION) / " + ShopModel.FREQUENCY_WEEKS + " AS f FROM ("
        + current + ") c GROUP BY user_id";
  }

  /**
   * The frequency with chosen thresholds: the tipping point's analysis, the thresholds ranked by the rise of their
   * lift over the one below (LAG), the two best that qualify, and per user the number of them the average reaches.
   */
  private String chosenFrequency() {
    return tippingAnalysis() + ",\n" + chosen() + "\nSELECT a.user_id, CASE COUNT(c.threshold) WHEN 2 THEN 'heavy' "
        + "WHEN 1 THEN 'medium' ELSE 'light' END AS segment FROM (" + averageViews() + ") a LEFT JOIN c ON a.f >= "
        + "c.threshold GROUP BY a.user_id";
  }

  /**
   * After {@link #tippingAnalysis}, the CTEs {@code q} (the rank of the thresholds that qualify: a lift, a rise over
   * the lift below (1 when that has none), and 1% of the user-weeks at or above), {@code r} (every threshold's counts
   * and rank) and {@code c} (the two chosen thresholds).
   */
  private static String chosen() {
    final String lift = "CASE WHEN above > 0 AND below_hits > 0 THEN (CAST(above_hits AS DOUBLE PRECISION) / above) "
        + "/ (CAST(below_hits AS DOUBLE PRECISION) / below) END";
    return "l AS (SELECT threshold, above, below, above_hits, below_hits, " + lift + " AS lift FROM k),\n"
        + "d AS (SELECT l.*, lift - COALESCE(LAG(lift) OVER (ORDER BY threshold), 1.0) AS rise FROM l),\n"
        + "q AS (SELECT threshold, ROW_NUMBER() OVER (ORDER BY rise DESC, threshold) AS rk FROM d WHERE lift IS NOT "
        + "NULL AND rise > 0 AND above >= 0.01 * (above + below)),\n"
        + "r AS (SELECT d.*, q.rk FROM d LEFT JOIN q ON q.threshold = d.threshold),\n"
        + "c AS (SELECT threshold FROM q WHERE rk <= 2)";
  }

  /** {@code segments.<s>_sizes}: {@code (segment, users, share)}. */
  String sizes(String segmentation) {
    return "SELECT segment, COUNT(*) AS users, CAST(COUNT(*) AS DOUBLE PRECISION) / CAST(SUM(COUNT(*)) OVER () AS "
        + "DOUBLE PRECISION) AS share FROM (" + membership(segmentation) + ") m GROUP BY segment";
  }

  /**
   * {@code segments.engagement_check} ({@code finding}, {@code segment}, {@code other_segment}, {@code users}): one
   * pass computing the rule flags per user, summed once into the users in all, per segment (the first rule that
   * holds, else the otherwise), in no segment, per pair of rules and with no rule.
   */
  String check() {
    final List<String> conditions = ShopModel.ruleConditions();
    final StringBuilder flags = new StringBuilder("WITH f AS (SELECT ");
    final List<String> sums = new ArrayList<>(List.of("COUNT(*) AS total"));
    final List<String> rows = new ArrayList<>(List.of("SELECT 'segment count' AS finding, CAST(NULL AS VARCHAR) AS "
        + "segment, CAST(NULL AS VARCHAR) AS other_segment, total AS users FROM s"));
    final List<String> pairs = new ArrayList<>();
    final StringBuilder earlier = new StringBuilder();
    for (int i = 0; i < conditions.size(); i++) {
      flags.append(i == 0 ? "" : ", ").append("CASE WHEN ").append(conditions.get(i)).append(" THEN 1 ELSE 0 END AS m")
          .append(i);
      sums.add("COALESCE(SUM(CASE WHEN " + earlier + "m" + i + " = 1 THEN 1 ELSE 0 END), 0) AS s" + i);
      rows.add("SELECT 'segment', '" + ShopModel.RULE_SEGMENTS.get(i) + "', CAST(NULL AS VARCHAR), s" + i + " FROM s");
      earlier.append('m').append(i).append(" = 0 AND ");
      for (int j = i + 1; j < conditions.size(); j++) {
        sums.add("COALESCE(SUM(m" + i + " * m" + j + "), 0) AS p" + i + "_" + j);
        pairs.add("SELECT 'overlap', '" + ShopModel.RULE_SEGMENTS.get(i) + "', '" + ShopModel.RULE_SEGMENTS.get(j)
            + "', p" + i + "_" + j + " FROM s");
      }
    }
    flags.append(" FROM events GROUP BY user_id),\n");
    final String noRule = earlier.substring(0, earlier.length() - " AND ".length());
    sums.add("COALESCE(SUM(CASE WHEN " + noRule + " THEN 1 ELSE 0 END), 0) AS no_rule");
    rows.add("SELECT 'segment', '" + ShopModel.OTHERWISE + "', CAST(NULL AS VARCHAR), no_rule FROM s");
    rows.add("SELECT 'no segment', CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), 0 FROM s");
    rows.addAll(pairs);
    rows.add("SELECT 'no rule', CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), no_rule FROM s");
    return flags + "s AS (SELECT " + String.join(", ", sums) + " FROM f)\n" + String.join("\nUNION ALL ", rows);
  }

  /**
   * {@code segments.engagement_trend}: the engagement rules count rows, so a user's segment at a week's end follows
   * from running totals: per user and week the views and rows, their running sums over the user's weeks by window,
   * each kept from its week until the user's next active week (LEAD), crossed with the weeks that lie in that span,
   * then users and share per week and segment. One scan of the events, against a scan per week for the general
   * "events before each week's end" query.
   */
  String trend() {
    return weeklySegments() + "SELECT p AS period_start, segment, COUNT(*) AS users, CAST(COUNT(*) AS DOUBLE "
        + "PRECISION) / CAST(SUM(COUNT(*)) OVER (PARTITION BY p) AS DOUBLE PRECISION) AS share FROM u GROUP BY p, "
        + "segment";
  }

  /** {@code segments.engagement_history}: the same per-user rows as {@link #trend}, not counted. */
  String history() {
    return weeklySegments() + "SELECT user_id, p AS period_start, segment FROM u";
  }

  /** The running totals of {@link #trend} up to {@code u} (user_id, week p, segment), ending with a comma. */
  private String weeklySegments() {
    final String over = " OVER (PARTITION BY user_id ORDER BY p)";
    final String views = "cv";
    final String rows = "cn";
    final String segment = "CASE WHEN " + views + " >= " + ShopModel.POWER_VIEWS + " THEN '"
        + ShopModel.RULE_SEGMENTS.get(0) + "' WHEN " + views + " >= " + ShopModel.REGULAR_VIEWS + " THEN '"
        + ShopModel.RULE_SEGMENTS.get(1) + "' WHEN " + rows + " >= " + ShopModel.CASUAL_EVENTS + " THEN '"
        + ShopModel.RULE_SEGMENTS.get(2) + "' ELSE '" + ShopModel.OTHERWISE + "' END";
    return "WITH w AS (SELECT user_id, p, SUM(CASE WHEN event_name = '" + ShopModel.VIEW + "' THEN 1 ELSE 0 END) AS v, "
        + "COUNT(*) AS n FROM (SELECT user_id, " + week("ts") + " AS p, event_name FROM events WHERE ts IS NOT NULL) e "
        + "GROUP BY user_id, p),\n"
        + "c AS (SELECT user_id, p, SUM(v)" + over + " AS cv, SUM(n)" + over + " AS cn, LEAD(p)" + over
        + " AS np FROM w),\n"
        + "k AS (SELECT DISTINCT p FROM w),\n"
        + "u AS (SELECT c.user_id, k.p, " + segment + " AS segment FROM c JOIN k ON k.p >= c.p AND (c.np IS NULL OR "
        + "k.p < c.np))\n";
  }

  /**
   * {@code segments.engagement_transitions}: the rules per user and week, then one pass with LAG/LEAD per user
   * instead of a full join of consecutive weeks: each active week goes out to the next week's segment (or to
   * {@code (no activity)}), and an active week after an inactive one comes in from {@code (no activity)}; only
   * pairs within the weeks of the first and the last event (windows over all rows, see {@link #lifecycle}).
   */
  String transitions() {
    final String over = " OVER (PARTITION BY user_id ORDER BY p)";
    return "WITH m AS (SELECT user_id, p, " + rulesCase() + " AS seg FROM (SELECT user_id, " + week("ts")
        + " AS p, event_name FROM events) e GROUP BY user_id, p),\n"
        + "s AS (SELECT p, seg, LAG(p)" + over + " AS before_p, LEAD(p)" + over + " AS after_p, LEAD(seg)" + over
        + " AS after_seg, MIN(p) OVER () AS lo, MAX(p) OVER () AS hi FROM m),\n"
        + "t AS (SELECT p AS from_period, p + " + WEEK + " AS to_period, seg AS from_segment, CASE WHEN after_p = p + "
        + WEEK + " THEN after_seg ELSE " + NO_ACTIVITY + " END AS to_segment, lo, hi FROM s\n"
        + "  UNION ALL SELECT p - " + WEEK + ", p, " + NO_ACTIVITY + ", seg, lo, hi FROM s\n"
        + "  WHERE before_p IS NULL OR before_p < p - " + WEEK + ")\n"
        + "SELECT from_period, to_period, from_segment, to_segment, COUNT(*) AS users FROM t "
        + "WHERE from_period >= lo AND to_period <= hi GROUP BY from_period, to_period, from_segment, to_segment";
  }

  /**
   * {@code segments.engagement_tipping_points}: the {@link #tippingAnalysis}, none chosen (the rules have no
   * thresholds).
   */
  String tippingPoints() {
    return tippingAnalysis() + "\n" + tippingColumns("FALSE") + " FROM k";
  }

  /** {@code segments.viewing_auto_tipping_points}: the {@link #tippingAnalysis}, marking the two chosen thresholds. */
  String chosenTippingPoints() {
    return tippingAnalysis() + ",\n" + chosen() + "\n" + tippingColumns("r.rk IS NOT NULL AND r.rk <= 2")
        + " FROM r";
  }

  /** The columns of a tipping points table over {@code k}'s (or {@code r}'s) counts, {@code chosen} as given. */
  private static String tippingColumns(String chosen) {
    final String rateAbove = "CAST(above_hits AS DOUBLE PRECISION) / above";
    final String rateBelow = "CAST(below_hits AS DOUBLE PRECISION) / below";
    return "SELECT threshold, above AS users_at_or_above, CASE WHEN above > 0 THEN " + rateAbove + " END, below, "
        + "CASE WHEN below > 0 THEN " + rateBelow + " END, CASE WHEN above > 0 AND below_hits > 0 THEN (" + rateAbove
        + ") / (" + rateBelow + ") END, " + chosen + " AS chosen";
  }

  /**
   * The tipping point's counts as the CTE {@code k} (and those before it): per user and week the views and whether
   * the user paid, the next week's payment by LEAD, then users per number of views, summed per threshold.
   */
  private String tippingAnalysis() {
    final String over = " OVER (PARTITION BY a.user_id ORDER BY a.p)";
    return "WITH a AS (SELECT user_id, p, SUM(CASE WHEN event_name = '" + ShopModel.VIEW + "' THEN 1 ELSE 0 END) AS f, "
        + "MAX(CASE WHEN event_name = '" + ShopModel.PAID + "' THEN 1 ELSE 0 END) AS o FROM (SELECT user_id, "
        + week("ts") + " AS p, event_name FROM events) e GROUP BY user_id, p),\n"
        + "u AS (SELECT a.f, a.p, CASE WHEN LEAD(a.p)" + over + " = a.p + " + WEEK + " AND LEAD(a.o)" + over
        + " = 1 THEN 1 ELSE 0 END AS hit, MAX(a.p) OVER () AS hi FROM a),\n"
        + "s AS (SELECT f, COUNT(*) AS n, SUM(hit) AS h FROM u WHERE p < hi GROUP BY f),\n"
        + "k AS (SELECT t.threshold, SUM(CASE WHEN s.f >= t.threshold THEN s.n ELSE 0 END) AS above, "
        + "SUM(CASE WHEN s.f >= t.threshold THEN s.h ELSE 0 END) AS above_hits, "
        + "SUM(CASE WHEN s.f < t.threshold THEN s.n ELSE 0 END) AS below, "
        + "SUM(CASE WHEN s.f < t.threshold THEN s.h ELSE 0 END) AS below_hits FROM " + values(1, ShopModel.TIPPING_MAX)
        + " AS t(threshold) CROSS JOIN s GROUP BY t.threshold)";
  }

  /** Each user's cohort week (first view) and the distinct weeks of their payments, as {@code f} and {@code r}. */
  private String entriesAndReturns() {
    return "WITH f AS (SELECT user_id, " + week("MIN(ts)") + " AS cp FROM events WHERE event_name = '"
        + ShopModel.VIEW + "' GROUP BY user_id),\n"
        + "r AS (SELECT DISTINCT user_id, " + week("ts") + " AS p FROM events WHERE event_name = '" + ShopModel.PAID
        + "')\n";
  }

  private static String withinCohort() {
    return "r.p >= f.cp AND r.p <= f.cp + INTERVAL '" + 7 * ShopModel.COHORT_PERIODS + "' DAY";
  }

  /** The trend's step-1 users: per ISO week, the users with a step-1 event in it. */
  String stepOneUsersByWeek() {
    return "SELECT " + week("ts") + " AS p, COUNT(DISTINCT user_id) AS users FROM events WHERE event_name = "
        + FunnelShape.step(0) + " AND ts IS NOT NULL GROUP BY " + week("ts");
  }

  /** How many event names are none of the funnel's steps. */
  String otherEventNames() {
    return "SELECT COUNT(DISTINCT event_name) FROM events WHERE event_name NOT IN (" + FunnelShape.inList() + ")";
  }

  /**
   * The events the drivers table reads, as the store would send them to any client that weighs them per user: every
   * row's user, time and event name, ordered by user.
   */
  String eventsByUser() {
    return "SELECT user_id, ts, event_name FROM events ORDER BY user_id";
  }

  /** {@code cohorts.<c>}: {@code (user_id, cohort_period, period_offset, period_start)}. */
  /**
   * {@code paths.<p>}: each user's events in (time, name) order with consecutive repeats merged, from the first cart
   * add on for the path's depth, the most common nodes per depth kept by name (ties by name) and the others
   * {@code other}, then one row per edge with its users and their share of the users with a path. Windows only, no
   * join: H2 joins common table expressions without an index, row by row.
   */
  String pathEdges() {
    final String start = FunnelShape.step(1);
    return "WITH o AS (SELECT user_id, event_name AS node, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts, "
        + "event_name) AS rn, LAG(event_name) OVER (PARTITION BY user_id ORDER BY ts, event_name) AS prev "
        + "FROM events WHERE ts IS NOT NULL AND event_name IS NOT NULL),\n"
        + "c AS (SELECT user_id, node, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY rn) AS pos FROM o "
        + "WHERE prev IS NULL OR prev <> node),\n"
        + "s AS (SELECT user_id, node, pos, MIN(CASE WHEN node = " + start + " THEN pos END) "
        + "OVER (PARTITION BY user_id) AS p0 FROM c),\n"
        + "p AS (SELECT user_id, node, pos - p0 + 1 AS depth FROM s WHERE pos >= p0 AND pos < p0 + "
        + ShopModel.PATH_STEPS + "),\n"
        + "k AS (SELECT user_id, node, depth, COUNT(*) OVER (PARTITION BY depth, node) AS cnt, "
        + "COUNT(CASE WHEN depth = 1 THEN 1 END) OVER () AS starters FROM p),\n"
        + labelsAndEdges("user_id", "COUNT(*)");
  }

  /**
   * The end of {@link #pathEdges} and {@link #sessionPathEdges} from {@code k} (user, node, depth, the node's users
   * at that depth {@code cnt}, the users with a path {@code starters}; per session also {@code s}): each depth's nodes
   * ranked by users (ties by name), those past the top renamed {@code other}, then the edges of each path, counted
   * with {@code users}.
   */
  private static String labelsAndEdges(String path, String users) {
    return "q AS (SELECT k.*, DENSE_RANK() OVER (PARTITION BY depth ORDER BY cnt DESC, node) AS r FROM k),\n"
        + "l AS (SELECT q.*, CASE WHEN r <= " + ShopModel.PATH_TOP + " THEN node ELSE 'other' END AS label FROM q),\n"
        + "e AS (SELECT user_id, depth, starters, label AS src, LEAD(label) OVER (PARTITION BY " + path
        + " ORDER BY depth) AS tgt FROM l),\n"
        + "g AS (SELECT depth, src, tgt, starters, " + users + " AS users FROM e WHERE tgt IS NOT NULL "
        + "GROUP BY depth, src, tgt, starters)\n"
        + "SELECT CAST(depth AS VARCHAR) || '. ' || src AS source, "
        + "CAST(depth + 1 AS VARCHAR) || '. ' || tgt AS target, "
        + "depth, users, CAST(users AS DOUBLE PRECISION) / CAST(starters AS DOUBLE PRECISION) AS share_of_start "
        + "FROM g";
  }

  /**
   * {@code paths.<p>} per session: each user's events cut into sessions where the time since the previous event is
   * more than the gap ({@code LAG}, then a running {@code SUM} of the session starts: events at one instant never
   * split), then each session's path as {@link #pathEdges} builds a user's; nodes ranked and edges counted by distinct
   * users (a user whose sessions share an edge counts once), the share over the users with a path.
   */
  String sessionPathEdges() {
    final String start = FunnelShape.step(1);
    final String gap = "INTERVAL '" + ShopModel.SESSION_GAP_MINUTES + "' MINUTE";
    return "WITH b AS (SELECT user_id, ts, event_name, CASE WHEN LAG(ts) OVER (PARTITION BY user_id ORDER BY ts) IS "
        + "NULL OR ts > LAG(ts) OVER (PARTITION BY user_id ORDER BY ts) + " + gap + " THEN 1 ELSE 0 END AS new_session "
        + "FROM events WHERE ts IS NOT NULL),\n"
        + "v AS (SELECT user_id, ts, event_name, SUM(new_session) OVER (PARTITION BY user_id ORDER BY ts) AS s "
        + "FROM b),\n"
        + "o AS (SELECT user_id, s, event_name AS node, ROW_NUMBER() OVER (PARTITION BY user_id, s ORDER BY ts, "
        + "event_name) AS rn, LAG(event_name) OVER (PARTITION BY user_id, s ORDER BY ts, event_name) AS prev FROM v "
        + "WHERE event_name IS NOT NULL),\n"
        + "c AS (SELECT user_id, s, node, ROW_NUMBER() OVER (PARTITION BY user_id, s ORDER BY rn) AS pos FROM o "
        + "WHERE prev IS NULL OR prev <> node),\n"
        + "x AS (SELECT user_id, s, node, pos, MIN(CASE WHEN node = " + start + " THEN pos END) "
        + "OVER (PARTITION BY user_id, s) AS p0 FROM c),\n"
        + "p AS (SELECT user_id, s, node, pos - p0 + 1 AS depth FROM x WHERE pos >= p0 AND pos < p0 + "
        + ShopModel.PATH_STEPS + "),\n"
        // A user counts once per node and depth, and once among those with a path, whatever their sessions.
        + "f AS (SELECT user_id, s, node, depth, ROW_NUMBER() OVER (PARTITION BY depth, node, user_id ORDER BY s) "
        + "AS nth, ROW_NUMBER() OVER (PARTITION BY depth, user_id ORDER BY s, node) AS nth_at_depth FROM p),\n"
        + "k AS (SELECT user_id, s, node, depth, SUM(CASE WHEN nth = 1 THEN 1 ELSE 0 END) OVER (PARTITION BY depth, "
        + "node) AS cnt, SUM(CASE WHEN depth = 1 AND nth_at_depth = 1 THEN 1 ELSE 0 END) OVER () AS starters "
        + "FROM f),\n"
        + labelsAndEdges("user_id, s", "COUNT(DISTINCT user_id)");
  }

  /**
   * {@code SEQUENCE_NEXT_NODE('forward', 'first_match', …)} by hand: each user's events numbered in (time, name)
   * order with the next one's name ({@code LEAD}), the first {@code event}'s number, and that row's next name; users
   * without one, or with nothing after it, count under NULL. Windows, not joins (see {@link #pathEdges}).
   */
  String nextEventAfterFirst(String event) {
    return "WITH o AS (SELECT user_id, event_name, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts, event_name) "
        + "AS rn, LEAD(event_name) OVER (PARTITION BY user_id ORDER BY ts, event_name) AS nxt FROM events "
        + "WHERE ts IS NOT NULL AND event_name IS NOT NULL),\n"
        + "f AS (SELECT user_id, rn, nxt, MIN(CASE WHEN event_name = " + event + " THEN rn END) "
        + "OVER (PARTITION BY user_id) AS r FROM o),\n"
        + "v AS (SELECT user_id, MAX(CASE WHEN rn = r THEN nxt END) AS nxt FROM f GROUP BY user_id)\n"
        + "SELECT nxt, COUNT(*) AS users FROM v GROUP BY nxt";
  }


  String cohort() {
    return entriesAndReturns() + "SELECT f.user_id, f.cp AS cohort_period, " + weeksBetween("f.cp", "r.p")
        + " AS period_offset, r.p AS period_start FROM f JOIN r ON r.user_id = f.user_id WHERE " + withinCohort();
  }

  /**
   * {@code cohorts.<c>_matrix}: users per cohort week and offset, on the grid of offsets whose week has started by
   * the latest event (zeros included).
   */
  String matrix() {
    return entriesAndReturns()
        + ", a AS (SELECT f.cp, " + weeksBetween("f.cp", "r.p") + " AS k, COUNT(*) AS n FROM f JOIN r ON "
        + "r.user_id = f.user_id WHERE " + withinCohort() + " GROUP BY f.cp, r.p),\n"
        + "s AS (SELECT cp, COUNT(*) AS cu FROM f GROUP BY cp),\n"
        + "g AS (SELECT s.cp, o.k, s.cu FROM s CROSS JOIN " + values(0, ShopModel.COHORT_PERIODS) + " AS o(k) CROSS "
        + "JOIN (SELECT " + week("MAX(ts)") + " AS last_p FROM events) l WHERE o.k <= " + weeksBetween("s.cp",
        "l.last_p") + ")\n"
        + "SELECT g.cp AS cohort_period, g.k AS period_offset, g.cu AS cohort_users, COALESCE(a.n, 0) AS users, "
        + "CAST(COALESCE(a.n, 0) AS DOUBLE PRECISION) / g.cu AS retention_rate FROM g LEFT JOIN a ON a.cp = g.cp "
        + "AND a.k = g.k";
  }

  /**
   * Not a baseline but the reference of a funnel breakdown: users per segment and funnel level (1..N), from B1's
   * exact levels joined with the hand-written membership.
   */
  String breakdownLevels(String segmentation) {
    return BaselineQueries.latestStartLevels() + "SELECT m.segment, lv.lvl, COUNT(*) FROM lv JOIN ("
        + membership(segmentation) + ") m ON m.user_id = lv.user_id WHERE lv.lvl >= 1 GROUP BY m.segment, lv.lvl";
  }

  /** {@code (VALUES (from), …, (to))}. */
  private static String values(int from, int to) {
    final List<String> rows = new ArrayList<>();
    for (int k = from; k <= to; k++) {
      rows.add("(" + k + ")");
    }
    return "(VALUES " + String.join(", ", rows) + ")";
  }
}
