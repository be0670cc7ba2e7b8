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
    final String qualified = SqlText.qualified(table);
    final String from = asOfSql == null ? qualified
        : "(SELECT * FROM " + qualified + " WHERE " + SqlText.identifier(time) + " <= " + asOfSql + ")";
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
