package dev.funnelsql.pgwire.session;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's spelling of a time setting such as {@code statement_timeout}: a number of milliseconds, or a number with
 * a unit ({@code ms}, {@code s}, {@code min}, {@code h}, {@code d}), quoted or not; and the way {@code SHOW} writes it.
 */
final class PgDuration {
  private static final Pattern VALUE = Pattern.compile("'?\\s*(\\d{1,12})\\s*(ms|s|min|h|d)?\\s*'?");

  private PgDuration() {
  }

  /** The value in milliseconds; 22023 naming the parameter if it is not a non-negative time. */
  static long millis(String parameter, String value) throws SQLException {
    final Matcher matcher = VALUE.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new SQLException("invalid value for parameter \"" + parameter + "\": \"" + value + "\" (a time such as "
          + "5000, '30s' or '5min')", "22023");
    }
    final long number = Long.parseLong(matcher.group(1));
    final String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    switch (unit) {
      case "s":
        return number * 1_000L;
      case "min":
        return number * 60_000L;
      case "h":
        return number * 3_600_000L;
      case "d":
        return number * 86_400_000L;
      default:
        return number;
    }
  }

  /** How SHOW writes a time in milliseconds: {@code 0}, {@code 30s}, {@code 1500ms}. */
  static String show(long millis) {
    return millis == 0 ? "0" : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
