package dev.funnelsql.calcite.model;

/**
 * The {@code session:} key of {@code events:}: the model derives a session number for each event, for stores that
 * keep no session column, so that funnels and paths can count per session and segment rules can use it.
 *
 * @param where the {@code session:} mapping in the model file
 * @param gapSeconds the longest time between two events of one session, in seconds (in the time's own unit when the
 *     time is a number); a longer one starts a new session; {@code > 0}
 * @param column the name of the derived column ({@code column:}, {@value #DEFAULT_COLUMN} by default)
 */
public record SessionConfig(ModelNode where, long gapSeconds, Located column) {
  /** The name of the derived column when the model does not say. */
  public static final String DEFAULT_COLUMN = "session_id";

  /** The word that names the derived session in {@code per:} (the derived column's name does too). */
  public static final String PER = "session";
}
