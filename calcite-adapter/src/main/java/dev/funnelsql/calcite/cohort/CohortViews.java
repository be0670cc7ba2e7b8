package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.model.Bracket;
import dev.funnelsql.calcite.model.CohortEntries;
import dev.funnelsql.calcite.model.RetentionKind;
import dev.funnelsql.calcite.segment.Segmentation;
import dev.funnelsql.calcite.schema.PeriodSql;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.schema.ViewTables;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The SQL of a cohort's virtual tables. All bucketing is done by {@code PERIOD_START} and {@code PERIODS_BETWEEN}
 * (UTC calendar, ISO weeks), so every store gives the same periods.
 *
 * <p>A user belongs to the cohort of the period holding their first entry event (events with a NULL user or time
 * are ignored), or with {@code entries: recurring} to the cohort of every period holding one of their entry events.
 * {@code cohorts.<c>} has one row per member per period, at offset 0 (the cohort period itself) to {@code periods},
 * in which the user has a return event; the entry event counts as a return only if it also matches the return
 * condition. {@code cohorts.<c>_matrix} has one row per cohort period and offset (or bracket) that is observable,
 * that is whose (first) period has started by the latest event time in the store (the cohort period itself always
 * is), so a recent cohort shows no row rather than a false 0 for periods still to come; an observable cell nobody
 * returned in has {@code users} 0. With {@code n_day} retention {@code users} counts the members active in that very
 * period; with {@code unbounded} those active in that period or any later one up to {@code periods}; with
 * {@code bracket} those active in any period of the bracket ({@code period_offset} to {@code period_offset_end}).
 * Those are the overall rows ({@code breakdown} and {@code segment} NULL); each of the cohort's {@code breakdowns:}
 * adds the same rows per segment of its membership as of now (a funnel: the stage reached), members it gives no
 * segment under a NULL segment.
 */
public final class CohortViews {
  private CohortViews() {
  }

  /** The column names of {@code cohorts.<c>}. */
  public static final List<String> DETAIL_COLUMNS = List.of("user_id", "cohort_period", "period_offset",
      "period_start");

  /** The column names of {@code cohorts.<c>_matrix}. */
  public static final List<String> MATRIX_COLUMNS = List.of("cohort_period", "period_offset", "cohort_users",
      "users", "retention_rate", "period_offset_end", "breakdown", "segment");

  /**
   * The cohort's members: columns {@code user_id}, {@code cohort_period}; the period of each user's first entry event,
   * or with {@code entries: recurring} every period in which the user has one.
   */
  private static String members(CohortDefinition cohort, EventsRelation events) {
    if (cohort.entries() == CohortEntries.RECURRING) {
      return "SELECT DISTINCT " + events.user() + " AS \"user_id\", PERIOD_START(" + events.time() + ", "
          + SqlText.literal(cohort.unit()) + ") AS \"cohort_period\"" + entryEvents(cohort, events);
    }
    return firstEntries(cohort, events);
  }

  /** Each user's first entry: columns {@code user_id} and {@code cohort_period}, the period of that event. */
  static String firstEntries(CohortDefinition cohort, EventsRelation events) {
    return "SELECT " + events.user() + " AS \"user_id\", PERIOD_START(MIN(" + events.time() + "), "
        + SqlText.literal(cohort.unit()) + ") AS \"cohort_period\"" + entryEvents(cohort, events) + " GROUP BY "
        + events.user();
  }

  /** {@code FROM … WHERE}: the entry events with a user and a time. */
  private static String entryEvents(CohortDefinition cohort, EventsRelation events) {
    return " FROM " + events.from() + " WHERE " + cohort.entry() + " AND " + events.user() + " IS NOT NULL AND "
        + events.time() + " IS NOT NULL";
  }

