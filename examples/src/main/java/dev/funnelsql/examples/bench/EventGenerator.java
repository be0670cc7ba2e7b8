package dev.funnelsql.examples.bench;

/**
 * The SQL that generates the events table inside DuckDB from {@code range()} — no row leaves the engine. The data is
 * deterministic (hashes of the row number and the seed, no random(); one-argument {@code hash} of distinct
 * numbers, as DuckDB's several-argument {@code hash} gives correlated values) and shaped like a product's event log:
 *
 * <ul>
 *   <li>users are skewed: user {@code floor(users * r^2)} for a uniform {@code r}, so a few power users have thousands
 *       of events and most have a handful (about {@code events / users / 2} for the least active);</li>
 *   <li>event types are skewed: {@code e0} 30 %, {@code e1} 15 %, {@code e2} 8 %, {@code e3} 4 %, the other types
 *       share the remaining 43 % evenly — so the funnel {@code e0 → e1 → e2 → e3} narrows as real ones do;</li>
 *   <li>a user's events are clustered in time: each user has an anchor day in the first 30 % of the span, four
 *       sessions within 60 % of the span after it (so a user often comes back after the 7-day window), and within
 *       a session the funnel events tend to follow each other ({@code e<k>} about {@code 10·k} minutes after the
 *       session start, plus up to 30 minutes of jitter);</li>
 *   <li>rows are stored in time order, as an append-only event log is.</li>
 * </ul>
 */
final class EventGenerator {
  /** The first instant of the data, epoch milliseconds (2026-09-01T00:00:00Z). */
  static final long START_MILLIS = 1_788_220_800_000L;
  private static final long DAY_MILLIS = 86_400_000L;

  private EventGenerator() {
  }

  /** The events table: every column NOT NULL, as in a typical event log. */
  static String createTable(String table) {
    return "CREATE TABLE " + table
        + " (user_id BIGINT NOT NULL, ts TIMESTAMP NOT NULL, event_name VARCHAR NOT NULL)";
  }

  /** {@code INSERT INTO <table> …} for DuckDB: fills {@link #createTable}'s table with {@code spec}'s events. */
  static String insert(String table, DataSpec spec) {
    final long s = spec.seed() << 40;
    final long anchorSpan = spec.days() * DAY_MILLIS * 3 / 10;
    final long sessionSpan = spec.days() * DAY_MILLIS * 6 / 10;
    final int others = spec.types() - 4;
    return "INSERT INTO " + table + "\n"
        + "WITH draws AS (\n"
        + "  SELECT (hash(" + s + " + i * 16 + 1) >> 11)::DOUBLE / 9007199254740992.0 AS r_user,\n"
        + "         (hash(" + s + " + i * 16 + 2) >> 11)::DOUBLE / 9007199254740992.0 AS r_type,\n"
        + "         hash(" + s + " + i * 16 + 3) % 4 AS session,\n"
        + "         hash(" + s + " + i * 16 + 4) % 1800000 AS jitter\n"
        + "  FROM range(" + spec.events() + ") t(i)),\n"
        + "typed AS (\n"
        + "  SELECT LEAST(" + (spec.users() - 1) + ", floor(" + spec.users()
        + " * r_user * r_user))::BIGINT AS u,\n"
        + "         session, jitter,\n"
        + "         CASE WHEN r_type < 0.30 THEN 0 WHEN r_type < 0.45 THEN 1 WHEN r_type < 0.53 THEN 2\n"
        + "              WHEN r_type < 0.57 THEN 3\n"
        + "              ELSE 4 + LEAST(" + (others - 1) + ", floor((r_type - 0.57) / 0.43 * " + others
        + "))::INTEGER END AS type\n"
        + "  FROM draws)\n"
        + "SELECT (1000000000 + u)::BIGINT AS user_id,\n"
        + "       epoch_ms((" + START_MILLIS + " + hash(" + s + " + u * 16 + 5) % " + anchorSpan + "\n"
        + "                 + hash(" + s + " + (u * 4 + session) * 16 + 6) % " + sessionSpan + "\n"
        + "                 + LEAST(type, 3) * 600000 + jitter)::BIGINT) AS ts,\n"
        + "       'e' || type AS event_name\n"
        + "FROM typed\n"
        + "ORDER BY ts";
  }
}
