package dev.funnelsql.calcite.prepare;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Finds the message worth showing in a chain of exceptions: Calcite's validation message (which starts with the
 * SQL position) or the parser's, rather than Avatica's generic wrapper; and trims internal dumps.
 */
public final class ErrorMessages {
  /** How Avatica starts the message of an error it wraps: {@code Error while executing SQL "<sql>": <reason>}. */
  private static final String AVATICA_PREFIX = "Error while executing SQL \"";

  private ErrorMessages() {
  }

  /** The most specific message in the chain of {@code e}. */
  public static String mostSpecific(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StackOverflowError) {
        return "the statement is nested too deeply to be parsed or planned; simplify it";
      }
      if (t instanceof CalciteContextException && t.getMessage() != null) {
        return t.getMessage();
      }
      if (t instanceof SqlParseException && t.getMessage() != null) {
        return ParseErrorMessages.shorten(t.getMessage());
      }
      final @Nullable Throwable reason = generationFailure(t);
      if (reason != null) {
        return "cannot run this query: " + mostSpecific(reason);
      }
    }
    final String message = e.getMessage();
    final @Nullable Throwable cause = e.getCause();
    if (message != null && cause != null && cause != e && cause.getMessage() != null
        && message.startsWith(AVATICA_PREFIX) && message.endsWith(cause.getMessage())) {
      // Avatica's wrapper repeats the whole statement before the reason; the user has the statement already.
      return mostSpecific(cause);
    }
    if (message == null && cause != null && cause != e) {
      // A wrapper without words of its own (ExceptionInInitializerError, InvocationTargetException): its cause's.
      return mostSpecific(cause);
    }
    return message == null ? "the query failed (" + e.getClass().getSimpleName() + ")" : firstLines(message);
  }

  /**
   * The reason a plan could not be turned into code: Calcite reports "Unable to implement" with the plan and keeps
   * the reason (e.g. an aggregate that cannot be used with OVER) only as a suppressed exception.
   */
  public static @Nullable Throwable generationFailure(Throwable t) {
    for (Throwable suppressed : t.getSuppressed()) {
      if (suppressed.getMessage() != null) {
        return suppressed;
      }
    }
    return null;
  }

  /** Keeps the first two lines of a long internal message (Calcite's planner appends a dump of its state). */
  static String firstLines(String message) {
    final String[] lines = message.split("\n", 3);
    return lines.length < 3 ? message : lines[0] + "\n" + lines[1];
  }
}