  /**
   * The SQL of {@code cohorts.<c>}. Return events are first reduced to distinct (user, period) in the store, so the
   * join with the cohort users gives each active period once, with no DISTINCT over it.
   */
  public static String detailSql(CohortDefinition cohort, EventsRelation events) {
    final String unit = SqlText.literal(cohort.unit());
    final String returns = "SELECT DISTINCT " + events.user() + " AS \"u\", PERIOD_START(" + events.time() + ", "
        + unit + ") AS \"p\" FROM " + events.from() + " WHERE " + cohort.returning() + " AND " + events.user()
        + " IS NOT NULL AND " + events.time() + " IS NOT NULL";
    final String offset = PeriodSql.startsBetween("c.\"cohort_period\"", "r.\"p\"", unit);
    return "SELECT c.\"user_id\", c.\"cohort_period\", " + offset + " AS \"period_offset\", r.\"p\" AS "
        + "\"period_start\" FROM (" + members(cohort, events) + ") AS c JOIN (" + returns + ") AS r ON r.\"u\" = "
        + "c.\"user_id\" WHERE " + offset + " BETWEEN 0 AND " + cohort.periods();
  }

  /**
   * The SQL of {@code cohorts.<c>_matrix} over the detail table {@code detail} (a qualified table name): the overall
   * rows (breakdown and segment NULL), then those of each breakdown, per segment of its membership (NULL for members
   * it gives none).
   */
  public static String matrixSql(CohortDefinition cohort, EventsRelation events, String detail) {
    final StringBuilder sql = new StringBuilder(matrixSql(cohort, events, detail, null));
    for (Segmentation breakdown : cohort.breakdowns()) {
      sql.append(" UNION ALL ").append(matrixSql(cohort, events, detail, breakdown));
    }
    return ViewTables.ordered(sql.toString(), "7 NULLS FIRST, 8, 1, 2");
  }

