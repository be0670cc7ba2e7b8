package dev.funnelsql.calcite.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of model mistake is a {@link ModelException} saying file:line:column, key path and what is wrong. */
class ModelErrorsTest {
  /** Two lines that make a valid model; tests append funnels and the like from line 3. */
  static final String BASE = """
      source: { url: "jdbc:h2:mem:shop", user: sa, password: "${PW}" }
      events: { table: events, user: user_id, time: ts, event: name }
      """;
  static final Map<String, String> ENV = Map.of("PW", "pw-Secret-42", "TOKEN", "tok-Secret-43");

  static ModelException error(String yaml) {
    ModelException e = assertThrows(ModelException.class, () -> ModelLoader.parse("m.yaml", yaml, ENV));
    assertNoSecret(e.getMessage());
    assertNoSecret(e.toString());
    assertEquals("F0000", e.sqlState());
    assertTrue(e.getMessage().startsWith("m.yaml:"), e.getMessage());
    return e;
  }

  static void assertError(String expected, String yaml) {
    assertEquals(expected, error(yaml).getMessage());
  }

  static void assertNoSecret(String s) {
    for (String secret : ENV.values()) {
      assertFalse(s.contains(secret), s);
    }
    assertFalse(s.contains("literal-pw"), s);
  }

  private static String funnel(String body) {
    return BASE + "funnels:\n  checkout:\n" + body;
  }

  @Test void malformedYaml() {
    ModelException e = error(funnel("    window: 7d\n    steps: [{ name: a, when: x }\n"));
    assertEquals("m.yaml:7:1: funnels.checkout.steps: malformed YAML: expected ',' or ']', but got the end of "
        + "the file (while parsing a flow sequence started at line 6, column 12)", e.getMessage());
    assertEquals(7, e.line());
    assertEquals(1, e.column());
    assertEquals("funnels.checkout.steps", e.path());
    assertEquals("m.yaml", e.file());
  }

