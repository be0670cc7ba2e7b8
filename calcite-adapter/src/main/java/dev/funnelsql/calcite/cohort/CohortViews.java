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

  /** The cell of a member's row that counts it in its cohort's size, below every offset. */
  private static final int SIZE = -1;

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
    return eventsWhere(cohort.entry(), events);
  }

  /** {@code FROM … WHERE}: the events that meet {@code condition} and have a user and a time. */
  private static String eventsWhere(String condition, EventsRelation events) {
    return " FROM " + events.from() + " WHERE " + condition + " AND " + events.user() + " IS NOT NULL AND "
        + events.time() + " IS NOT NULL";
  }

  /**
   * The SQL of {@code cohorts.<c>}. Return events are first reduced to distinct (user, period) in the store, so the
   * join with the cohort users gives each active period once, with no DISTINCT over it.
   */
  public static String detailSql(CohortDefinition cohort, EventsRelation events) {
    final String offset = offset(cohort);
    return "SELECT c.\"user_id\", c.\"cohort_period\", " + offset + " AS \"period_offset\", r.\"p\" AS "
        + "\"period_start\" FROM (" + members(cohort, events) + ") AS c JOIN (" + returns(cohort, events) + ") AS r ON "
        + "r.\"u\" = c.\"user_id\" WHERE " + offset + " BETWEEN 0 AND " + cohort.periods();
  }

  /** The distinct (user, period) of the return events: columns {@code u} and {@code p}. */
  private static String returns(CohortDefinition cohort, EventsRelation events) {
    return "SELECT DISTINCT " + events.user() + " AS \"u\", PERIOD_START(" + events.time() + ", "
        + SqlText.literal(cohort.unit()) + ") AS \"p\"" + eventsWhere(cohort.returning(), events);
  }

  /** The offset of a return's period {@code r.p} from its member's cohort period {@code c.cohort_period}. */
  private static String offset(CohortDefinition cohort) {
    return PeriodSql.startsBetween("c.\"cohort_period\"", "r.\"p\"", SqlText.literal(cohort.unit()));
  }

  /**
   * The SQL of {@code cohorts.<c>_matrix}: the overall rows (breakdown and segment NULL), then those of each
   * breakdown, per segment of its membership (NULL for members it gives none).
   */
  public static String matrixSql(CohortDefinition cohort, EventsRelation events) {
    final StringBuilder sql = new StringBuilder(matrixSql(cohort, events, null));
    for (Segmentation breakdown : cohort.breakdowns()) {
      sql.append(" UNION ALL ").append(matrixSql(cohort, events, breakdown));
    }
    return ViewTables.ordered(sql.toString(), "7 NULLS FIRST, 8, 1, 2");
  }

  /**
   * One breakdown's matrix (or the overall one), reading the members once, as hand-written SQL names them once in a
   * CTE: each member meets its returns within the periods, each at its offset, and one row more, whose period is
   * NULL, at the cell {@value #SIZE} that counts it in its cohort's size (the row every returning user adds to the
   * returns, or the row an outer join gives a member without returns). The store counts the users per cohort period,
   * segment and cell ({@link #cells}), and only those few rows meet the grid of observable offsets, which takes each
   * cohort's size from its {@value #SIZE} row and each cell's users from the row of that cell (0 where there is none:
   * every counted cell is observable, as its return came by the last event).
   */
  private static String matrixSql(CohortDefinition cohort, EventsRelation events,
      @Nullable Segmentation breakdown) {
    final String unit = SqlText.literal(cohort.unit());
    final List<Bracket> cells = cohort.retention() == RetentionKind.BRACKET ? cohort.brackets() : everyOffset(cohort);
    final StringJoiner offsets = new StringJoiner(", ", "(VALUES ", ") AS o(\"k\", \"k_end\")");
    cells.forEach(cell -> offsets.add("(" + cell.from() + ", " + cell.to() + ")"));
    final String segment = breakdown == null ? "CAST(NULL AS VARCHAR)" : "s.\"segment\"";
    final String keyed = "(" + members(cohort, events) + ") AS c" + (breakdown == null ? "" : " LEFT JOIN ("
        + breakdown.membershipSql(events) + ") AS s ON s.\"user_id\" = c.\"user_id\"");
    final String offset = offset(cohort);
    final String everyReturner = "SELECT DISTINCT " + events.user() + " AS \"u\", CAST(NULL AS TIMESTAMP) AS \"p\""
        + eventsWhere(cohort.returning(), events);
    final String period = "r.\"p\"";
    final String rows = "SELECT c.\"user_id\", c.\"cohort_period\", " + segment + " AS \"segment\", CASE WHEN "
        + period + " IS NULL THEN 0 ELSE 1 END AS \"returned\", CASE WHEN " + period + " IS NULL THEN " + SIZE
        + " ELSE " + offset + " END AS \"k\" FROM " + keyed + " LEFT JOIN (" + returns(cohort, events)
        + " UNION ALL " + everyReturner + ") AS r ON r.\"u\" = c.\"user_id\" WHERE " + period + " IS NULL OR "
        + offset + " BETWEEN 0 AND " + cohort.periods();
    final String counted = "SELECT g.\"cohort_period\", g.\"segment\", g.\"k\", COUNT(*) AS \"n\" FROM ("
        + cells(cohort, rows) + ") AS g GROUP BY g.\"cohort_period\", g.\"segment\", g.\"k\"";
    final String observable = "SELECT g.\"cohort_period\", g.\"segment\", g.\"k\", g.\"n\", "
        + PeriodSql.startsBetween("g.\"cohort_period\"", PeriodSql.wallClock("l.\"last_at\""), unit)
        + " AS \"observable\" FROM (SELECT MAX(" + events.time() + ") AS \"last_at\" FROM " + events.from()
        + ") AS l CROSS JOIN (" + counted + ") AS g";
    final String grid = "SELECT g.\"cohort_period\", g.\"segment\", CAST(o.\"k\" AS BIGINT) AS \"period_offset\", "
        + "MAX(CASE WHEN g.\"k\" = " + SIZE + " THEN g.\"n\" END) AS \"cohort_users\", SUM(CASE WHEN g.\"k\" = "
        + "o.\"k\" THEN g.\"n\" ELSE 0 END) AS \"users\" FROM (" + observable + ") AS g CROSS JOIN " + offsets
        + " WHERE g.\"k\" = " + SIZE + " AND o.\"k\" <= g.\"observable\" OR g.\"k\" = o.\"k\" GROUP BY "
        + "g.\"cohort_period\", g.\"segment\", o.\"k\"";
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
        : SqlText.varchar(breakdown.name())) + " AS \"breakdown\", m.\"segment\" FROM (" + grid + ") AS m";
  }

  /**
   * Each member's cells over {@code rows} (user, cohort period, segment, {@code returned}, offset {@code k}): the
   * {@value #SIZE} row, and with {@code n_day} retention every offset with a return; with {@code unbounded} the
   * last such offset; with {@code bracket} each bracket holding one, as the bracket's first offset.
   */
  private static String cells(CohortDefinition cohort, String rows) {
    if (cohort.retention() == RetentionKind.UNBOUNDED) {
      return "SELECT u.\"cohort_period\", u.\"segment\", MAX(u.\"k\") AS \"k\" FROM (" + rows + ") AS u GROUP BY "
          + "u.\"user_id\", u.\"cohort_period\", u.\"segment\", u.\"returned\"";
    }
    if (cohort.retention() == RetentionKind.BRACKET) {
      final StringBuilder bracket = new StringBuilder("CASE WHEN u.\"k\" = " + SIZE + " THEN " + SIZE);
      cohort.brackets().forEach(b -> bracket.append(" WHEN u.\"k\" BETWEEN ").append(b.from()).append(" AND ")
          .append(b.to()).append(" THEN ").append(b.from()));
      bracket.append(" END");
      return "SELECT DISTINCT u.\"user_id\", u.\"cohort_period\", u.\"segment\", " + bracket + " AS \"k\" FROM ("
          + rows + ") AS u WHERE " + bracket + " IS NOT NULL";
    }
    return rows;
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
