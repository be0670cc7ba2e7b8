package dev.funnelsql.calcite.funnel;

/**
 * A condition on a funnel summary's or chart's {@code entered_at} that is not a range of entry times, so it cannot
 * scope the funnel (the driver reports SQLState 0A000, feature not supported).
 */
public final class EntryFilterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the words the user sees. */
  public EntryFilterException(String message) {
    super(message);
  }
}
