package dev.funnelsql.examples.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of {@link ShopModel} the tables mode times, in report order, each with its baseline and target (issue
 * 10): funnel tables (the trend and the time to convert too) against the bare {@code FUNNEL_STEP} query (1.3×), the
 * detail table without its segment columns against the function under it, {@code FUNNEL_TIMES} per user (1.3×), a
 * summary with breakdowns, and the detail table with its column of every segmentation, against {@code FUNNEL_STEP}
 * plus each of those memberships on the store (1.3×), the summary
 * with its breakdown taken at entry against {@code FUNNEL_STEP} plus that segment as of each user's first view (1.3×),
 * memberships, sizes and the rules check against the same hand-written SQL on the store (1.2×), transitions, tipping
 * points, cohorts and the paths (per user and per session) against the best hand-written SQL (1.5×), and the drivers
 * and the drop-off paths
 * against {@code FUNNEL_STEP} plus reading every event ordered by user (1.5×).
 */
final class ShopTables {
  /** The target of the funnel tables against {@code FUNNEL_STEP} (plus memberships). */
  static final double FUNNEL_TARGET = 1.3;
  /** The target of memberships, sizes and the rules check against the same SQL on the store. */
  static final double SEGMENT_TARGET = 1.2;
  /** The target of transitions, tipping points and cohorts against the best hand-written SQL. */
  static final double ANALYSIS_TARGET = 1.5;

  private ShopTables() {
  }