  /**
   * One breakdown's matrix (or the overall one). The store counts the users per cohort period, segment and offset
   * (for {@code unbounded}, per last active offset; for {@code bracket}, per bracket) and sizes the cohorts; only
   * those per-cohort rows meet the grid of observable offsets.
   */
  private static String matrixSql(CohortDefinition cohort, EventsRelation events, String detail,
      @Nullable Segmentation breakdown) {
    final String unit = SqlText.literal(cohort.unit());
    final List<Bracket> cells = cohort.retention() == RetentionKind.BRACKET ? cohort.brackets() : everyOffset(cohort);
    final StringJoiner offsets = new StringJoiner(", ", "(VALUES ", ") AS o(\"k\", \"k_end\")");
    cells.forEach(cell -> offsets.add("(" + cell.from() + ", " + cell.to() + ")"));
    final String join = breakdown == null ? "" : " LEFT JOIN (" + breakdown.membershipSql(events) + ") AS s ON "
        + "s.\"user_id\" = ";
    final String segment = breakdown == null ? "CAST(NULL AS VARCHAR)" : "s.\"segment\"";
    final String keyed = "SELECT f.\"user_id\", f.\"cohort_period\", " + segment + " AS \"segment\" FROM ("
        + members(cohort, events) + ") AS f" + (breakdown == null ? "" : join + "f.\"user_id\"");
    final String sizes = "SELECT f.\"cohort_period\", f.\"segment\", COUNT(*) AS \"cohort_users\" FROM (" + keyed
        + ") AS f GROUP BY f.\"cohort_period\", f.\"segment\"";
    final String observable = "SELECT s.\"cohort_period\", s.\"segment\", s.\"cohort_users\", "
        + PeriodSql.startsBetween("s.\"cohort_period\"", PeriodSql.wallClock("l.\"last_at\""), unit)
        + " AS \"observable\" FROM (SELECT MAX(" + events.time() + ") AS \"last_at\" FROM " + events.from()
        + ") AS l CROSS JOIN (" + sizes + ") AS s";
    final String grid = "SELECT s.\"cohort_period\", s.\"segment\", CAST(o.\"k\" AS BIGINT) AS \"period_offset\", "
        + "s.\"cohort_users\" FROM (" + observable + ") AS s CROSS JOIN " + offsets + " WHERE o.\"k\" <= "
        + "s.\"observable\"";
    final String active = "SELECT d.\"user_id\", d.\"cohort_period\", d.\"period_offset\", " + segment
        + " AS \"segment\" FROM " + detail + " AS d" + (breakdown == null ? "" : join + "d.\"user_id\"");
    // Users per cohort period, segment and offset (n_day), last active offset (unbounded) or bracket: every such cell
    // is observable (its return event came by the last event), so a union with the grid's zeros, summed per cell,
    // gives every observable cell without joining per-cell counts to the grid.
    final String counts;
    if (cohort.retention() == RetentionKind.UNBOUNDED) {
      counts = "SELECT x.\"cohort_period\", x.\"segment\", x.\"last_offset\" AS \"period_offset\", COUNT(*) AS "
          + "\"users\" FROM (SELECT d.\"user_id\", d.\"cohort_period\", d.\"segment\", MAX(d.\"period_offset\") AS "
          + "\"last_offset\" FROM (" + active + ") AS d GROUP BY d.\"user_id\", d.\"cohort_period\", d.\"segment\") "
          + "AS x GROUP BY x.\"cohort_period\", x.\"segment\", x.\"last_offset\"";
    } else if (cohort.retention() == RetentionKind.BRACKET) {
      final StringBuilder bracket = new StringBuilder("CASE");
      cohort.brackets().forEach(b -> bracket.append(" WHEN d.\"period_offset\" BETWEEN ").append(b.from())
          .append(" AND ").append(b.to()).append(" THEN ").append(b.from()));
      bracket.append(" END");
      counts = "SELECT x.\"cohort_period\", x.\"segment\", x.\"period_offset\", COUNT(*) AS \"users\" FROM (SELECT "
          + "DISTINCT d.\"user_id\", d.\"cohort_period\", d.\"segment\", " + bracket + " AS \"period_offset\" FROM ("
          + active + ") AS d WHERE " + bracket + " IS NOT NULL) AS x GROUP BY x.\"cohort_period\", x.\"segment\", "
          + "x.\"period_offset\"";
    } else {
      counts = "SELECT d.\"cohort_period\", d.\"segment\", d.\"period_offset\", COUNT(*) AS \"users\" FROM ("
          + active + ") AS d GROUP BY d.\"cohort_period\", d.\"segment\", d.\"period_offset\"";
    }
    final String summed = "SELECT c.\"cohort_period\", c.\"segment\", c.\"period_offset\", MAX(c.\"cohort_users\") "
        + "AS \"cohort_users\", SUM(c.\"users\") AS \"users\" FROM (SELECT g.\"cohort_period\", g.\"segment\", "
        + "g.\"period_offset\", g.\"cohort_users\", 0 AS \"users\" FROM (" + grid + ") AS g UNION ALL SELECT "
        + "a.\"cohort_period\", a.\"segment\", CAST(a.\"period_offset\" AS BIGINT), CAST(NULL AS BIGINT), a.\"users\" "
        + "FROM (" + counts + ") AS a) AS c GROUP BY c.\"cohort_period\", c.\"segment\", c.\"period_offset\"";
    final String users = cohort.retention() == RetentionKind.UNBOUNDED
        ? "SUM(m.\"users\") OVER (PARTITION BY m.\"cohort_period\", m.\"segment\" ORDER BY m.\"period_offset\" DESC "
            + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
        : "m.\"users\"";
    final StringBuilder end = new StringBuilder("CASE m.\"period_offset\"");
    cells.forEach(cell -> end.append(" WHEN ").append(cell.from()).append(" THEN ").append(cell.to()));
    end.append(" END");
    return "SELECT m.\"cohort_period\", m.\"period_offset\", m.\"cohort_users\", CAST(" + users + " AS BIGINT) AS "
        + "\"users\", CAST(" + users + " AS DOUBLE) / m.\"cohort_users\" AS \"retention_rate\", CAST(" + end
        + " AS BIGINT) AS \"period_offset_end\", " + (breakdown == null ? "CAST(NULL AS VARCHAR)"
        : SqlText.varchar(breakdown.name())) + " AS \"breakdown\", m.\"segment\" FROM (" + summed + ") AS m";
  }

  /** Every offset 0..periods as a cell of its own. */
  private static List<Bracket> everyOffset(CohortDefinition cohort) {
    final List<Bracket> cells = new ArrayList<>();
    for (int k = 0; k <= cohort.periods(); k++) {
      cells.add(new Bracket(k, k));
    }
    return cells;
  }
}
