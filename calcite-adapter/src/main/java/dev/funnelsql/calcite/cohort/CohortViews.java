package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.model.RetentionKind;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.schema.ViewTables;
import java.util.List;
import java.util.StringJoiner;

/**
 * The SQL of a cohort's virtual tables. All bucketing is done by {@code PERIOD_START} and {@code PERIODS_BETWEEN}
 * (UTC calendar, ISO weeks), so every store gives the same periods.
 *
 * <p>A user belongs to the cohort of the period holding their first entry event (events with a NULL user or time
 * are ignored). {@code cohorts.<c>} has one row per user per period, at offset 0 (the cohort period itself) to
 * {@code periods}, in which the user has a return event; the entry event counts as a return only if it also
 * matches the return condition. {@code cohorts.<c>_matrix} has one row per cohort period and offset that is
 * observable, that is whose period has started by the latest event time in the store (the cohort period itself
 * always is), so a recent cohort shows no row rather than a false 0 for periods still to come; an observable cell
 * nobody returned in has {@code users} 0. With {@code n_day} retention {@code users} counts the users active in
 * that very period; with {@code unbounded} those active in that period or any later one up to {@code periods}.
 */
public final class CohortViews {
  private CohortViews() {
  }

  /** The column names of {@code cohorts.<c>}. */
  public static final List<String> DETAIL_COLUMNS = List.of("user_id", "cohort_period", "period_offset",
      "period_start");

  /** The column names of {@code cohorts.<c>_matrix}. */
  public static final List<String> MATRIX_COLUMNS = List.of("cohort_period", "period_offset", "cohort_users",
      "users", "retention_rate");

  /** The users of the cohort with the time of their first entry event: columns {@code user_id}, {@code first_at}. */
  private static String firsts(CohortDefinition cohort, EventsRelation events) {
    return "SELECT " + events.user() + " AS \"user_id\", MIN(" + events.time() + ") AS \"first_at\" FROM "
        + events.from() + " WHERE " + cohort.entry() + " AND " + events.user() + " IS NOT NULL AND "
        + events.time() + " IS NOT NULL GROUP BY " + events.user();
  }

  /** The SQL of {@code cohorts.<c>}. */
  public static String detailSql(CohortDefinition cohort, EventsRelation events) {
    final String unit = SqlText.literal(cohort.unit());
    final String returns = "SELECT " + events.user() + " AS \"u\", " + events.time() + " AS \"t\" FROM "
        + events.from() + " WHERE " + cohort.returning() + " AND " + events.user() + " IS NOT NULL AND "
        + events.time() + " IS NOT NULL";
    return "SELECT DISTINCT a.\"user_id\", a.\"cohort_period\", a.\"period_offset\", a.\"period_start\" FROM ("
        + "SELECT c.\"user_id\", PERIOD_START(c.\"first_at\", " + unit + ") AS \"cohort_period\", "
        + "PERIODS_BETWEEN(c.\"first_at\", r.\"t\", " + unit + ") AS \"period_offset\", "
        + "PERIOD_START(r.\"t\", " + unit + ") AS \"period_start\" FROM (" + firsts(cohort, events) + ") AS c JOIN ("
        + returns + ") AS r ON r.\"u\" = c.\"user_id\") AS a WHERE a.\"period_offset\" BETWEEN 0 AND "
        + cohort.periods();
  }

  /**
   * The SQL of {@code cohorts.<c>_matrix} over the detail table {@code detail} (a quoted, qualified name), in the
   * order of cohort period, then offset.
   */
  public static String matrixSql(CohortDefinition cohort, EventsRelation events, String detail) {
    final String unit = SqlText.literal(cohort.unit());
    final StringJoiner offsets = new StringJoiner(", ", "(VALUES ", ") AS o(\"k\")");
    for (int k = 0; k <= cohort.periods(); k++) {
      offsets.add("(" + k + ")");
    }
    final String sizes = "SELECT PERIOD_START(f.\"first_at\", " + unit + ") AS \"cohort_period\", COUNT(*) AS "
        + "\"cohort_users\" FROM (" + firsts(cohort, events) + ") AS f GROUP BY PERIOD_START(f.\"first_at\", "
        + unit + ")";
    final String grid = "SELECT s.\"cohort_period\", CAST(o.\"k\" AS BIGINT) AS \"period_offset\", "
        + "s.\"cohort_users\" FROM (" + sizes + ") AS s CROSS JOIN " + offsets + " CROSS JOIN (SELECT MAX("
        + events.time() + ") AS \"last_at\" FROM " + events.from() + ") AS l WHERE o.\"k\" <= PERIODS_BETWEEN("
        + "s.\"cohort_period\", l.\"last_at\", " + unit + ")";
    final String active;
    if (cohort.retention() == RetentionKind.UNBOUNDED) {
      active = "(SELECT d0.\"user_id\", d0.\"cohort_period\", MAX(d0.\"period_offset\") AS \"last_offset\" FROM "
          + detail + " AS d0 GROUP BY d0.\"user_id\", d0.\"cohort_period\") AS d ON d.\"cohort_period\" = "
          + "g.\"cohort_period\" AND d.\"last_offset\" >= g.\"period_offset\"";
    } else {
      active = detail + " AS d ON d.\"cohort_period\" = g.\"cohort_period\" AND d.\"period_offset\" = "
          + "g.\"period_offset\"";
    }
    return ViewTables.ordered("SELECT g.\"cohort_period\", g.\"period_offset\", g.\"cohort_users\", "
        + "COUNT(d.\"user_id\") AS \"users\", CAST(COUNT(d.\"user_id\") AS DOUBLE) / g.\"cohort_users\" AS "
        + "\"retention_rate\" FROM (" + grid + ") AS g LEFT JOIN " + active + " GROUP BY g.\"cohort_period\", "
        + "g.\"period_offset\", g.\"cohort_users\"", "1, 2");
  }
}
