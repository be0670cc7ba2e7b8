package dev.funnelsql.jdbc;

import static dev.funnelsql.jdbc.FuzzWords.pick;
import static dev.funnelsql.jdbc.FuzzWords.word;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Generates model files that must fail, by breaking a valid model in one to three places: malformed YAML (unclosed
 * brackets and quotes, tabs, control characters, a second document), unknown keys, wrong types, NULLs where a value
 * is required, huge or malformed windows, no step or 33 steps, unknown modes, kinds and periods, broken references,
 * unset environment variables, and (fewer, as they need the store) conditions Calcite rejects.
 */
final class BadModels {
  private static final String STEPS = """
          - { name: viewed, when: "event_name = 'a'" }
          - { name: carted, when: "event_name = 'b'" }
          - { name: paid, when: "event_name = 'c'" }
      """;
  /** The valid model; {@code %1$s} is the store URL, {@code %2$s} the password. */
  static final String VALID = """
      source: { url: "%1$s", user: sa, password: "%2$s" }
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        checkout:
          window: 1h
          mode: strict_deduplication
          order: ordered
          steps:
      """ + STEPS + """
          exclusions:
            - { when: "event_name = 'x'", from: 1, to: 3 }
          breakdowns: [activity]
      segmentations:
        activity:
          rules:
            - { segment: heavy, when: "COUNT(*) >= 5" }
          otherwise: light
        first: { kind: property, property: event_name, pick: first }
      cohorts:
        weekly: { entry: "event_name = 'a'", return: "event_name = 'b'", period: week, retention: n_day, periods: 4 }
      """;

  private BadModels() {
  }

  /** One mutation: text in, broken text out, and what it breaks. */
  private record Mutation(String name, BiFunction<String, SplittableRandom, String> apply) {
  }

  private static Mutation replace(String name, String target, BiFunction<String, SplittableRandom, String> value) {
    return new Mutation(name, (text, random) -> text.replace(target, value.apply(target, random)));
  }

  private static final List<Mutation> CHEAP = List.of(
      new Mutation("unknown top-level key", (t, r) -> t + word(r, 3, 12) + "x: 1\n"),
      replace("unknown funnel key", "    mode: strict_deduplication\n",
          (s, r) -> s + "    " + word(r, 3, 10) + "q: " + word(r, 1, 5) + "\n"),
      replace("unknown step key", "{ name: carted,", (s, r) -> "{ name: carted, " + word(r, 2, 8) + "z: 1,"),
      replace("window not a scalar", "window: 1h", (s, r) -> "window: " + pick(r, List.of("[1, 2]", "{a: 1}"))),
      replace("huge or malformed window", "window: 1h", (s, r) -> "window: " + pick(r, List.of(
          "9".repeat(20 + r.nextInt(30)) + pick(r, List.of("s", "m", "h", "d", "w")), "-" + (1 + r.nextInt(99)) + "m",
          (1 + r.nextInt(9)) + " parsecs", "1e" + (300 + r.nextInt(99)), "0x" + r.nextInt(999), "d", "\"\"",
          "9223372036854775807w", "1.5.3h", "NaN", "~"))),
      replace("no steps", "    steps:\n" + STEPS, (s, r) -> pick(r, List.of("    steps: []\n", "    steps: ~\n",
          "    steps: 42\n", "    steps: just text\n", "    steps: {name: a, when: b}\n"))),
      replace("33 or more steps", "    steps:\n" + STEPS, (s, r) -> manySteps(33 + r.nextInt(10))),
      replace("NULL step name", "{ name: carted,", (s, r) -> pick(r, List.of("{ name: ~,", "{ name: [x],",
          "{ nme: carted,", "{ name: viewed,"))),
      replace("NULL condition", "when: \"event_name = 'b'\"", (s, r) -> pick(r, List.of("when: ~", "when: [a]",
          "when: {x: 1}", "when: \"\""))),
      replace("unknown order", "order: ordered", (s, r) -> "order: " + word(r, 5, 12)),
      replace("bad exclusion", "from: 1, to: 3", (s, r) -> pick(r, List.of("from: 3, to: 1", "from: 0, to: 9",
          "from: x, to: 3", "from: 1, to: 1", "from: 1, to: 3, when: y"))),
      replace("unknown breakdown", "breakdowns: [activity]", (s, r) -> pick(r, List.of(
          "breakdowns: [" + word(r, 4, 9) + "q]", "breakdowns: activity", "breakdowns: [~]", "breakdowns: [[a]]"))),
      replace("unknown kind", "kind: property", (s, r) -> "kind: " + word(r, 4, 12) + "k"),
      replace("unknown pick", "pick: first", (s, r) -> "pick: " + pick(r, List.of(word(r, 4, 9) + "q", "[a]"))),
      replace("bad cohort period", "period: week", (s, r) -> "period: " + pick(r, List.of(word(r, 4, 9) + "q",
          "~", "fortnight", "[week]"))),
      replace("bad retention", "retention: n_day", (s, r) -> "retention: " + word(r, 4, 9) + "q"),
      replace("bad periods", "periods: 4", (s, r) -> "periods: " + pick(r, List.of("-" + (1 + r.nextInt(50)), "x",
          "1.5", "99999999999999999999", "0"))),
      replace("missing url", "url: \"", (s, r) -> pick(r, List.of("uri: \"", "url: ~, x: \""))),
      replace("unset variable", "password: \"", (s, r) -> "password: \"${FUZZ_UNSET_" + word(r, 3, 8).toUpperCase()
          + "}"),
      replace("malformed variable", "user: sa", (s, r) -> pick(r, List.of("user: \"${\"", "user: \"${bad-name}\"",
          "user: \"${}\""))),
      replace("duplicate key", "    window: 1h\n", (s, r) -> "    window: 1h\n    window: 2h\n"),
      replace("tab indentation", "    window: 1h\n", (s, r) -> "\twindow: 1h\n"),
      replace("control character", "{ name: carted,", (s, r) -> "{ name: \"car\u0001ted\","),
      replace("unclosed flow", "breakdowns: [activity]", (s, r) -> pick(r, List.of("breakdowns: [activity",
          "breakdowns: {activity", "breakdowns: [activity}"))),
      replace("unterminated quote", "when: \"event_name = 'a'\"", (s, r) -> "when: \"event_name = 'a'"),
      new Mutation("second document", (t, r) -> t + "---\nfunnels: {}\n"),
      new Mutation("truncated inside a flow mapping", (t, r) -> {
        final int brace = t.indexOf('{', r.nextInt(t.length() - 40));
        return brace < 0 ? t + "x: [" : t.substring(0, brace + 1 + r.nextInt(6));
      }),
      new Mutation("a list, not a model", (t, r) -> "- " + t.replace("\n", "\n  ")),
      new Mutation("duplicate table name", (t, r) -> t.replace("funnels:\n", "funnels:\n  checkout_summary:\n"
          + "    window: 1h\n    steps:\n      - { name: a, when: \"event_name = 'a'\" }\n")));

