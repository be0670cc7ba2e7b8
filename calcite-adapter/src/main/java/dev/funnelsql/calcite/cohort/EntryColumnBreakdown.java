package dev.funnelsql.calcite.cohort;

import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ValueAtTime;
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

  @Override public String membershipSql(EventsRelation events) {
    return ValueAtTime.sql(events, column, entry + " AND " + events.user() + " IS NOT NULL", false);
  }
}
