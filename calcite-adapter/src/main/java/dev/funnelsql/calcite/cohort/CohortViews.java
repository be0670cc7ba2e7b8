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

  /**
   * The users of the cohort with the period of their first entry event: columns {@code user_id},
   * {@code cohort_period}.
   */
  private static String firsts(CohortDefinition cohort, EventsRelation events) {
    return "SELECT " + events.user() + " AS \"user_id\", PERIOD_START(MIN(" + events.time() + "), "
        + SqlText.literal(cohort.unit()) + ") AS \"cohort_period\" FROM " + events.from() + " WHERE "
        + cohort.entry() + " AND " + events.user() + " IS NOT NULL AND " + events.time() + " IS NOT NULL GROUP BY "
        + events.user();
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
    final String offset = "PERIODS_BETWEEN(c.\"cohort_period\", r.\"p\", " + unit + ")";
    return "SELECT c.\"user_id\", c.\"cohort_period\", " + offset + " AS \"period_offset\", r.\"p\" AS "
        + "\"period_start\" FROM (" + firsts(cohort, events) + ") AS c JOIN (" + returns + ") AS r ON r.\"u\" = "
        + "c.\"user_id\" WHERE " + offset + " BETWEEN 0 AND " + cohort.periods();
  }

  /**
   * The SQL of {@code cohorts.<c>_matrix} over the detail table {@code detail} (a qualified table name). The store
   * counts the users per cohort period and offset (for {@code unbounded}, per cohort period and last active
   * offset) and sizes the cohorts; only those per-cohort rows meet the grid of observable offsets.
   */
  public static String matrixSql(CohortDefinition cohort, EventsRelation events, String detail) {
    final String unit = SqlText.literal(cohort.unit());
    final StringJoiner offsets = new StringJoiner(", ", "(VALUES ", ") AS o(\"k\")");
    for (int k = 0; k <= cohort.periods(); k++) {
      offsets.add("(" + k + ")");
    }
    final String sizes = "SELECT f.\"cohort_period\", COUNT(*) AS \"cohort_users\" FROM (" + firsts(cohort, events)
        + ") AS f GROUP BY f.\"cohort_period\"";
    final String observable = "SELECT s.\"cohort_period\", s.\"cohort_users\", PERIODS_BETWEEN(s.\"cohort_period\", "
        + "l.\"last_at\", " + unit + ") AS \"observable\" FROM (SELECT MAX(" + events.time() + ") AS \"last_at\" FROM "
        + events.from() + ") AS l CROSS JOIN (" + sizes + ") AS s";
    final String grid = "SELECT s.\"cohort_period\", CAST(o.\"k\" AS BIGINT) AS \"period_offset\", "
        + "s.\"cohort_users\" FROM (" + observable + ") AS s CROSS JOIN " + offsets + " WHERE o.\"k\" <= "
        + "s.\"observable\"";
    // Users per cohort period and offset (n_day), or per cohort period and last active offset (unbounded): every
    // such cell is observable (its return event came by the last event), so a union with the grid's zeros, summed
    // per cell, gives every observable cell without joining per-cell counts to the grid.
    final String counts;
    if (cohort.retention() == RetentionKind.UNBOUNDED) {
      counts = "SELECT x.\"cohort_period\", x.\"last_offset\" AS \"period_offset\", COUNT(*) AS \"users\" FROM ("
          + "SELECT d.\"user_id\", d.\"cohort_period\", MAX(d.\"period_offset\") AS \"last_offset\" FROM " + detail
          + " AS d GROUP BY d.\"user_id\", d.\"cohort_period\") AS x GROUP BY x.\"cohort_period\", x.\"last_offset\"";
    } else {
      counts = "SELECT d.\"cohort_period\", d.\"period_offset\", COUNT(*) AS \"users\" FROM " + detail + " AS d "
          + "GROUP BY d.\"cohort_period\", d.\"period_offset\"";
    }
    final String cells = "SELECT c.\"cohort_period\", c.\"period_offset\", MAX(c.\"cohort_users\") AS "
        + "\"cohort_users\", "
        + "SUM(c.\"users\") AS \"users\" FROM (SELECT g.\"cohort_period\", g.\"period_offset\", g.\"cohort_users\", "
        + "0 AS \"users\" FROM (" + grid + ") AS g UNION ALL SELECT a.\"cohort_period\", CAST(a.\"period_offset\" AS "
        + "BIGINT), CAST(NULL AS BIGINT), a.\"users\" FROM (" + counts + ") AS a) AS c GROUP BY c.\"cohort_period\", "
        + "c.\"period_offset\"";
    final String users = cohort.retention() == RetentionKind.UNBOUNDED
        ? "SUM(m.\"users\") OVER (PARTITION BY m.\"cohort_period\" ORDER BY m.\"period_offset\" DESC ROWS BETWEEN "
            + "UNBOUNDED PRECEDING AND CURRENT ROW)"
        : "m.\"users\"";
    return ViewTables.ordered("SELECT m.\"cohort_period\", m.\"period_offset\", m.\"cohort_users\", CAST(" + users
        + " AS BIGINT) AS \"users\", CAST(" + users + " AS DOUBLE) / m.\"cohort_users\" AS \"retention_rate\" FROM ("
        + cells + ") AS m", "1, 2");
  }
}
