package dev.funnelsql.examples.bench;

import java.time.Instant;

/**
 * A week of entries that the tables mode scopes funnel tables to ({@code WHERE entered_at >= … AND entered_at < …}),
 * as a dashboard's date filter does: the data's last full week that leaves the window after it inside the data.
 *
 * @param fromMillis the range's start (inclusive), epoch milliseconds
 * @param toMillis the range's end (exclusive)
 */
record EntryRange(long fromMillis, long toMillis) {
  private static final long DAY_MILLIS = 86_400_000L;

  /**
   * The week of entries whose window ends two days before the data's last day (2026-09-15 to 2026-09-22 on 30 days;
   * the first week when the data is shorter).
   */
  static EntryRange lastWeekOf(DataSpec data) {
    final int firstDay = Math.max(0, data.days() - FunnelShape.WINDOW_DAYS - 2 - 7);
    final long from = EventGenerator.START_MILLIS + firstDay * DAY_MILLIS;
    return new EntryRange(from, from + 7 * DAY_MILLIS);
  }

  /** How the report names it, e.g. {@code 2026-09-15 to 2026-09-22}. */
  String label() {
    return day(fromMillis) + " to " + day(toMillis);
  }

  /** The condition on a table's {@code entered_at}. */
  String onEnteredAt() {
    return " WHERE \"entered_at\" >= " + literal(fromMillis) + " AND \"entered_at\" < " + literal(toMillis);
  }

  /** The condition that {@code column} lies in the range. */
  String holds(String column) {
    return column + " >= " + literal(fromMillis) + " AND " + column + " < " + literal(toMillis);
  }

  /** The condition that {@code column} lies in the range widened by the funnel's window past its end. */
  String holdsWithWindow(String column) {
    return column + " >= " + literal(fromMillis) + " AND " + column + " < "
        + literal(toMillis + FunnelShape.WINDOW_DAYS * DAY_MILLIS);
  }

  private static String literal(long millis) {
    return "TIMESTAMP '" + Instant.ofEpochMilli(millis).toString().replace('T', ' ').replace("Z", "") + "'";
  }

  private static String day(long millis) {
    return Instant.ofEpochMilli(millis).toString().substring(0, 10);
  }
}
