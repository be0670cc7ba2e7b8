package dev.funnelsql.pgwire.catalog;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One simple condition of a catalog query's WHERE clause: {@code column op literal(s)}, e.g.
 * {@code n.nspname = 'funnels'}, {@code c.relkind IN ('r','p')}, {@code c.relname ~ '^(events)$'},
 * {@code NOT a.attisdropped}, or a call such as {@code pg_table_is_visible(c.oid)} (operator "call").
 */
record Predicate(@Nullable String qualifier, String column, String operator, List<String> values, boolean negated) {
  /**
   * Whether a name satisfies this predicate (for =, <>, LIKE, ~, IN and their negations). Names compare without
   * regard to case, as FunnelSQL's identifiers do, so {@code \d events} finds H2's {@code EVENTS}.
   */
  boolean test(@Nullable String value) {
    if (value == null) {
      return false;
    }
    final boolean result;
    switch (operator) {
      case "=":
      case "in":
        result = values.stream().anyMatch(value::equalsIgnoreCase);
        break;
      case "<>":
      case "!=":
        result = values.stream().noneMatch(value::equalsIgnoreCase);
        break;
      case "like":
      case "ilike":
        result = values.stream().anyMatch(pattern -> like(pattern).matcher(value).matches());
        break;
      case "~":
      case "~*":
        result = values.stream().anyMatch(pattern -> regex(pattern).matcher(value).find());
        break;
      case "!~":
      case "!~*":
        result = values.stream().noneMatch(pattern -> regex(pattern).matcher(value).find());
        break;
      default:
        result = true;
        break;
    }
    return negated != result;
  }

  /** Whether this predicate compares text in a way {@link #test} understands. */
  boolean comparesText() {
    return List.of("=", "<>", "!=", "in", "like", "ilike", "~", "~*", "!~", "!~*").contains(operator);
  }

  /** A LIKE pattern ({@code %}, {@code _}, backslash escapes) as a case-insensitive regular expression. */
  static Pattern like(String pattern) {
    final StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      final char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** A PostgreSQL regular expression (psql's name patterns), case-insensitive. */
  static Pattern regex(String pattern) {
    return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The column name in lower case. */
  String name() {
    return column.toLowerCase(Locale.ROOT);
  }
}