  /** Mutations Calcite finds when the connection opens: they need the store, so they are rarer. */
  private static final List<Mutation> VALIDATED = List.of(
      replace("unknown mode", "mode: strict_deduplication", (s, r) -> "mode: " + word(r, 5, 15)),
      replace("condition Calcite rejects", "when: \"event_name = 'b'\"", (s, r) -> "when: \"" + pick(r, List.of(
          FuzzWords.unknownName(r) + " = 'b'", "event_name = = 'b'", "user_id + 1", "COUNT(*) > 1",
          "event_name = 'b' AND", "(SELECT 1)", "FUNNEL_STEP(ts, 1, event_name = 'a') > 0")) + "\""),
      replace("rule Calcite rejects", "COUNT(*) >= 5", (s, r) -> pick(r, List.of("event_name = 'a'",
          FuzzWords.unknownName(r) + " > 1", "COUNT(*) +", "COUNT(*)"))),
      replace("unknown column in events", "time: ts", (s, r) -> "time: " + FuzzWords.unknownName(r)),
      replace("unknown table", "table: events", (s, r) -> "table: " + FuzzWords.unknownName(r)),
      replace("unknown property", "property: event_name", (s, r) -> "property: " + FuzzWords.unknownName(r)));

  /** The {@code i}-th broken model; one in {@code validatedEvery} needs the store to be found wrong. */
  static FuzzCase next(SplittableRandom random, int i, String valid, int validatedEvery) {
    if (i % validatedEvery == 0) {
      final Mutation mutation = pick(random, VALIDATED);
      return new FuzzCase("model: " + mutation.name(), mutation.apply().apply(valid, random), "F0000", null);
    }
    final Mutation first = CHEAP.get(i % CHEAP.size());
    String text = first.apply().apply(valid, random);
    final int more = random.nextInt(4) == 0 ? 1 + random.nextInt(2) : 0;
    for (int k = 0; k < more; k++) {
      text = pick(random, CHEAP).apply().apply(text, random);
    }
    return new FuzzCase("model: " + first.name() + (more > 0 ? " (and more)" : ""), text, "F0000", null);
  }

  private static String manySteps(int n) {
    final StringBuilder b = new StringBuilder("    steps:\n");
    for (int i = 1; i <= n; i++) {
      b.append("      - { name: s").append(i).append(", when: \"event_name = 'a'\" }\n");
    }
    return b.toString();
  }
}
