package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.PeriodSql;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** SQL pieces shared by the built-in segment kinds. */
final class KindSql {
  private static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
      .withZone(ZoneOffset.UTC);

  /** The alias of the column holding the latest event time of the store, unlikely to clash with a model column. */
  static final String NOW = "\"funnelsql$now\"";

  private KindSql() {
  }

  /** Every user with events: {@code (SELECT DISTINCT user AS "user_id" FROM events)}. */
  static String users(EventsRelation events) {
    return "(SELECT DISTINCT " + events.user() + " AS \"user_id\" FROM " + events.from() + ")";
  }

  /**
   * Every user (not NULL) with events in {@code events} and their segment in {@code membershipSql} (a query over
   * those events), NULL where it gives none: the users' rows (segment NULL) beside the membership's, grouped by user.
   * A join would cost H2 the membership again per user.
   */
  static String everyUser(EventsRelation events, String membershipSql) {
    final String users = "SELECT DISTINCT " + events.user() + " AS \"user_id\", CAST(NULL AS VARCHAR) AS "
        + "\"segment\" FROM " + events.from() + " WHERE " + events.user() + " IS NOT NULL";
    return "SELECT a.\"user_id\", MAX(a.\"segment\") AS \"segment\" FROM (" + users + " UNION ALL SELECT "
        + "m.\"user_id\", m.\"segment\" FROM (" + membershipSql + ") AS m WHERE m.\"user_id\" IS NOT NULL) AS a "
        + "GROUP BY a.\"user_id\"";
  }

  /**
   * The rows of a query of {@code user_id}, {@code since} and {@code segment} (a user's rows at one time, if several,
   * with one segment) where a user's segment changes: their first row, and each row whose segment differs from the
   * one before it.
   */
  static String changes(String segmentsSql) {
    final String window = " OVER (PARTITION BY s.\"user_id\" ORDER BY s.\"since\")";
    return "SELECT c.\"user_id\", c.\"since\", c.\"segment\" FROM (SELECT s.\"user_id\", s.\"since\", s.\"segment\", "
        + "LAG(s.\"since\")" + window + " AS \"before\", LAG(s.\"segment\")" + window + " AS \"previous\" FROM ("
        + segmentsSql + ") AS s) AS c WHERE c.\"before\" IS NULL OR c.\"segment\" IS DISTINCT FROM c.\"previous\"";
  }

  /**
   * One row, column {@link #NOW}: the latest event time of the relation. A query joins it first (on the left): H2
   * evaluates a derived table on a join's right side again for each row on its left when its URL turns off result
   * reuse ({@code OPTIMIZE_REUSE_RESULTS=FALSE} or {@code LAZY_QUERY_EXECUTION=TRUE}), a scan of every event each.
   */
  static String latest(EventsRelation events) {
    return "(SELECT MAX(" + events.time() + ") AS " + NOW + " FROM " + events.from() + ")";
  }

  /** {@code WHEN condition THEN 'segment'} with the segment as a VARCHAR literal. */
  static String when(String condition, String segment) {
    return " WHEN " + condition + " THEN " + SqlText.varchar(segment);
  }

  /**
   * {@code period} is the period {@code bound} or a later one, both period starts, as {@code PERIODS_BETWEEN} rather
   * than a comparison: H2 would take a comparison of a column of a joined one-row table (such as {@link #latest}) as
   * an index condition, join that table second and evaluate it again per row; it keeps the join order without one.
   *
   * @param unit the SQL literal of the period unit
   */
  static String notBefore(String period, String bound, String unit) {
    return PeriodSql.startsBetween(bound, period, unit) + " >= 0";
  }

  /** The one interval that moves a period start to the next period's start. */
  static String step(String unit) {
    return steps(unit, 1);
  }

  /** The interval of {@code count} periods. */
  static String steps(String unit, int count) {
    switch (CalendarPeriod.parse(unit)) {
      case HOUR:
        return "INTERVAL '" + count + "' HOUR";
      case DAY:
        return "INTERVAL '" + count + "' DAY";
      case MONTH:
        return "INTERVAL '" + count + "' MONTH";
      default:
        return "INTERVAL '" + (7 * count) + "' DAY";
    }
  }

  /** A TIMESTAMP as the text of its UTC wall time, {@code 2026-01-05 00:00:00.000}, as SQL literals and casts read. */
  static String timestampText(long epochMillis) {
    return TIMESTAMP_TEXT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** The period unit as the SQL literal {@code PERIOD_START} takes, after checking it. */
  static String unit(String unit) {
    return SqlText.literal(CalendarPeriod.parse(unit).name().toLowerCase(Locale.ROOT));
  }
}
