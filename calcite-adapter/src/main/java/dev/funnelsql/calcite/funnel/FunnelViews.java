package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.schema.ViewTables;
import dev.funnelsql.functions.funnel.FunnelMode;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of a funnel's virtual tables. {@code funnels.<f>} has one row per user per step reached, from {@code
 * FUNNEL_TIMES} joined to the list of steps; {@code funnels.<f>_summary} aggregates it per step, overall and per
 * segment of each breakdown, in the shape funnel charts take, and {@code funnels.<f>_chart} is the overall funnel as
 * the two columns (step label, users) that Metabase's funnel chart takes as they come.
 */
public final class FunnelViews {
  private FunnelViews() {
  }

  /** The column names of {@code funnels.<f>} before the segmentation columns. */
  public static final List<String> DETAIL_COLUMNS =
      List.of("user_id", "step", "step_name", "entered_at", "reached_at", "seconds_since_entry");

  /** The column names of {@code funnels.<f>_chart}. */
  public static final List<String> CHART_COLUMNS = List.of("step_label", "users");

  /** The column names of {@code funnels.<f>_summary}. */
  public static final List<String> SUMMARY_COLUMNS = List.of("step", "step_name", "step_label", "breakdown",
      "segment", "users", "conversion_from_start", "conversion_from_previous", "drop_off",
      "median_seconds_to_reach");

  /**
   * The SQL of {@code funnels.<f>}.
   *
   * @param funnel the funnel
   * @param events the events it reads
   * @param segmentations the segmentations of the model, one column each
   * @param temporal whether the time column is a timestamp or date (else an integer)
   */
  public static String detailSql(FunnelDefinition funnel, EventsRelation events, List<String> segmentations,
      boolean temporal) {
    final StringJoiner conditions = new StringJoiner(", ");
    funnel.conditions().forEach(conditions::add);
    final String window = Long.toString(funnel.windowSeconds());
    final String reached = "f.\"times\"[s.\"step\"]";
    final String entered = "f.\"times\"[1]";
    final StringBuilder sql = new StringBuilder("SELECT f.\"user_id\", s.\"step\", s.\"step_name\", ")
        .append(entered).append(" AS \"entered_at\", ").append(reached).append(" AS \"reached_at\", ")
        .append(temporal ? "TIMESTAMPDIFF(SECOND, " + entered + ", " + reached + ")"
            : "CAST(" + reached + " - " + entered + " AS BIGINT)")
        .append(" AS \"seconds_since_entry\"");
    for (String segmentation : segmentations) {
      sql.append(", SEGMENT_OF(").append(SqlText.literal(segmentation)).append(", f.\"user_id\") AS ")
          .append(SqlText.identifier(segmentation));
    }
    // Users none of whose rows is a step reach no step and get no row: only step rows need to be read, except
    // under strict_order, where the rows between steps matter.
    final String onlySteps = funnel.modes().contains(FunnelMode.STRICT_ORDER) ? ""
        : " WHERE " + String.join(" OR ", funnel.conditions());
    final String times = "SELECT " + events.user() + " AS \"user_id\", FUNNEL_TIMES(" + events.time() + ", " + window
        + ", " + funnel.modeArgument() + conditions + ") AS \"times\" FROM " + events.from() + onlySteps + " GROUP BY "
        + events.user();
    if (funnel.exclusions().isEmpty()) {
      sql.append(" FROM (").append(times).append(") AS f JOIN ").append(stepsValues(funnel)).append(" ON ")
          .append(reached).append(" IS NOT NULL");
    } else {
      sql.append(" FROM (SELECT c.\"user_id\", c.\"times\", ").append(cap(funnel, events))
          .append(" AS \"cap\" FROM (").append(times).append(") AS c) AS f JOIN ").append(stepsValues(funnel))
          .append(" ON s.\"step\" <= f.\"cap\" AND ").append(reached).append(" IS NOT NULL");
    }
    return sql.toString();
  }

  /**
   * The last step a user may keep: the {@code from} step of the earliest exclusion that happened between its steps,
   * else the number of steps.
   */
  private static String cap(FunnelDefinition funnel, EventsRelation events) {
    final List<FunnelDefinition.Exclusion> exclusions = new ArrayList<>(funnel.exclusions());
    exclusions.sort(java.util.Comparator.comparingInt(FunnelDefinition.Exclusion::from));
    final StringBuilder cap = new StringBuilder("CASE");
    for (FunnelDefinition.Exclusion exclusion : exclusions) {
      final StringJoiner upper = new StringJoiner(", ", "COALESCE(", ")");
      for (int step = exclusion.to(); step > exclusion.from(); step--) {
        upper.add("c.\"times\"[" + step + "]");
      }
      cap.append(" WHEN (SELECT COUNT(*) FROM ").append(events.from()).append(" AS x WHERE x.").append(events.user())
          .append(" = c.\"user_id\" AND ").append(exclusion.condition()).append(" AND x.").append(events.time())
          .append(" > c.\"times\"[").append(exclusion.from()).append("] AND x.").append(events.time()).append(" < ")
          .append(upper).append(") > 0 THEN ").append(exclusion.from());
    }
    return cap.append(" ELSE ").append(funnel.stepNames().size()).append(" END").toString();
  }

