package dev.funnelsql.jdbc;

import static dev.funnelsql.jdbc.FuzzWords.conditions;
import static dev.funnelsql.jdbc.FuzzWords.junk;
import static dev.funnelsql.jdbc.FuzzWords.pick;
import static dev.funnelsql.jdbc.FuzzWords.unknownName;
import static dev.funnelsql.jdbc.FuzzWords.word;

import dev.funnelsql.functions.sequence.SequencePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates SQL that must fail, over a table {@code events(user_id, ts, secs, event_name)}: syntax errors at random
 * places of valid queries, unknown columns, tables and functions, wrong arguments to every FunnelSQL function
 * (negative, huge, NULL and non-constant windows, unknown modes, 0 or 33+ conditions, malformed sequence patterns,
 * bad periods), NULLs in typed positions, values the store cannot convert, writes, and junk. Each generator makes
 * only inputs that are wrong by construction.
 */
final class BadSql {
  /** Valid queries, the material for syntax errors and unknown names. */
  static final List<String> VALID = List.of(
      "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '1' HOUR, event_name = 'a', event_name = 'b') AS reached "
          + "FROM events GROUP BY user_id",
      "SELECT user_id, FUNNEL_TIMES(ts, 3600, 'strict_order', event_name = 'a', event_name = 'b') AS t "
          + "FROM events GROUP BY user_id",
      "SELECT user_id, SEQUENCE_MATCH('(?1).*(?2)', ts, event_name = 'a', event_name = 'b') AS m "
          + "FROM events GROUP BY user_id",
      "SELECT user_id, SEQUENCE_COUNT('(?1)(?2)', secs, event_name = 'a', event_name = 'b') AS c "
          + "FROM events GROUP BY user_id",
      "SELECT user_id, RETENTION(event_name = 'a', event_name = 'b') AS r FROM events GROUP BY user_id",
      "SELECT PERIOD_START(ts, 'week') AS w, COUNT(ts) AS n FROM events GROUP BY PERIOD_START(ts, 'week')",
      "SELECT event_name, COUNT(event_name) AS n FROM events WHERE user_id < 10 GROUP BY event_name ORDER BY 2 DESC");
  private static final List<String> BREAKERS = List.of("(", ")", ", ,", "FROM FROM", "AND AND", "= =",
      "SELECT SELECT", "BY BY", "* *", "WHERE WHERE");
  private static final Pattern COLUMN = Pattern.compile("\\b(user_id|ts|secs|event_name)\\b");
  private static final Pattern FUNCTION = Pattern.compile("\\b(FUNNEL_STEP|FUNNEL_TIMES|SEQUENCE_MATCH|"
      + "SEQUENCE_COUNT|RETENTION|PERIOD_START|COUNT)\\(");
  private static final List<String> VALID_MODES = List.of("strict_deduplication", "strict_order", "strict_increase",
      "strict_once", "unordered", "allow_reentry");
  private static final List<String> CAST_FAILURES = List.of(
      "SELECT CAST(event_name AS INTEGER) AS n FROM events WHERE event_name = 'a'",
      "SELECT SUM(CAST(event_name AS BIGINT)) FROM events WHERE event_name IS NOT NULL",
      "SELECT user_id FROM events WHERE CAST(event_name AS DECIMAL(10, 2)) > 1 AND event_name = 'b'",
      "SELECT CAST(event_name AS TIMESTAMP) FROM events WHERE event_name = 'a'");

  private BadSql() {
  }

  private static final List<BiFunction<SplittableRandom, Integer, FuzzCase>> KINDS = List.of(
      BadSql::syntax, BadSql::unknownColumn, BadSql::unknownTable, BadSql::unknownFunction, BadSql::funnelArguments,
      BadSql::funnelArguments, BadSql::sequenceArguments, BadSql::retentionArguments, BadSql::periodArguments,
      BadSql::nulls, BadSql::write, BadSql::junkText, BadSql::syntax, BadSql::funnelArguments);

  /** The {@code i}-th case: generators take turns so that every kind is well represented. */
  static FuzzCase next(SplittableRandom random, int i) {
    if (i % 97 == 0) {
      return nested(random);
    }
    if (i % 31 == 0) {
      return new FuzzCase("runtime: value the store cannot convert", pick(random, CAST_FAILURES), null, null);
    }
    return KINDS.get(i % KINDS.size()).apply(random, i);
  }

  private static FuzzCase syntax(SplittableRandom random, int i) {
    final List<String> tokens = new ArrayList<>(List.of(pick(random, VALID).split(" ")));
    tokens.add(random.nextInt(tokens.size() + 1), pick(random, BREAKERS));
    return new FuzzCase("syntax error", String.join(" ", tokens), "42601", null);
  }

  private static FuzzCase unknownColumn(SplittableRandom random, int i) {
    final String name = unknownName(random);
    return new FuzzCase("unknown column", replaceOne(random, COLUMN, pick(random, VALID), name), "42703", name);
  }

