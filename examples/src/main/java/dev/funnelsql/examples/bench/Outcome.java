package dev.funnelsql.examples.bench;

import java.sql.SQLTimeoutException;

/**
 * A measurement, or why there is none: the query failed, timed out or ran out of memory (the tables mode reports it
 * and goes on).
 *
 * @param measurement the timed runs, or null
 * @param error what went wrong, or null
 */
record Outcome(Measurement measurement, String error) {
  private static final int MESSAGE_LENGTH = 300;

  /** A completed measurement. */
  static Outcome of(Measurement measurement) {
    return new Outcome(measurement, null);
  }

  /** A failure, described in one line: {@code timed out …}, {@code out of memory …} or {@code error: …}. */
  static Outcome failed(Throwable failure) {
    final String message;
    if (failure instanceof OutOfMemoryError) {
      message = "out of memory (" + failure.getMessage() + ")";
    } else if (failure instanceof SQLTimeoutException) {
      message = firstLine(failure.getMessage());
    } else {
      message = "error: " + firstLine(String.valueOf(failure.getMessage()));
    }
    return new Outcome(null, message);
  }

  private static String firstLine(String text) {
    final String line = text.strip().split("\\R", 2)[0];
    return line.length() <= MESSAGE_LENGTH ? line : line.substring(0, MESSAGE_LENGTH) + " …";
  }

  /** Whether it completed. */
  boolean ok() {
    return measurement != null;
  }

  /** The median wall time in seconds, or NaN. */
  double seconds() {
    return ok() ? measurement.medianSeconds() : Double.NaN;
  }
}