  private static String stepsValues(FunnelDefinition funnel) {
    final StringJoiner rows = new StringJoiner(", ", "(VALUES ", ") AS s(\"step\", \"step_name\")");
    for (int i = 0; i < funnel.stepNames().size(); i++) {
      rows.add("(" + (i + 1) + ", " + SqlText.varchar(funnel.stepNames().get(i)) + ")");
    }
    return rows.toString();
  }

  /**
   * The SQL of {@code funnels.<f>_summary} over the detail table {@code detail} (a quoted, qualified name): rows
   * for every step overall (breakdown and segment NULL), then for every step and segment of each breakdown, in that
   * order (breakdowns and segments by name, steps in funnel order).
   */
  public static String summarySql(FunnelDefinition funnel, String detail) {
    final List<String> parts = new ArrayList<>();
    parts.add(summaryPart(funnel, detail, null));
    for (String breakdown : funnel.breakdowns()) {
      parts.add(summaryPart(funnel, detail, breakdown));
    }
    return ViewTables.ordered("SELECT * FROM (" + String.join(" UNION ALL ", parts) + ") AS u",
        "u.\"breakdown\" NULLS FIRST, u.\"segment\" NULLS FIRST, u.\"step\"");
  }

  /**
   * The SQL of {@code funnels.<f>_chart} over the summary table {@code summary}: the overall rows, in step order
   * (which is the labels' order as text).
   */
  public static String chartSql(String summary) {
    return ViewTables.ordered("SELECT s.\"step_label\", s.\"users\" FROM " + summary
        + " AS s WHERE s.\"breakdown\" IS NULL", "s.\"step_label\"");
  }

  private static String summaryPart(FunnelDefinition funnel, String detail, String breakdown) {
    final String segment = breakdown == null ? "CAST(NULL AS VARCHAR)" : "d." + SqlText.identifier(breakdown);
    final String breakdownName = breakdown == null ? "CAST(NULL AS VARCHAR)" : SqlText.literal(breakdown);
    // Every step for every segment seen in the funnel, so that steps nobody reached still get a row.
    final String grid = "(SELECT s.\"step\", s.\"step_name\", g.\"segment\" FROM " + stepsValues(funnel)
        + " CROSS JOIN (SELECT DISTINCT " + segment + " AS \"segment\" FROM " + detail + " AS d) AS g)";
    final String counts = "(SELECT d.\"step\", " + segment + " AS \"segment\", COUNT(*) AS \"users\" FROM " + detail
        + " AS d GROUP BY d.\"step\", " + segment + ")";
    final String ranked = "(SELECT d.\"step\", " + segment + " AS \"segment\", d.\"seconds_since_entry\" AS \"secs\", "
        + "ROW_NUMBER() OVER (PARTITION BY d.\"step\", " + segment + " ORDER BY d.\"seconds_since_entry\") AS \"rn\", "
        + "COUNT(*) OVER (PARTITION BY d.\"step\", " + segment + ") AS \"n\" FROM " + detail + " AS d)";
    final String medians = "(SELECT r.\"step\", r.\"segment\", AVG(CAST(r.\"secs\" AS DOUBLE)) AS \"median\" FROM "
        + ranked + " AS r WHERE r.\"rn\" = (r.\"n\" + 1) / 2 OR r.\"rn\" = (r.\"n\" + 2) / 2 "
        + "GROUP BY r.\"step\", r.\"segment\")";
    final String users = "COALESCE(c.\"users\", 0)";
    final String partition = "PARTITION BY g.\"segment\" ORDER BY g.\"step\"";
    // Labels sort in funnel order as text too: with ten steps or more, 1-9 get a leading zero ("01. Visited").
    final String pad = funnel.stepNames().size() >= 10 ? "CASE WHEN g.\"step\" < 10 THEN '0' ELSE '' END || " : "";
    return "SELECT g.\"step\", g.\"step_name\", " + pad + "CAST(g.\"step\" AS VARCHAR) || '. ' || g.\"step_name\" AS "
        + "\"step_label\", " + breakdownName + " AS \"breakdown\", g.\"segment\", " + users + " AS \"users\", "
        + "CAST(" + users + " AS DOUBLE) / NULLIF(FIRST_VALUE(" + users + ") OVER (" + partition + "), 0) AS "
        + "\"conversion_from_start\", CASE WHEN g.\"step\" = 1 THEN CAST(1 AS DOUBLE) ELSE CAST(" + users
        + " AS DOUBLE) / NULLIF(LAG(" + users + ", 1) OVER (" + partition + "), 0) END AS "
        + "\"conversion_from_previous\", " + users + " - COALESCE(LEAD(" + users + ", 1) OVER (" + partition
        + "), 0) AS \"drop_off\", m.\"median\" AS \"median_seconds_to_reach\" FROM " + grid + " AS g LEFT JOIN "
        + counts + " AS c ON c.\"step\" = g.\"step\" AND " + same("c", "g") + " LEFT JOIN " + medians
        + " AS m ON m.\"step\" = g.\"step\" AND " + same("m", "g");
  }

  private static String same(String left, String right) {
    return "(" + left + ".\"segment\" = " + right + ".\"segment\" OR (" + left + ".\"segment\" IS NULL AND " + right
        + ".\"segment\" IS NULL))";
  }
}
