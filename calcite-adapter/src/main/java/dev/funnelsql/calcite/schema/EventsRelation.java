package dev.funnelsql.calcite.schema;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The events the model's tables are computed over, as SQL text: a relation (the events table, or a subquery
 * restricting it in time) and its quoted user, time and event columns. Segment kinds, funnels, cohorts and paths build
 * their SQL from this alone, so a column the model derives (its session) is in every one of them.
 *
 * <p>With a {@link DerivedSession}, the relation is the events plus the session column, numbered in the store by
 * {@code SESSIONIZE(time, gap) OVER (PARTITION BY user ORDER BY time)} (which becomes {@code LAG} and a running
 * {@code SUM}); it is NULL where the user or the time is. A relation restricted to the events up to a time numbers
 * them as the whole table does, as a session's number depends only on the user's earlier events.
 */
public final class EventsRelation {
  private static final String ROW = "\"$events\"";

  private final String from;
  private final String user;
  private final String time;
  private final String event;
  private final @Nullable String session;
  /** Whether the store takes a grouped expression in a window over the grouping (H2 and Spark do not). */
  private final boolean groupKeysInWindows;

  private EventsRelation(String from, String user, String time, String event, @Nullable String session,
      boolean groupKeysInWindows) {
    this.from = from;
    this.user = user;
    this.time = time;
    this.event = event;
    this.session = session;
    this.groupKeysInWindows = groupKeysInWindows;
  }

  /** The whole events table, or the part of it at or before {@code asOfSql} (a TIMESTAMP SQL expression). */
  public static EventsRelation of(String table, String user, String time, String event, @Nullable String asOfSql) {
    return of(table, user, time, event, asOfSql, null, false);
  }

  /**
   * The whole events table, or the part of it at or before {@code asOfSql} (a TIMESTAMP SQL expression), with the
   * session column when {@code session} is not null, on a store that takes a grouped expression in a window over
   * the grouping or not.
   */
  @SuppressWarnings("checkstyle:ParameterNumber")
  public static EventsRelation of(String table, String user, String time, String event, @Nullable String asOfSql,
      @Nullable DerivedSession session, boolean groupKeysInWindows) {
    return bounded(table, user, time, event, asOfSql == null ? null : " <= " + asOfSql, session, groupKeysInWindows);
  }

  /**
   * The part of the events table strictly before {@code endSql} (a TIMESTAMP SQL expression, e.g. a parameter): the
   * events as of the last instant before it, such as the end of a calendar period.
   */
  public static EventsRelation before(String table, String user, String time, String event, String endSql) {
    return before(table, user, time, event, endSql, null, false);
  }

  /** The part of the events table strictly before {@code endSql}, with the session column if there is one. */
  @SuppressWarnings("checkstyle:ParameterNumber")
  public static EventsRelation before(String table, String user, String time, String event, String endSql,
      @Nullable DerivedSession session, boolean groupKeysInWindows) {
    return bounded(table, user, time, event, " < " + endSql, session, groupKeysInWindows);
  }

  @SuppressWarnings("checkstyle:ParameterNumber")
  private static EventsRelation bounded(String table, String user, String time, String event,
      @Nullable String bound, @Nullable DerivedSession session, boolean groupKeysInWindows) {
    final String qualified = SqlText.qualified(table);
    final String rows = bound == null ? qualified
        : "(SELECT * FROM " + qualified + " WHERE " + SqlText.identifier(time) + bound + ")";
    final String quotedUser = SqlText.identifier(user);
    final String quotedTime = SqlText.identifier(time);
    if (session == null) {
      return new EventsRelation(rows, quotedUser, quotedTime, SqlText.identifier(event), null, groupKeysInWindows);
    }
    final String column = SqlText.identifier(session.column());
    final String from = "(SELECT " + ROW + ".*, CASE WHEN " + ROW + "." + quotedUser + " IS NULL THEN NULL ELSE "
        + "SESSIONIZE(" + ROW + "." + quotedTime + ", " + session.gap() + ") OVER (PARTITION BY " + ROW + "."
        + quotedUser + " ORDER BY " + ROW + "." + quotedTime + ") END AS " + column + " FROM " + rows + " AS " + ROW
        + ")";
    return new EventsRelation(from, quotedUser, quotedTime, SqlText.identifier(event), column, groupKeysInWindows);
  }

  /**
   * Whether the events' store takes a grouped expression (a period) in a window over the grouping, as Calcite writes
   * a window over a grouping (H2 and Spark refuse it; see {@code StoreCapabilities}): SQL whose best shape needs it has
   * another for a store that does not.
   */
  public boolean groupKeysInWindows() {
    return groupKeysInWindows;
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

  /** The quoted session column the model derives (the user's session number, 1, 2, …), or null without one. */
  public @Nullable String session() {
    return session;
  }

  /**
   * A session as an entity, unique across users: the user and the session number as text, {@code 42:3} (the number
   * follows the last colon, so two users' sessions never share a key); NULL where the session is NULL.
   *
   * @throws IllegalStateException if the model derives no session
   */
  public String sessionKey() {
    if (session == null) {
      throw new IllegalStateException("the model derives no session");
    }
    return "(CAST(" + user + " AS VARCHAR) || ':' || CAST(" + session + " AS VARCHAR))";
  }
}