  @Test void badIndentation() {
    ModelException e =
        error(funnel("    window: 7d\n    steps:\n      - {name: a, when: x}\n     - {name: b, when: y}\n"));
    assertTrue(e.getMessage().startsWith("m.yaml:8:6: funnels.checkout: malformed YAML: expected <block end>"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("check the indentation and that a value containing ': ' is quoted"));
  }

  @Test void malformedYamlNeverQuotesTheSourceLine() {
    ModelException e = error("source: { url: u, password: literal-pw, user: [ }\npreset: segment\n");
    assertEquals(1, e.line());
    assertEquals("source.user", e.path());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test void tabsAndControlCharacters() {
    assertEquals(1, error("source:\t{ url: u }\n").line());
    assertError("m.yaml:1:18: malformed YAML: character U+0001 is not allowed in YAML text",
        "source: { url: \"a\u0001\" }\n");
  }

  @Test void unknownTopLevelKey() {
    assertError("m.yaml:3:1: funnel: unknown key 'funnel' (did you mean 'funnels'?); valid keys: source, events, "
        + "preset, time_zone, funnels, segmentations, cohorts, paths", BASE + "funnel:\n  x: 1\n");
  }

  @Test void unknownTimeZone() {
    assertError("m.yaml:3:12: time_zone: unknown time zone 'Europe/Pariss'; use an IANA zone such as "
        + "America/Los_Angeles or Europe/Paris, or UTC", BASE + "time_zone: Europe/Pariss\n");
    assertError("m.yaml:3:12: time_zone: expected a text value, found a list", BASE + "time_zone: [UTC]\n");
  }

  @Test void unknownNestedKeys() {
    assertError("m.yaml:7:19: funnels.checkout.steps[1].wen: unknown key 'wen' (did you mean 'when'?); valid keys: "
        + "name, when", funnel("    window: 7d\n    steps:\n      - {name: a, wen: x}\n"));
    assertError("m.yaml:5:5: funnels.checkout.windw: unknown key 'windw' (did you mean 'window'?); valid keys: "
        + "window, mode, order, steps, exclusions, breakdowns, trend, per, drivers, attribution, as_of",
        funnel("    windw: 7d\n    steps: []\n"));
    assertError("m.yaml:1:19: source.host: unknown key 'host'; valid keys: url, user, password, schema",
        "source: { url: u, host: h }\npreset: segment\n");
    assertError("m.yaml:2:39: events.column: unknown key 'column'; valid keys: table, user, time, event, "
        + "properties, session", "source: { url: u }\nevents: { table: t, user: u, time: t, column: e }\n");
    assertError("m.yaml:3:41: cohorts.c.returns: unknown key 'returns' (did you mean 'return'?); valid keys: "
        + "entry, return, period, retention, periods, entries, brackets, breakdowns",
        BASE + "cohorts: { c: { entry: a, period: week, returns: b } }\n");
    assertError("m.yaml:7:28: funnels.checkout.exclusions[1].until: unknown key 'until'; valid keys: when, from, "
        + "to", funnel("    window: 7d\n    steps: [{name: a, when: x}, {name: b, when: y}]\n"
        + "    exclusions: [{when: z, until: 2}]\n"));
  }

  @Test void missingRequiredKeys() {
    assertError("m.yaml:4:3: funnels.checkout: missing required key 'window'",
        funnel("    steps:\n      - {name: a, when: x}\n"));
    assertError("m.yaml:4:3: funnels.checkout: missing required key 'steps'", funnel("    window: 1h\n"));
    assertError("m.yaml:7:9: funnels.checkout.steps[1]: missing required key 'when'",
        funnel("    window: 1h\n    steps:\n      - {name: a}\n"));
    assertError("m.yaml:7:9: funnels.checkout.steps[1]: missing required key 'name'",
        funnel("    window: 1h\n    steps:\n      - {when: x}\n"));
    assertError("m.yaml:1:1: missing required key 'source'", "preset: segment\n");
    assertError("m.yaml:1:1: source: missing required key 'url'", "source: { user: u }\npreset: segment\n");
    assertError("m.yaml:2:1: events: missing required key 'time'",
        "source: { url: u }\nevents: { table: t, user: u, event: e }\n");
    assertError("m.yaml:3:12: cohorts.c: missing required key 'period'", BASE + "cohorts: { c: { entry: a, "
        + "return: b } }\n");
    assertError("m.yaml:5:12: funnels.checkout.window: 'window' needs a value",
        funnel("    window:\n    steps: [{name: a, when: x}]\n"));
    assertError("m.yaml:4:3: segmentations.s: missing required key 'kind' (such as kind: property), or 'rules:' "
        + "for a segmentation by rules", BASE + "segmentations:\n  s: { property: plan }\n");
  }

  @Test void wrongTypes() {
    assertError("m.yaml:1:9: source: expected a mapping (key: value), found a list", "source: [a]\npreset: x\n");
    assertError("m.yaml:6:12: funnels.checkout.steps: expected a list ([a, b] or lines starting with '- '), "
        + "found a mapping", funnel("    window: 7d\n    steps: {name: a, when: x}\n"));
    assertError("m.yaml:6:14: funnels.checkout.steps[1]: expected a mapping (key: value), found a text value",
        funnel("    window: 7d\n    steps: [ just-a-string ]\n"));
    assertError("m.yaml:6:29: funnels.checkout.steps[1].when: expected a text value, found a list",
        funnel("    window: 7d\n    steps: [{name: a, when: [x]}]\n"));
    assertError("m.yaml:3:10: funnels: expected a mapping of funnel names to funnels, found a list",
        BASE + "funnels: [checkout]\n");
    assertError("m.yaml:1:1: a model is a mapping with the keys source, events, preset, time_zone, funnels, "
        + "segmentations, cohorts, paths, found a list", "- a\n");
    assertError("m.yaml:1:1: a model is a mapping with the keys source, events, preset, time_zone, funnels, "
        + "segmentations, cohorts, paths, found a text value", "just text\n");
    assertError("m.yaml:7:17: funnels.checkout.breakdowns: expected a list ([a, b] or lines starting with '- '), "
        + "found a text value", funnel("    window: 7d\n    steps: [{name: a, when: x}]\n    breakdowns: s\n"));
  }

  @Test void emptyModel() {
    assertError("m.yaml:1:1: the model is empty; it needs at least 'source:' and 'events:' (or 'preset:')", "");
    assertError("m.yaml:1:1: the model is empty; it needs at least 'source:' and 'events:' (or 'preset:')",
        "# nothing yet\n");
  }

  @Test void oneDocumentOnly() {
    assertError("m.yaml:4:1: a model file holds one YAML document, but a second one starts here (after '---')",
        BASE + "---\nfunnels: {}\n");
  }

  @Test void steps() {
    assertError("m.yaml:6:12: funnels.checkout.steps: a funnel needs at least 1 step",
        funnel("    window: 7d\n    steps: []\n"));
    String steps = IntStream.rangeClosed(1, 33).mapToObj(i -> "      - { name: s" + i + ", when: x }\n")
        .collect(Collectors.joining());
    assertError("m.yaml:39:9: funnels.checkout.steps[33]: a funnel has at most 32 steps; this is step 33",
        funnel("    window: 7d\n    steps:\n" + steps));
    assertEquals(32, assertLoads(funnel("    window: 7d\n    steps:\n" + steps.substring(0,
        steps.lastIndexOf("      - ")))).funnel("checkout").steps().size());
    assertError("m.yaml:8:17: funnels.checkout.steps[2].name: duplicate step name 'Paid' (first at line 7); step "
        + "names must be unique within a funnel",
        funnel("    window: 7d\n    steps:\n      - { name: Paid, when: x }\n      - { name: Paid, when: y }\n"));
  }

  @Test void duplicateKeys() {
    assertError("m.yaml:7:3: funnels.checkout: duplicate key 'checkout' (first at line 4)",
        funnel("    window: 7d\n    steps: [{name: a, when: x}]\n  checkout:\n    window: 1d\n"));
    assertError("m.yaml:6:5: funnels.checkout.window: duplicate key 'window' (first at line 5)",
        funnel("    window: 7d\n    window: 1d\n    steps: [{name: a, when: x}]\n"));
    assertError("m.yaml:1:19: source.url: duplicate key 'url' (first at line 1)",
        "source: { url: a, url: b }\npreset: segment\n");
  }

  @Test void tableNameCollisions() {
    String oneStep = "    window: 7d\n    steps: [{name: a, when: x}]\n";
    assertError("m.yaml:7:3: funnels.x_summary: funnel 'x_summary' makes table funnels.\"x_summary\", which "
        + "funnel 'x' (line 4) makes too; rename one of them",
        BASE + "funnels:\n  x:\n" + oneStep + "  x_summary:\n" + oneStep);
    assertError("m.yaml:7:3: funnels.x: funnel 'x' makes table funnels.\"x_summary\", which funnel 'x_summary' "
        + "(line 4) makes too; rename one of them",
        BASE + "funnels:\n  x_summary:\n" + oneStep + "  x:\n" + oneStep);
    assertError("m.yaml:7:3: funnels.Checkout: funnel 'Checkout' makes table funnels.\"Checkout\", which funnel "
        + "'checkout' (line 4) makes too (table names are compared ignoring case); rename one of them",
        BASE + "funnels:\n  checkout:\n" + oneStep + "  Checkout:\n" + oneStep);
    assertError("m.yaml:5:3: segmentations.plan_sizes: segmentation 'plan_sizes' makes table "
        + "segments.\"plan_sizes\", which segmentation 'plan' (line 4) makes too; rename one of them",
        BASE + "segmentations:\n  plan: { kind: property }\n  plan_sizes: { kind: property }\n");
    assertError("m.yaml:5:3: cohorts.w_matrix: cohort 'w_matrix' makes table cohorts.\"w_matrix\", which cohort "
        + "'w' (line 4) makes too; rename one of them",
        BASE + "cohorts:\n  w: { entry: a, return: b, period: week }\n  w_matrix: { entry: a, return: b, period: "
        + "day }\n");
    // Different schemas never collide: funnels.x and segments.x are distinct tables.
    assertLoads(BASE + "funnels:\n  x:\n" + oneStep + "segmentations:\n  x: { kind: property }\n"
        + "cohorts:\n  x: { entry: a, return: b, period: week }\n");
  }

  @Test void emptyNames() {
    assertError("m.yaml:4:3: funnels.\"\": a funnel name must not be empty",
        BASE + "funnels:\n  \"\":\n    window: 7d\n    steps: [{name: a, when: x}]\n");
  }

  @Test void duplicateBreakdown() {
    // A breakdown that is no segmentation is a column, checked against the store when the connection opens.
    assertError("m.yaml:7:24: funnels.checkout.breakdowns[2]: duplicate breakdown 'plan' (first at line 7)",
        funnel("    window: 7d\n    steps: [{name: a, when: x}]\n    breakdowns: [plan, plan]\n"));
  }

  @Test void attribution() {
    assertError("m.yaml:7:18: funnels.checkout.attribution: attribution must be first_touch, last_touch or "
        + "{ step: N }; found 'first'", funnel("    window: 7d\n    steps: [{name: a, when: x}]\n"
        + "    attribution: first\n"));
    assertError("m.yaml:7:26: funnels.checkout.attribution.step: step must be a step of the funnel, 1 to 1; found 2",
        funnel("    window: 7d\n    steps: [{name: a, when: x}]\n    attribution: { step: 2 }\n"));
  }

  @Test void perAndDriversAreCheckedAtTheirLines() {
    assertError("m.yaml:8:18: funnels.checkout.breakdowns[1]: a funnel per 'account_id' counts entities, not users, "
        + "and segmentation 'plan' puts users in segments: break it down by a column instead, or drop 'per:' "
        + "(line 5)",
        funnel("    per: account_id\n    window: 7d\n    steps: [{name: a, when: x}]\n    breakdowns: [plan]\n")
        + "segmentations:\n  plan: { kind: property, property: plan }\n");
    assertError("m.yaml:7:21: funnels.checkout.drivers[2]: duplicate driver column 'plan' (first at line 7)",
        funnel("    window: 7d\n    steps: [{name: a, when: x}]\n    drivers: [plan, plan]\n"));
    assertError("m.yaml:5:10: funnels.checkout.per: expected a text value, found a list",
        funnel("    per: [a, b]\n    window: 7d\n    steps: [{name: a, when: x}]\n"));
  }

  /** {@code events.session}: a positive gap as durations are written, an optional column name, no other key. */
  @Test void sessions() {
    String events = "source: { url: u }\nevents:\n  table: t\n  user: u\n  time: ts\n  event: e\n";
    assertError("m.yaml:7:3: events.session: session needs gap: the longest time between two events of one session, "
        + "such as gap: 30m", events + "  session: { column: visit }\n");
    assertError("m.yaml:7:19: events.session.gap: gap must be longer than 0 (every event would be a session of its "
        + "own); found '0m'", events + "  session: { gap: 0m }\n");
    assertError("m.yaml:8:10: events.session.gap: gap must not be negative; found '-30m'",
        events + "  session:\n    gap: -30m\n");
    assertError("m.yaml:7:19: events.session.gap: gap must be a whole number of seconds, or a whole number with unit "
        + "s, m, h, d or w (such as 90s, 30m, 12h, 7d, 2w); found 'soon'", events + "  session: { gap: soon }\n");
    assertError("m.yaml:7:24: events.session.timeout: unknown key 'timeout'; valid keys: gap, column",
        events + "  session: { gap: 30m, timeout: 1h }\n");
    assertError("m.yaml:7:12: events.session: session must be a mapping such as { gap: 30m } (the longest time "
        + "between two events of one session), found a text value", events + "  session: 30m\n");
    assertError("m.yaml:7:3: events.sesion: unknown key 'sesion' (did you mean 'session'?); valid keys: table, "
        + "user, time, event, properties, session", events + "  sesion: { gap: 30m }\n");
    SessionConfig session = assertLoads(events + "  session: { gap: 30m }\n").events().session();
    assertEquals(1800, session.gapSeconds());
    assertEquals(SessionConfig.DEFAULT_COLUMN, session.column().text());
    assertEquals("visit", assertLoads(events + "  session: { gap: 2h, column: visit }\n").events().session()
        .column().text());
    assertEquals(null, assertLoads(events).events().session());
  }

  /** A path is per user or per the derived session; per session needs the model's {@code session:}. */
  @Test void pathsPerSession() {
    String paths = "paths:\n  p:\n    per: ";
    assertError("m.yaml:5:10: paths.p.per: per: session counts the sessions the model derives, but events: has no "
        + "session: key; add session: { gap: 30m } to events: (the longest time between two events of one session)",
        BASE + paths + "session\n");
    assertError("m.yaml:5:10: paths.p.per: per must be user or session (the session the model derives with events: "
        + "{ session: { gap: 30m } }); found 'account_id'", BASE + paths + "account_id\n");
    String withSession = BASE.replace("event: name }", "event: name, session: { gap: 30m, column: visit } }");
    assertTrue(assertLoads(withSession + paths + "session\n").paths().get("p").perSession());
    assertTrue(assertLoads(withSession + paths + "visit\n").paths().get("p").perSession());
    assertFalse(assertLoads(withSession + paths + "user\n").paths().get("p").perSession());
    assertFalse(assertLoads(BASE + "paths:\n  p: { steps: 3 }\n").paths().get("p").perSession());
  }

  @Test void presets() {
    assertError("m.yaml:2:9: preset: unknown preset 'segmnt'; known presets: ga4, posthog, rudderstack, segment, "
        + "snowplow", "source: { url: u }\npreset: segmnt\n");
    assertError("m.yaml:3:1: events: give either 'events:' (the table and its columns) or 'preset:' (a known "
        + "schema), not both", "source: { url: u }\npreset: segment\nevents: { table: t, user: u, time: t, "
        + "event: e }\n");
    assertError("m.yaml:2:1: preset: give either 'events:' (the table and its columns) or 'preset:' (a known "
        + "schema), not both", "events: { table: t, user: u, time: t, event: e }\npreset: segment\n"
        + "source: { url: u }\n");
    assertError("m.yaml:1:1: the model needs 'events:' (table, user, time and event columns) or 'preset:' (one of "
        + "ga4, posthog, rudderstack, segment, snowplow)", "source: { url: u }\n");
  }

  @Test void windows() {
    String steps = "    steps: [{name: a, when: x}]\n";
    assertError("m.yaml:5:13: funnels.checkout.window: window must be a whole number of seconds, or a whole number "
        + "with unit s, m, h, d or w (such as 90s, 30m, 12h, 7d, 2w); found '7x'", funnel("    window: 7x\n" + steps));
    assertEquals("m.yaml:5:13: funnels.checkout.window: window must be a whole number of seconds, or a whole number "
        + "with unit s, m, h, d or w (such as 90s, 30m, 12h, 7d, 2w); found '1.5h'",
        error(funnel("    window: 1.5h\n" + steps)).getMessage());
    assertError("m.yaml:5:13: funnels.checkout.window: window must not be negative; found '-7d'",
        funnel("    window: -7d\n" + steps));
    assertError("m.yaml:5:13: funnels.checkout.window: window must not be negative; found '-1'",
        funnel("    window: -1\n" + steps));
    assertError("m.yaml:5:13: funnels.checkout.window: window is too large; found '99999999999999999w'",
        funnel("    window: 99999999999999999w\n" + steps));
    assertError("m.yaml:5:13: funnels.checkout.window: expected a text value, found a list",
        funnel("    window: [7d]\n" + steps));
    long[] expected = {0, 45, 45, 30 * 60, 12 * 3600, 7 * 86_400, 2 * 604_800};
    String[] written = {"0", "45", "45s", "30m", "12h", "7d", "2w"};
    for (int i = 0; i < written.length; i++) {
      assertEquals(expected[i], assertLoads(funnel("    window: " + written[i] + "\n" + steps))
          .funnel("checkout").windowSeconds(), written[i]);
    }
  }

  @Test void badEnumValues() {
    String steps = "    steps: [{name: a, when: x}]\n";
    assertError("m.yaml:6:12: funnels.checkout.order: order must be one of ordered, strict, unordered; found "
        + "'random'", funnel("    window: 7d\n    order: random\n" + steps));
    assertError("m.yaml:6:12: funnels.checkout.trend: trend must be one of hour, day, week, month; found 'hourly'",
        funnel("    window: 7d\n    trend: hourly\n" + steps));
    assertError("m.yaml:3:46: cohorts.c.period: period must be one of hour, day, week, month; found 'fortnight'",
        BASE + "cohorts: { c: { entry: a, return: b, period: fortnight } }\n");
    assertError("m.yaml:3:63: cohorts.c.retention: retention must be one of n_day, unbounded, bracket; found 'forever'",
        BASE + "cohorts: { c: { entry: a, return: b, period: week, retention: forever } }\n");
    assertError("m.yaml:3:61: cohorts.c.periods: periods must be at least 1; found 0",
        BASE + "cohorts: { c: { entry: a, return: b, period: week, periods: 0 } }\n");
    assertError("m.yaml:3:61: cohorts.c.periods: periods must be a whole number; found 'many'",
        BASE + "cohorts: { c: { entry: a, return: b, period: week, periods: many } }\n");
    Model m = assertLoads(BASE + "cohorts: { c: { entry: a, return: b, period: Week, retention: UNBOUNDED } }\n");
    assertEquals(Period.WEEK, m.cohort("c").period());
    assertEquals(RetentionKind.UNBOUNDED, m.cohort("c").retention());
  }

  @Test void environmentVariables() {
    ModelException e = error("source: { url: \"jdbc:h2:mem:${DB}\", password: \"${PW}\" }\npreset: segment\n");
    assertEquals("m.yaml:1:16: source.url: environment variable DB is not set", e.getMessage());
    assertError("m.yaml:1:29: source.password: unclosed '${' (write '$${' for a literal '${')",
        "source: { url: u, password: \"${PW\" }\npreset: segment\n");
    assertError("m.yaml:1:16: source.url: '${not a name}' is not a valid environment variable reference (letters, "
        + "digits and '_'; write '$${' for a literal '${')", "source: { url: \"${not a name}\" }\npreset: segment\n");
    Model m = assertLoads("source: { url: \"a-$${PW}-${TOKEN}-$$-${PW}\", password: \"${PW}\" }\npreset: segment\n");
    assertEquals("a-${PW}-tok-Secret-43-$$-pw-Secret-42", m.source().url().text());
    assertEquals("pw-Secret-42", m.source().password().text());
    assertTrue(m.source().url().where().fromEnvironment());
    assertNoSecret(m.toString());
    assertNoSecret(m.source().url().toString());
    assertNoSecret(m.source().url().where().toString());
  }

  @Test void environmentValuesNeverAppearInErrors() {
    Map<String, String> env = Map.of("WINDOW", "secret-window-value", "PW", "pw-Secret-42");
    ModelException e = assertThrows(ModelException.class, () -> ModelLoader.parse("m.yaml",
        funnel("    window: \"${WINDOW}\"\n    steps: [{name: a, when: x}]\n"), env));
    assertEquals("m.yaml:5:13: funnels.checkout.window: window must be a whole number of seconds, or a whole number "
        + "with unit s, m, h, d or w (such as 90s, 30m, 12h, 7d, 2w); found '${WINDOW}'", e.getMessage());
  }

  @Test void passwordsAreMasked() throws Exception {
    Model m = assertLoads("source: { url: \"jdbc:postgresql://u:literal-pw@h/db?password=literal-pw&ssl=true\", "
        + "password: literal-pw }\npreset: segment\n");
    String s = m.toString();
    assertNoSecret(s);
    assertTrue(s.contains("password=****"), s);
    assertTrue(s.contains("ssl=true"), s);
    assertNoSecret(m.source().password().toString());
    Model empty = assertLoads("source: { url: u, user: sa, password: \"\" }\npreset: segment\n");
    assertEquals("", empty.source().password().text());
    assertEquals(null, assertLoads("source: { url: u, password: ~ }\npreset: segment\n").source().password());
    assertEquals("", assertLoads("source:\n  url: u\n  password:\npreset: segment\n").source().password().text());
  }

  @Test void exclusionsOutOfRange() {
    String two = "    window: 7d\n    steps: [{name: a, when: x}, {name: b, when: y}, {name: c, when: z}]\n";
    assertError("m.yaml:7:34: funnels.checkout.exclusions[1].from: from must be a step number from 1 to 2 (the "
        + "funnel has 3 steps and from must come before to); found 3",
        funnel(two + "    exclusions: [{when: q, from: 3}]\n"));
    assertError("m.yaml:7:34: funnels.checkout.exclusions[1].from: from must be a step number from 1 to 2 (the "
        + "funnel has 3 steps and from must come before to); found 0",
        funnel(two + "    exclusions: [{when: q, from: 0}]\n"));
    assertError("m.yaml:7:41: funnels.checkout.exclusions[1].to: to must be a step number after from (2) and at most"
        + " 3 (the funnel has 3 steps); found 2", funnel(two + "    exclusions: [{when: q, from: 2, to: 2}]\n"));
    assertError("m.yaml:7:32: funnels.checkout.exclusions[1].to: to must be a step number after from (1) and at most"
        + " 3 (the funnel has 3 steps); found 4", funnel(two + "    exclusions: [{when: q, to: 4}]\n"));
    assertError("m.yaml:7:18: funnels.checkout.exclusions[1]: an exclusion applies between two steps, but the "
        + "funnel has only 1 step", funnel("    window: 7d\n    steps: [{name: a, when: x}]\n"
        + "    exclusions: [{when: q}]\n"));
    assertError("m.yaml:7:18: funnels.checkout.exclusions[1]: missing required key 'when'",
        funnel(two + "    exclusions: [{from: 1}]\n"));
  }

  @Test void aliasesAndMergeKeys() {
    Model m = assertLoads(BASE + """
        funnels:
          a: &base
            window: 7d
            steps: [{name: one, when: x}, {name: two, when: y}]
          b:
            <<: *base
            window: 1d
        """);
    assertEquals(86_400L, m.funnel("b").windowSeconds());
    assertEquals(2, m.funnel("b").steps().size());
    ModelNode when = m.funnel("b").steps().get(1).when().where();
    assertEquals("funnels.b.steps[2].when", when.path());
    assertEquals(6, when.line());
    assertTrue(error(BASE + "funnels:\n  a: { window: *w, steps: [] }\n").getMessage()
        .startsWith("m.yaml:4:16: funnels.a.window: alias '*w' refers to no anchor '&w'"));
  }

  @Test void scalarAliasesAndModeLists() {
    Model m = assertLoads(BASE + """
        funnels:
          f:
            window: 7d
            mode: [strict_order, strict_once]
            steps: [{name: one, when: "x = 1"}]
        """);
    assertEquals("strict_order,strict_once", m.funnel("f").mode());
    ModelException e = error(BASE + "funnels:\n  f:\n    window: 7d\n"
        + "    steps: [{name: one, when: &cond \"x = 1\"}, {name: two, when: *cond}]\n");
    assertEquals("m.yaml:6:65: funnels.f.steps[2].when: alias '*cond' refers to no anchor '&cond' on a mapping or "
        + "list before it (anchors on single values are not supported: Jackson's YAML parser does not report them)",
        e.getMessage());
  }

  @Test void deepNestingIsAnError() {
    ModelException e = error(BASE + "cohorts: " + "[".repeat(5_000) + "\n");
    assertTrue(e.problem().startsWith("nested more than 64 levels deep"), e.getMessage());
    assertEquals(3, e.line());
  }

  @Test void aliasBombsAreStopped() {
    StringBuilder b = new StringBuilder(BASE).append("cohorts:\n  x0: &a0 [a, a, a, a, a, a, a, a, a, a]\n");
    for (int i = 1; i < 10; i++) {
      b.append("  x").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      b.append("]\n");
    }
    assertTrue(error(b.toString()).problem().startsWith("the model has more than"));
  }

  @Test void namesAreData() {
    Model m = assertLoads(BASE + """
        funnels:
          "x'; DROP TABLE events; --":
            window: 7d
            steps: [{ name: "Robert'); DROP TABLE students;--", when: "event_name = 'a'" }]
        """);
    assertEquals("Robert'); DROP TABLE students;--",
        m.funnel("x'; DROP TABLE events; --").steps().get(0).name());
  }

  @Test void unreadableFiles(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.yaml");
    ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(missing, ENV));
    assertEquals(missing + ": the model file does not exist", e.getMessage());
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
    e = assertThrows(ModelException.class, () -> ModelLoader.load(latin1, ENV));
    assertEquals(latin1 + ": the model file is not UTF-8 text", e.getMessage());
  }

  static Model assertLoads(String yaml) {
    try {
      return ModelLoader.parse("m.yaml", yaml, ENV);
    } catch (ModelException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }
}
