package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.functions.period.CalendarPeriod;
import java.util.Locale;

/** SQL pieces shared by the built-in segment kinds. */
final class KindSql {
  /** The alias of the column holding the latest event time of the store, unlikely to clash with a model column. */
  static final String NOW = "\"funnelsql$now\"";

  private KindSql() {
  }

  /** Every user with events: {@code (SELECT DISTINCT user AS "user_id" FROM events)}. */
  static String users(EventsRelation events) {
    return "(SELECT DISTINCT " + events.user() + " AS \"user_id\" FROM " + events.from() + ")";
  }

  /** One row, column {@link #NOW}: the latest event time of the relation. */
  static String latest(EventsRelation events) {
    return "(SELECT MAX(" + events.time() + ") AS " + NOW + " FROM " + events.from() + ")";
  }

  /** {@code WHEN condition THEN 'segment'} with the segment as a VARCHAR literal. */
  static String when(String condition, String segment) {
    return " WHEN " + condition + " THEN " + SqlText.varchar(segment);
  }

  /** The period unit as the SQL literal {@code PERIOD_START} takes, after checking it. */
  static String unit(String unit) {
    return SqlText.literal(CalendarPeriod.parse(unit).name().toLowerCase(Locale.ROOT));
  }
}
