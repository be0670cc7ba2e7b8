package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.protocol.ProtocolException;
import dev.funnelsql.pgwire.sql.SqlSyntaxException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An ErrorResponse's fields from an exception: FunnelSQL's SQLState when it is a PostgreSQL-style five-character
 * code (the driver already uses PostgreSQL's codes: 42601, 42P01, 25006, …), 57014 for a cancelled statement,
 * 42601 for text that cannot be tokenised, 22P02 for a parameter value that does not fit its type, XX000 otherwise.
 * Messages are kept to their first part: no parser expectation lists, no stack traces.
 */
public record ErrorReport(String severity, String sqlState, String message) {
  private static final Pattern SQLSTATE = Pattern.compile("[0-9A-Z]{5}");
  private static final int MAX_MESSAGE = 2000;

  /**
   * The report for an error; {@code stopReason} says why the statement was stopped (a CancelRequest, the statement
   * timeout), or is null.
   */
  public static ErrorReport of(Throwable error, @Nullable String stopReason) {
    if (stopReason != null) {
      return new ErrorReport("ERROR", "57014", stopReason);
    }
    if (error instanceof SqlSyntaxException) {
      return new ErrorReport("ERROR", "42601", error.getMessage());
    }
    if (error instanceof ProtocolException) {
      return new ErrorReport("FATAL", "08P01", error.getMessage());
    }
    if (error instanceof IllegalArgumentException || error instanceof java.time.DateTimeException) {
      return new ErrorReport("ERROR", "22P02", "invalid parameter value: " + error.getMessage());
    }
    if (error instanceof SQLException) {
      final String state = ((SQLException) error).getSQLState();
      return new ErrorReport("ERROR", state != null && SQLSTATE.matcher(state).matches() ? state : "XX000",
          trim(error.getMessage()));
    }
    return new ErrorReport("ERROR", "XX000", trim(error.getClass().getSimpleName() + ": " + error.getMessage()));
  }

  private static String trim(String message) {
    String text = message == null ? "unknown error" : message;
    final int expecting = text.indexOf("\nWas expecting");
    if (expecting > 0) {
      text = text.substring(0, expecting);
    }
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text.strip();
  }

  /** The fields of the ErrorResponse (or NoticeResponse). */
  public Map<Character, String> fields() {
    final Map<Character, String> fields = new LinkedHashMap<>();
    fields.put('S', severity);
    fields.put('V', severity);
    fields.put('C', sqlState);
    fields.put('M', message);
    return fields;
  }
}
