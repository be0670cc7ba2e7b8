package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.calcite.segment.Segmentation;
import java.util.List;

/**
 * A cohort breakdown by a column of the events: each member's segment is the column's value, as text, on their
 * first entry event (first touch: the acquisition source of a signup); among entry events at that same first time,
 * the smallest value; a member whose first entry event has no value is in no segment.
 */
final class EntryColumnBreakdown implements Segmentation {
  private final String column;
  private final String entry;

  /**
   * @param column the events' column, as the model names it
   * @param entry the cohort's canonical entry condition
   */
  EntryColumnBreakdown(String column, String entry) {
    this.column = column;
    this.entry = entry;
  }

  @Override public String name() {
    return column;
  }

  @Override public List<String> segments() {
    return List.of();
  }

  @Override public boolean exhaustive() {
    return false;
  }

  /** The first entry time of each user, joined back to the entry rows at that time, as the property kind does. */
  @Override public String membershipSql(EventsRelation events) {
    final String entries = " FROM " + events.from() + " WHERE " + entry + " AND " + events.time() + " IS NOT NULL AND "
        + events.user() + " IS NOT NULL";
    return "SELECT e.\"user_id\", MIN(e.\"segment\") AS \"segment\" FROM (SELECT " + events.user() + " AS \"user_id\", "
        + events.time() + " AS \"time\", CAST(" + SqlText.identifier(column) + " AS VARCHAR) AS \"segment\"" + entries
        + ") AS e JOIN (SELECT " + events.user() + " AS \"user_id\", MIN(" + events.time() + ") AS \"time\"" + entries
        + " GROUP BY " + events.user() + ") AS m ON e.\"user_id\" = m.\"user_id\" AND e.\"time\" = m.\"time\" "
        + "GROUP BY e.\"user_id\"";
  }
}