  private static FuzzCase unknownTable(SplittableRandom random, int i) {
    final String name = unknownName(random);
    return new FuzzCase("unknown table", pick(random, VALID).replace("FROM events", "FROM " + name), "42P01", name);
  }

  private static FuzzCase unknownFunction(SplittableRandom random, int i) {
    final String name = "ZZ_" + word(random, 3, 8).toUpperCase();
    return new FuzzCase("unknown function", replaceOne(random, FUNCTION, pick(random, VALID), name + "("),
        "42883", name);
  }

  /** The text with one random match of {@code pattern} replaced by {@code replacement}. */
  private static String replaceOne(SplittableRandom random, Pattern pattern, String text, String replacement) {
    final Matcher matcher = pattern.matcher(text);
    final List<int[]> matches = new ArrayList<>();
    while (matcher.find()) {
      matches.add(new int[] {matcher.start(), matcher.end()});
    }
    final int[] at = matches.get(random.nextInt(matches.size()));
    return text.substring(0, at[0]) + replacement + text.substring(at[1]);
  }

  private static String aggregate(String call) {
    return "SELECT user_id, " + call + " AS x FROM events GROUP BY user_id";
  }

  private static FuzzCase funnelArguments(SplittableRandom random, int i) {
    final String function = random.nextBoolean() ? "FUNNEL_STEP" : "FUNNEL_TIMES";
    String time = "ts";
    String window = "INTERVAL '1' HOUR";
    String mode = "";
    String conditions = conditions(2 + random.nextInt(3));
    final String what;
    switch (random.nextInt(12)) {
      case 0:
        window = "-" + (1 + random.nextInt(1_000_000));
        what = "negative window";
        break;
      case 1:
        window = "1e" + (19 + random.nextInt(280));
        what = "huge window";
        break;
      case 2:
        window = pick(random, List.of("secs", "user_id + 1", "CAST(secs AS INTEGER)"));
        what = "window not constant";
        break;
      case 3:
        window = pick(random, List.of("NULL", "'" + word(random, 1, 8) + "'", "TRUE", "INTERVAL '1' MONTH",
            "INTERVAL '2' YEAR", "CAST(NULL AS INTEGER)"));
        what = "window of the wrong kind";
        break;
      case 4: {
        String garbage = word(random, 4, 14);
        while (VALID_MODES.contains(garbage)) {
          garbage = word(random, 4, 14);
        }
        mode = "'" + garbage + "', ";
        what = "unknown mode";
        break;
      }
      case 5:
        mode = pick(random, List.of("'unordered, strict_order', ", "'allow_reentry', ", "'strict_order, x', ",
            "'strict_order strict_once', ", "CAST(NULL AS VARCHAR), ", "event_name, "));
        what = "invalid mode";
        break;
      case 6:
        conditions = conditions(33 + random.nextInt(8));
        what = "33+ conditions";
        break;
      case 7:
        conditions = "";
        what = "no condition";
        break;
      case 8:
        conditions = pick(random, List.of("user_id", "event_name", "1", "ts", "NULL, user_id",
            "event_name = 'a', secs"));
        what = "non-boolean condition";
        break;
      case 9:
        time = pick(random, List.of("event_name", "NULL", "TRUE", "'2026-01-01'", "CAST(NULL AS VARCHAR)"));
        what = "time of the wrong type";
        break;
      case 10:
        time = "NULL";
        window = "NULL";
        mode = "NULL, ";
        conditions = "NULL, NULL";
        what = "NULL everywhere";
        break;
      default:
        window = "INTERVAL '" + (1 + random.nextInt(1_000_000)) + "' " + pick(random, List.of("DAY", "HOUR"))
            + " * " + word(random, 1, 3);
        what = "window expression over a column";
        break;
    }
    final String arguments = conditions.isEmpty() ? time + ", " + window : time + ", " + window + ", " + mode
        + conditions;
    return FuzzCase.of("FUNNEL_STEP/TIMES: " + what, aggregate(function + "(" + arguments + ")"));
  }

  private static FuzzCase sequenceArguments(SplittableRandom random, int i) {
    final String function = random.nextBoolean() ? "SEQUENCE_MATCH" : "SEQUENCE_COUNT";
    final int n = 1 + random.nextInt(3);
    switch (random.nextInt(5)) {
      case 0:
      case 1: {
        final String pattern = malformedPattern(random, n);
        return new FuzzCase(function + ": malformed pattern", aggregate(function + "('" + pattern.replace("'", "''")
            + "', ts, " + conditions(n) + ")"), "22023", "sequence pattern error");
      }
      case 2:
        return FuzzCase.of(function + ": pattern not a constant", aggregate(function + "(" + pick(random,
            List.of("event_name", "NULL", "CAST(NULL AS VARCHAR)", "'(?' || '1)'", "1")) + ", ts, " + conditions(n)
            + ")"));
      case 3:
        return FuzzCase.of(function + ": conditions", aggregate(function + "('(?1)', ts" + pick(random,
            List.of("", ", " + conditions(33 + random.nextInt(5)), ", user_id", ", event_name")) + ")"));
      default:
        return FuzzCase.of(function + ": time", aggregate(function + "('(?1)', " + pick(random,
            List.of("event_name", "NULL", "TRUE")) + ", " + conditions(n) + ")"));
    }
  }