  /**
   * The tables, with the baselines in {@code store}'s SQL; the funnel's chart and summary also scoped to a week of
   * entries within {@code data}'s days, as a dashboard's date filter scopes them.
   */
  static List<ShopTable> of(ShopSql store, DataSpec data) {
    final String funnel = "funnels." + quoted(ShopModel.FUNNEL);
    final String summary = "funnels." + quoted(ShopModel.FUNNEL + "_summary");
    final BaselinePart funnelStep = BaselinePart.funnelStep();
    final List<ShopTable> tables = new ArrayList<>();
    // The detail table shows every segmentation as a column: a table with breakdowns, as the summary is.
    final List<BaselinePart> withEverySegmentation = new ArrayList<>(List.of(funnelStep));
    ShopModel.SEGMENTATIONS.forEach(segmentation -> withEverySegmentation.add(membership(store, segmentation)));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL, "SELECT * FROM " + funnel, withEverySegmentation,
        FUNNEL_TARGET, (row, answer) -> answer.merge(row.getString("step"), 1L, Long::sum),
        references -> reached(references.histogram())));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + " without segment columns", "SELECT \"user_id\", "
        + "\"step\", \"step_name\", \"entered_at\", \"reached_at\", \"seconds_since_entry\" FROM " + funnel,
        List.of(BaselinePart.funnelTimesPerUser()), FUNNEL_TARGET,
        (row, answer) -> answer.merge(row.getString("step"), 1L, Long::sum),
        references -> reached(references.histogram())));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_chart", "SELECT * FROM funnels."
        + quoted(ShopModel.FUNNEL + "_chart"), List.of(funnelStep), FUNNEL_TARGET,
        ShopTables::chartRow, references -> chart(references.histogram())));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_trend", "SELECT * FROM funnels."
        + quoted(ShopModel.FUNNEL + "_trend"), List.of(funnelStep), FUNNEL_TARGET, ShopTables::trendStepOne,
        TableReferences::stepOneUsersByWeek));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_time_to_convert", "SELECT * FROM funnels."
        + quoted(ShopModel.FUNNEL + "_time_to_convert"), List.of(funnelStep), FUNNEL_TARGET,
        (row, answer) -> answer.merge(row.getString("step"), row.getLong("users"), Long::sum),
        ShopTables::reachedAfterStepOne));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_drivers", "SELECT * FROM funnels."
        + quoted(ShopModel.FUNNEL + "_drivers"), List.of(funnelStep, BaselinePart.store("events by user",
        store.eventsByUser())), ANALYSIS_TARGET, (row, answer) -> answer.merge(row.getString("step"), 1L, Long::sum),
        TableReferences::otherEventNamesPerStep));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_paths", "SELECT * FROM funnels."
        + quoted(ShopModel.FUNNEL + "_paths"), List.of(funnelStep, BaselinePart.store("events by user",
        store.eventsByUser())), ANALYSIS_TARGET,
        (row, answer) -> answer.merge(row.getString("step"), row.getLong("users"), Long::sum), ShopTables::stopped));
    tables.add(new ShopTable("WINDOW_FUNNEL(…, 'default', …) histogram", "SELECT lvl, COUNT(*) AS users FROM ("
        + "SELECT user_id, WINDOW_FUNNEL(" + FunnelShape.WINDOW + ", 'default', ts, " + FunnelShape.conditions()
        + ") AS lvl FROM events WHERE event_name IN (" + FunnelShape.inList() + ") GROUP BY user_id) t GROUP BY lvl",
        List.of(BaselinePart.store("B1 window DP", BaselineQueries.latestStartWindowDp())), FUNNEL_TARGET,
        ShopTables::levelRow, ShopTables::levels));
    tables.add(rows("SEQUENCE_NEXT_NODE('forward', 'first_match', …) by next event", "SELECT nxt, COUNT(*) AS users "
        + "FROM (SELECT user_id, SEQUENCE_NEXT_NODE('forward', 'first_match', ts, event_name, TRUE, event_name = "
        + FunnelShape.step(1) + ") AS nxt FROM events GROUP BY user_id) t GROUP BY nxt",
        BaselinePart.store("next event SQL", store.nextEventAfterFirst(FunnelShape.step(1))), ANALYSIS_TARGET));
    final List<BaselinePart> withBreakdowns = new ArrayList<>(List.of(funnelStep));
    ShopModel.BREAKDOWNS.forEach(segmentation -> withBreakdowns.add(membership(store, segmentation)));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_summary", "SELECT * FROM " + summary, withBreakdowns,
        FUNNEL_TARGET, ShopTables::summaryRow, references -> summary(references, ShopModel.BREAKDOWNS)));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL_AT_ENTRY + "_summary", "SELECT * FROM funnels."
        + quoted(ShopModel.FUNNEL_AT_ENTRY + "_summary"), List.of(funnelStep, BaselinePart.store(
        "engagement at first view", store.engagementAtFirstView())), FUNNEL_TARGET,
        (row, answer) -> answer.merge(summaryKey(row.getString("breakdown"), null, row.getInt("step")),
            row.getLong("users"), Long::sum), ShopTables::everyUserInOneEngagement));
    final EntryRange week = EntryRange.lastWeekOf(data);
    final BaselinePart funnelStepInWeek = BaselinePart.funnelStep(week);
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_chart entered " + week.label(), "SELECT * FROM funnels."
        + quoted(ShopModel.FUNNEL + "_chart") + week.onEnteredAt(), List.of(funnelStepInWeek), FUNNEL_TARGET,
        ShopTables::chartRow, references -> chart(references.histogram(funnelStepInWeek))));
    final List<BaselinePart> inWeekWithBreakdowns = new ArrayList<>(List.of(funnelStepInWeek));
    ShopModel.BREAKDOWNS.forEach(segmentation -> inWeekWithBreakdowns.add(membership(store, segmentation)));
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_summary entered " + week.label(), "SELECT * FROM "
        + summary + week.onEnteredAt(), inWeekWithBreakdowns, FUNNEL_TARGET, (row, answer) -> {
          if (row.getString("breakdown") == null) {
            answer.merge(row.getString("step"), row.getLong("users"), Long::sum);
          }
        }, references -> reached(references.histogram(funnelStepInWeek))));
    final String one = ShopModel.BREAKDOWNS.get(0);
    tables.add(new ShopTable("funnels." + ShopModel.FUNNEL + "_summary WHERE breakdown = '" + one + "'",
        "SELECT * FROM " + summary + " WHERE \"breakdown\" = '" + one + "'",
        List.of(funnelStep, membership(store, one)), FUNNEL_TARGET, ShopTables::summaryRow,
        references -> onlyBreakdowns(summary(references, List.of(one)))));
    for (String segmentation : ShopModel.BREAKDOWNS) {
      tables.add(rows("segments." + segmentation, membership(store, segmentation), SEGMENT_TARGET));
      tables.add(rows("segments." + segmentation + "_sizes",
          BaselinePart.store("sizes " + segmentation, store.sizes(segmentation)), SEGMENT_TARGET));
    }
    for (String segmentation : List.of(ShopModel.FREQUENCY, ShopModel.FREQUENCY_AUTO)) {
      tables.add(rows("segments." + segmentation, membership(store, segmentation), SEGMENT_TARGET));
      tables.add(rows("segments." + segmentation + "_sizes", BaselinePart.store("sizes " + segmentation,
          store.sizes(segmentation)), SEGMENT_TARGET));
    }
    tables.add(rows("segments." + ShopModel.FREQUENCY_AUTO + "_tipping_points",
        BaselinePart.store("chosen tipping points SQL", store.chosenTippingPoints()), ANALYSIS_TARGET));
    final String rules = ShopModel.ENGAGEMENT;
    tables.add(new ShopTable("segments." + rules + "_check", "SELECT finding, segment, other_segment, users FROM "
        + quotedTable("segments." + rules + "_check"), List.of(BaselinePart.store("check SQL", store.check())),
        SEGMENT_TARGET, null, null));
    tables.add(rows("segments." + rules + "_trend", BaselinePart.store("trend SQL", store.trend()), ANALYSIS_TARGET));
    tables.add(rows("segments." + rules + "_history", BaselinePart.store("history SQL", store.history()),
        ANALYSIS_TARGET));
    tables.add(rows("segments." + rules + "_transitions",
        BaselinePart.store("transitions SQL", store.transitions()), ANALYSIS_TARGET));
    tables.add(rows("segments." + rules + "_tipping_points",
        BaselinePart.store("tipping points SQL", store.tippingPoints()), ANALYSIS_TARGET));
    tables.add(rows("cohorts." + ShopModel.COHORT, BaselinePart.store("cohort SQL", store.cohort()), ANALYSIS_TARGET));
    tables.add(new ShopTable("cohorts." + ShopModel.COHORT + "_matrix", "SELECT cohort_period, period_offset, "
        + "cohort_users, users, retention_rate FROM " + quotedTable("cohorts." + ShopModel.COHORT + "_matrix"),
        List.of(BaselinePart.store("matrix SQL", store.matrix())), ANALYSIS_TARGET, null, null));
    tables.add(rows("paths." + ShopModel.PATH, BaselinePart.store("paths SQL", store.pathEdges()), ANALYSIS_TARGET));
    tables.add(rows("paths." + ShopModel.SESSION_PATH, BaselinePart.store("session paths SQL",
        store.sessionPathEdges()), ANALYSIS_TARGET));
    return tables;
  }

  /** The membership of a segmentation as hand-written store SQL: a baseline of several tables, measured once. */
  static BaselinePart membership(ShopSql store, String segmentation) {
    return BaselinePart.store("membership " + segmentation, store.membership(segmentation));
  }

  /** A table whose rows must equal its one hand-written baseline's rows. */
  private static ShopTable rows(String table, BaselinePart baseline, double target) {
    return rows(table, "SELECT * FROM " + quotedTable(table), baseline, target);
  }

  /** A query whose rows must equal its one hand-written baseline's rows. */
  private static ShopTable rows(String name, String sql, BaselinePart baseline, double target) {
    return new ShopTable(name, sql, List.of(baseline), target, null, null);
  }

  /** A histogram row (level, users) under its level, level 0 left out (the baselines count its users apart). */
  private static void levelRow(java.sql.ResultSet row, Map<String, Long> answer) throws SQLException {
    if (row.getInt(1) > 0) {
      answer.put(Integer.toString(row.getInt(1)), row.getLong(2));
    }
  }

  /** The users at exactly each level 1..N of the funnel, from B1's histogram. */
  private static Map<String, Long> levels(TableReferences references) throws SQLException {
    final Histogram histogram = references.histogram();
    final Map<String, Long> answer = new TreeMap<>();
    for (int k = 1; k <= histogram.steps(); k++) {
      answer.put(Integer.toString(k), histogram.atLeast(k) - (k < histogram.steps() ? histogram.atLeast(k + 1) : 0));
    }
    return answer;
  }

  private static String quotedTable(String table) {
    final int dot = table.indexOf('.');
    return table.substring(0, dot + 1) + quoted(table.substring(dot + 1));
  }

  private static String quoted(String name) {
    return '"' + name + '"';
  }

  /** {@code funnels.<f>}: rows per step = users who reached at least that step. */
  private static Map<String, Long> reached(Histogram histogram) {
    final Map<String, Long> answer = new TreeMap<>();
    for (int k = 1; k <= histogram.steps(); k++) {
      answer.put(Integer.toString(k), histogram.atLeast(k));
    }
    return answer;
  }

  /** {@code funnels.<f>_paths}: per step before the last, the users whose chain stopped there. */
  private static Map<String, Long> stopped(TableReferences references) throws SQLException {
    final Histogram histogram = references.histogram();
    final Map<String, Long> answer = new TreeMap<>();
    for (int k = 1; k < histogram.steps(); k++) {
      answer.put(Integer.toString(k), histogram.atLeast(k) - histogram.atLeast(k + 1));
    }
    return answer;
  }

  /** A trend row's step-1 users under its period's first day. */
  private static void trendStepOne(java.sql.ResultSet row, Map<String, Long> answer) throws SQLException {
    if (row.getInt("step") == 1) {
      answer.put(row.getTimestamp("period_start").toLocalDateTime().toLocalDate().toString(), row.getLong("users"));
    }
  }

  /** {@code funnels.<f>_time_to_convert}: per step after the first, its buckets' users sum to those who reached it. */
  private static Map<String, Long> reachedAfterStepOne(TableReferences references) throws SQLException {
    final Map<String, Long> answer = reached(references.histogram());
    answer.remove("1");
    return answer;
  }

  /** A chart row's users under its step label. */
  private static void chartRow(java.sql.ResultSet row, Map<String, Long> answer) throws SQLException {
    answer.merge(row.getString("step_label"), row.getLong("users"), Long::sum);
  }

  /** {@code funnels.<f>_chart}: users per step label ({@code 1. Viewed product}). */
  private static Map<String, Long> chart(Histogram histogram) {
    final Map<String, Long> answer = new TreeMap<>();
    for (int k = 1; k <= histogram.steps(); k++) {
      answer.put(k + ". " + ShopModel.STEP_NAMES.get(k - 1), histogram.atLeast(k));
    }
    return answer;
  }

  /** A summary row's users under {@code breakdown|segment|step} (empty breakdown and segment: overall). */
  private static void summaryRow(java.sql.ResultSet row, Map<String, Long> answer) throws SQLException {
    answer.merge(summaryKey(row.getString("breakdown"), row.getString("segment"), row.getInt("step")),
        row.getLong("users"), Long::sum);
  }

  private static String summaryKey(String breakdown, String segment, int step) {
    return (breakdown == null ? "" : breakdown) + "|" + (segment == null ? "" : segment) + "|" + step;
  }

  /** {@code funnels.<f>_summary}: overall users per step, and per segment of each of {@code breakdowns}. */
  private static Map<String, Long> summary(TableReferences references, List<String> breakdowns)
      throws SQLException {
    final Map<String, Long> answer = new TreeMap<>();
    final Histogram histogram = references.histogram();
    for (int k = 1; k <= histogram.steps(); k++) {
      answer.put(summaryKey(null, null, k), histogram.atLeast(k));
    }
    for (String breakdown : breakdowns) {
      for (Map.Entry<String, long[]> segment : references.breakdown(breakdown).entrySet()) {
        final long[] exactly = segment.getValue();
        long atLeast = 0;
        for (int k = exactly.length - 1; k >= 1; k--) {
          atLeast += exactly[k];
          answer.put(summaryKey(breakdown, segment.getKey(), k), atLeast);
        }
      }
    }
    return answer;
  }

  /**
   * A summary broken down by the engagement alone, its segments summed per step: the users per step, overall and
   * again in the breakdown, since every user is in exactly one engagement segment at entry.
   */
  private static Map<String, Long> everyUserInOneEngagement(TableReferences references) throws SQLException {
    final Map<String, Long> answer = new TreeMap<>();
    final Histogram histogram = references.histogram();
    for (int k = 1; k <= histogram.steps(); k++) {
      answer.put(summaryKey(null, null, k), histogram.atLeast(k));
      answer.put(summaryKey(ShopModel.ENGAGEMENT, null, k), histogram.atLeast(k));
    }
    return answer;
  }

  /** The answer without its overall rows (a summary filtered to one breakdown). */
  private static Map<String, Long> onlyBreakdowns(Map<String, Long> answer) {
    answer.keySet().removeIf(key -> key.startsWith("|"));
    return answer;
  }
}
