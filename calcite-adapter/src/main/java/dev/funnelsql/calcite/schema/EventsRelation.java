package dev.funnelsql.calcite.schema;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The events a segmentation is computed over, as SQL text: a relation (the events table, or a subquery restricting
 * it in time) and its quoted user, time and event columns. Segment kinds build their SQL from this alone.
 */
public final class EventsRelation {
  private final String from;
  private final String user;
  private final String time;
  private final String event;

  private EventsRelation(String from, String user, String time, String event) {
    this.from = from;
    this.user = user;
    this.time = time;
    this.event = event;
  }

  /** The whole events table, or the part of it at or before {@code asOfSql} (a TIMESTAMP SQL expression). */
  public static EventsRelation of(String table, String user, String time, String event, @Nullable String asOfSql) {
    return bounded(table, user, time, event, asOfSql == null ? null : " <= " + asOfSql);
  }

  /**
   * The part of the events table strictly before {@code endSql} (a TIMESTAMP SQL expression, e.g. a parameter): the
   * events as of the last instant before it, such as the end of a calendar period.
   */
  public static EventsRelation before(String table, String user, String time, String event, String endSql) {
    return bounded(table, user, time, event, " < " + endSql);
  }

  private static EventsRelation bounded(String table, String user, String time, String event,
      @Nullable String bound) {
    final String qualified = SqlText.qualified(table);
    final String from = bound == null ? qualified
        : "(SELECT * FROM " + qualified + " WHERE " + SqlText.identifier(time) + bound + ")";
    return new EventsRelation(from, SqlText.identifier(user), SqlText.identifier(time), SqlText.identifier(event));
  }

  /** The relation to select from, e.g. {@code "PUBLIC"."events"}. */
  public String from() {
    return from;
  }

  /** The quoted user column. */
  public String user() {
    return user;
  }

  /** The quoted time column. */
  public String time() {
    return time;
  }

  /** The quoted event-name column. */
  public String event() {
    return event;
  }
}
