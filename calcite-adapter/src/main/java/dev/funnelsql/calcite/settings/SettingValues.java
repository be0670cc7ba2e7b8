package dev.funnelsql.calcite.settings;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Parses the values of FunnelSQL's connection properties that are sizes ({@code 512m}) or durations ({@code 60s}),
 * so that every such property accepts the same spellings and a wrong value fails the same way: a SQLException with
 * SQLState 22023 naming the property.
 */
public final class SettingValues {
  private SettingValues() {
  }

  /**
   * Parses {@code 512m}, {@code 2g}, {@code 65536k} or a plain number of bytes; {@code 0} only if {@code zeroAllowed}.
   *
   * @param key the property, for the message
   * @param example the example the message gives, e.g. {@code "512m or 2g"}
   */
  public static long bytes(String key, String value, String example) throws SQLException {
    final String text = value.trim().toLowerCase(Locale.ROOT);
    final String digits = text.replaceAll("[kmg]b?$", "");
    final long unit = text.matches(".*gb?$") ? 1L << 30 : text.matches(".*mb?$") ? 1L << 20
        : text.matches(".*kb?$") ? 1L << 10 : 1L;
    try {
      final long number = Long.parseLong(digits);
      if (number > 0 && number <= Long.MAX_VALUE / unit) {
        return number * unit;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new SQLException("connection property " + key + " must be a positive size such as " + example + ", got '"
        + text + "'", "22023");
  }

  /**
   * Parses a duration in milliseconds: {@code 500ms}, {@code 60s}, {@code 5m}, {@code 1h} or a plain number of
   * seconds; {@code 0} (or {@code off}) is zero.
   *
   * @param key the property, for the message
   * @param meaningOfZero what zero means, for the message, e.g. {@code "0 turns the cache off"}
   */
  public static long millis(String key, String value, String meaningOfZero) throws SQLException {
    final String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("off")) {
      return 0;
    }
    final String digits = text.replaceAll("(ms|s|m|h)$", "");
    final long unit = text.endsWith("ms") ? 1L : text.endsWith("m") ? 60_000L : text.endsWith("h") ? 3_600_000L
        : 1_000L;
    try {
      final long number = Long.parseLong(digits);
      if (number >= 0 && number <= Long.MAX_VALUE / unit) {
        return number * unit;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new SQLException("connection property " + key + " must be a duration such as 60s, 5m or 500ms ("
        + meaningOfZero + "), got '" + text + "'", "22023");
  }
}