  /** A random pattern that the sequence-pattern parser rejects. */
  private static String malformedPattern(SplittableRandom random, int conditions) {
    final String alphabet = "(?t<>=.*0123456789)x -";
    while (true) {
      final StringBuilder b = new StringBuilder();
      final int length = random.nextInt(16);
      for (int k = 0; k < length; k++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      try {
        SequencePattern.parse(b.toString(), conditions);
      } catch (IllegalArgumentException e) {
        return b.toString();
      }
    }
  }

  private static FuzzCase retentionArguments(SplittableRandom random, int i) {
    return FuzzCase.of("RETENTION: arguments", aggregate("RETENTION(" + pick(random, List.of("", "user_id",
        "event_name", "ts", "1", "event_name = 'a', user_id", conditions(33 + random.nextInt(5)))) + ")"));
  }

  private static FuzzCase periodArguments(SplittableRandom random, int i) {
    final String unit = pick(random, List.of("'" + word(random, 1, 9) + "'", "NULL", "5", "event_name",
        "'WEEKS'", "''", "'da y'"));
    final String call;
    if (random.nextBoolean()) {
      call = random.nextBoolean() ? "PERIOD_START(ts, " + unit + ")"
          : "PERIOD_START(" + pick(random, List.of("event_name", "user_id", "'x'", "TRUE")) + ", 'week')";
    } else {
      call = random.nextBoolean() ? "PERIODS_BETWEEN(ts, ts, " + unit + ")"
          : "PERIODS_BETWEEN(ts, " + pick(random, List.of("event_name", "secs", "1")) + ", 'day')";
    }
    if (unit.equals("'day'") || unit.equals("'week'") || unit.equals("'month'")) {
      return funnelArguments(random, i);
    }
    return FuzzCase.of("PERIOD_START/PERIODS_BETWEEN: arguments", "SELECT " + call + " FROM events");
  }

  private static FuzzCase nulls(SplittableRandom random, int i) {
    return FuzzCase.of("NULL in a typed position", pick(random, List.of(
        aggregate("SEQUENCE_MATCH(NULL, NULL, NULL)"),
        aggregate("SEQUENCE_COUNT(NULL, ts, NULL)"),
        "SELECT PERIODS_BETWEEN(NULL, NULL, NULL) FROM events",
        "SELECT PERIOD_START(NULL, NULL) FROM events",
        "SELECT SEGMENT_OF(NULL, NULL) FROM events",
        aggregate("FUNNEL_STEP(NULL, NULL)"),
        "SELECT NULL FROM NULL",
        "SELECT * FROM events WHERE NULL NULL",
        "SELECT CAST(NULL AS NULL) FROM events")));
  }

  private static FuzzCase write(SplittableRandom random, int i) {
    final String table = random.nextBoolean() ? "events" : word(random, 3, 10);
    return new FuzzCase("write", pick(random, List.of("INSERT INTO " + table + " (user_id) VALUES (1)",
        "DELETE FROM " + table, "UPDATE " + table + " SET user_id = 2", "DROP TABLE " + table,
        "CREATE TABLE " + table + " (x INT)", "TRUNCATE TABLE " + table, "ALTER TABLE " + table + " DROP COLUMN ts",
        "SELECT * FROM " + table + " FOR UPDATE", "GRANT ALL ON " + table + " TO PUBLIC",
        "COPY " + table + " TO '/tmp/x'")), "25006", "read-only");
  }

  private static FuzzCase junkText(SplittableRandom random, int i) {
    switch (random.nextInt(4)) {
      case 0:
        return new FuzzCase("empty or blank", pick(random, List.of("", " ", "\n\t ", ";", "-- only a comment",
            "/* only a comment */")), "42601", null);
      case 1:
        return FuzzCase.of("junk (long)", junk(random, 5_000 + random.nextInt(20_000)));
      default:
        return FuzzCase.of("junk", junk(random, 200));
    }
  }

  private static FuzzCase nested(SplittableRandom random) {
    final int depth = 500 + random.nextInt(5_000);
    return FuzzCase.of("deeply nested (one parenthesis unclosed)", "SELECT " + "(".repeat(depth) + "1"
        + ")".repeat(depth - 1)
        + (random.nextBoolean() ? "" : " FROM events"));
  }
}
