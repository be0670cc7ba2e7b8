package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.funnelsql.functions.period.LocalCalendar;

/** Validates a model tree and builds the {@link Model} records from it; the first mistake found is thrown. */
final class ModelReader {
  static final List<String> TOP_KEYS = List.of("source", "events", "preset", "time_zone", "funnels", "segmentations",
      "cohorts", "paths");
  static final List<String> SOURCE_KEYS = List.of("url", "user", "password", "schema");
  static final List<String> EVENTS_KEYS = List.of("table", "user", "time", "event", "properties", "session");
  static final List<String> SESSION_KEYS = List.of("gap", "column");
  static final List<String> FUNNEL_KEYS = List.of("window", "mode", "order", "steps", "exclusions", "breakdowns",
      "trend", "per", "drivers", "attribution", "as_of");
  static final List<String> STEP_KEYS = List.of("name", "when");
  static final List<String> EXCLUSION_KEYS = List.of("when", "from", "to");
  static final List<String> PATH_KEYS = List.of("start", "end", "steps", "per", "node", "collapse", "top");
  static final List<String> COHORT_KEYS = List.of("entry", "return", "period", "retention", "periods", "entries",
      "brackets", "breakdowns");

  private static final Pattern WINDOW = Pattern.compile("(-)?\\s*(\\d+)\\s*([a-zA-Z]*)");
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
  private static final Map<String, Long> WINDOW_UNITS = Map.of(
      "", 1L, "s", 1L, "m", 60L, "h", 3_600L, "d", 86_400L, "w", 604_800L);

  private final String file;
  private final EventSchemaPresets presets;

  private ModelReader(String file, EventSchemaPresets presets) {
    this.file = file;
    this.presets = presets;
  }

  static Model read(String file, @Nullable ModelNode root, EventSchemaPresets presets) throws ModelException {
    return new ModelReader(file, presets).model(root);
  }

  private Model model(@Nullable ModelNode root) throws ModelException {
    if (root == null || root.isNull()) {
      throw new ModelException(file, 1, 1, "", "the model is empty; it needs at least 'source:' and 'events:' "
          + "(or 'preset:')");
    }
    if (!root.isMap()) {
      throw root.error("a model is a mapping with the keys " + String.join(", ", TOP_KEYS) + ", found "
          + root.describe());
    }
    root.checkKeys(TOP_KEYS);
    ModelNode eventsNode = root.find("events");
    ModelNode presetNode = root.find("preset");
    if (eventsNode != null && presetNode != null) {
      ModelNode second = eventsNode.keyLine() > presetNode.keyLine()
          || eventsNode.keyLine() == presetNode.keyLine() && eventsNode.keyColumn() > presetNode.keyColumn()
          ? eventsNode : presetNode;
      throw second.keyError("give either 'events:' (the table and its columns) or 'preset:' (a known schema), "
          + "not both");
    }

    SourceConfig source = null;
    EventsConfig events = null;
    Map<String, FunnelConfig> funnels = new LinkedHashMap<>();
    Map<String, SegmentationConfig> segmentations = new LinkedHashMap<>();
    Map<String, CohortConfig> cohorts = new LinkedHashMap<>();
    Map<String, PathConfig> paths = new LinkedHashMap<>();
    LocalCalendar calendar = LocalCalendar.UTC;
    // Sections in file order, so that the first error reported is the first one in the file.
    for (ModelNode section : root.entries().values()) {
      switch (String.valueOf(section.key())) {
        case "source":
          source = source(section);
          break;
        case "events":
          events = events(section);
          break;
        case "preset":
          events = preset(section);
          break;
        case "time_zone":
          calendar = calendar(section);
          break;
        case "funnels":
          for (ModelNode f : namedEntries(section, "funnel")) {
            funnels.put(f.key(), funnel(f));
          }
          break;
        case "segmentations":
          for (ModelNode s : namedEntries(section, "segmentation")) {
            segmentations.put(s.key(), segmentation(s));
          }
          break;
        case "paths":
          for (ModelNode p : namedEntries(section, "path")) {
            paths.put(p.key(), path(p));
          }
          break;
        case "cohorts":
          for (ModelNode c : namedEntries(section, "cohort")) {
            cohorts.put(c.key(), cohort(c));
          }
          break;
        default:
          throw new IllegalStateException("unchecked key " + section.key());
      }
    }
    if (source == null) {
      source = source(root.require("source"));
    }
    if (events == null) {
      throw root.error("the model needs 'events:' (table, user, time and event columns) or 'preset:' (one of "
          + String.join(", ", presets.all().keySet()) + ")");
    }
    checkBreakdowns(funnels, segmentations, cohorts);
    checkPathsPer(paths, events);
    checkTableNames(funnels, segmentations, cohorts, paths);
    return new Model(file, source, events, calendar, funnels, segmentations, cohorts, paths);
  }

  /** {@code time_zone: America/Los_Angeles}: the calendar of the model's periods. */
  private static LocalCalendar calendar(ModelNode n) throws ModelException {
    final Located zone = n.expectText();
    try {
      return LocalCalendar.of(zone.text());
    } catch (IllegalArgumentException e) {
      throw n.error(e.getMessage());
    }
  }

  /** The entries of a {@code funnels:}-like section, each checked to have a non-empty name. */
  private static List<ModelNode> namedEntries(ModelNode section, String what) throws ModelException {
    if (section.isNull()) {
      return List.of();
    }
    if (!section.isMap()) {
      throw section.error("expected a mapping of " + what + " names to " + what + "s, found " + section.describe());
    }
    List<ModelNode> result = new ArrayList<>();
    for (ModelNode v : section.entries().values()) {
      String name = v.key();
      if (name == null || name.isBlank()) {
        throw v.keyError("a " + what + " name must not be empty");
      }
      result.add(v);
    }
    return result;
  }

  private static SourceConfig source(ModelNode n) throws ModelException {
    n.expectMap();
    n.checkKeys(SOURCE_KEYS);
    return new SourceConfig(n.requireText("url"), n.optionalScalar("user"), n.optionalScalar("password"),
        n.optionalText("schema"));
  }

  private static EventsConfig events(ModelNode n) throws ModelException {
    n.expectMap();
    n.checkKeys(EVENTS_KEYS);
    Located table = n.requireText("table");
    Located user = n.requireText("user");
    Located time = n.requireText("time");
    Located event = n.requireText("event");
    List<Located> properties = uniqueTexts(n.optional("properties"), "property");
    ModelNode session = n.optional("session");
    return new EventsConfig(table, user, time, event, properties, session == null ? null : session(session));
  }

  /**
   * {@code session: { gap: 30m, column: visit }}: the session the model derives for each event. The gap is a
   * duration as a funnel's window is, and must be positive; the column's name must not be one of the events' own
   * (checked against the store when the connection opens).
   */
  private static SessionConfig session(ModelNode n) throws ModelException {
    if (!n.isMap()) {
      throw n.error("session must be a mapping such as { gap: 30m } (the longest time between two events of one "
          + "session), found " + n.describe());
    }
    n.checkKeys(SESSION_KEYS);
    ModelNode gapNode = n.optional("gap");
    if (gapNode == null) {
      throw n.keyError("session needs gap: the longest time between two events of one session, such as gap: 30m");
    }
    long gap = duration(gapNode, "gap");
    if (gap == 0) {
      throw gapNode.error("gap must be longer than 0 (every event would be a session of its own); found "
          + gapNode.quoted());
    }
    Located column = n.optionalText("column");
    if (column != null && column.text().isBlank()) {
      throw column.error("column must name the derived session column, such as column: visit");
    }
    return new SessionConfig(n, gap, column != null ? new Located(column.text().strip(), column.where())
        : new Located(SessionConfig.DEFAULT_COLUMN, n));
  }

  private EventsConfig preset(ModelNode n) throws ModelException {
    String name = n.expectText().text().strip();
    EventSchemaPreset preset = presets.find(name);
    if (preset == null) {
      StringBuilder b = new StringBuilder("unknown preset ").append(n.quoted()).append("; known presets: ")
          .append(presets.all().isEmpty() ? "(none)" : String.join(", ", presets.all().keySet()));
      if (!presets.problems().isEmpty()) {
        b.append(" (").append(presets.problems().size()).append(" provider problem(s): ")
            .append(String.join("; ", presets.problems())).append(')');
      }
      throw n.error(b.toString());
    }
    EventsConfig events;
    try {
      events = preset.events(n);
    } catch (RuntimeException e) {
      throw n.error("preset '" + preset.name() + "' (" + preset.getClass().getName() + ") failed: " + e);
    }
    if (events == null) {
      throw n.error("preset '" + preset.name() + "' (" + preset.getClass().getName() + ") gave no events table");
    }
    return events;
  }

  private static FunnelConfig funnel(ModelNode n) throws ModelException {
    n.expectMap();
    n.checkKeys(FUNNEL_KEYS);
    long window = window(n.require("window"));
    String mode = mode(n.optional("mode"));
    StepOrder order = choice(n.optional("order"), "order", StepOrder.class, StepOrder.ORDERED);

    ModelNode stepsNode = n.require("steps").expectList();
    if (stepsNode.items().isEmpty()) {
      throw stepsNode.error("a funnel needs at least 1 step");
    }
    if (stepsNode.items().size() > FunnelConfig.MAX_STEPS) {
      throw stepsNode.items().get(FunnelConfig.MAX_STEPS).error("a funnel has at most " + FunnelConfig.MAX_STEPS
          + " steps; this is step " + (FunnelConfig.MAX_STEPS + 1));
    }
    List<StepConfig> steps = new ArrayList<>();
    Map<String, ModelNode> stepNames = new HashMap<>();
    for (ModelNode s : stepsNode.items()) {
      s.expectMap();
      s.checkKeys(STEP_KEYS);
      Located name = s.requireText("name");
      Located when = s.requireText("when");
      ModelNode first = stepNames.putIfAbsent(name.text(), name.where());
      if (first != null) {
        throw name.error("duplicate step name " + name.where().quoted() + " (first at line " + first.line()
            + "); step names must be unique within a funnel");
      }
      steps.add(new StepConfig(name.text(), when));
    }

    List<ExclusionConfig> exclusions = new ArrayList<>();
    ModelNode exclusionsNode = n.optional("exclusions");
    if (exclusionsNode != null) {
      for (ModelNode x : exclusionsNode.expectList().items()) {
        exclusions.add(exclusion(x, steps.size()));
      }
    }
    List<Located> breakdowns = uniqueTexts(n.optional("breakdowns"), "breakdown");
    Period trend = choice(n.optional("trend"), "trend", Period.class, Period.WEEK);
    Located per = n.optionalText("per");
    List<Located> drivers = uniqueTexts(n.optional("drivers"), "driver column");
    return new FunnelConfig(n.key(), n, window, mode, order, steps, exclusions, breakdowns, trend, per, drivers,
        attribution(n.optional("attribution"), steps.size()),
        choice(n.optional("as_of"), "as_of", BreakdownTime.class, BreakdownTime.ENTRY));
  }

  /** An attribution: {@code first_touch}, {@code last_touch} or {@code { step: N }} with N a step of the funnel. */
  private static Attribution attribution(@Nullable ModelNode n, int steps) throws ModelException {
    if (n == null) {
      return Attribution.FIRST_TOUCH;
    }
    if (n.isMap()) {
      n.checkKeys(List.of("step"));
      final ModelNode stepNode = n.require("step");
      final int step = integer(stepNode, "step");
      if (step < 1 || step > steps) {
        throw stepNode.error("step must be a step of the funnel, 1 to " + steps + "; found " + step);
      }
      return new Attribution(step);
    }
    final String text = n.expectText().text().strip();
    if (text.equalsIgnoreCase("first_touch")) {
      return Attribution.FIRST_TOUCH;
    }
    if (text.equalsIgnoreCase("last_touch")) {
      return Attribution.LAST_TOUCH;
    }
    throw n.error("attribution must be first_touch, last_touch or { step: N }; found " + n.quoted());
  }

  /** A window: a whole number of seconds, or a whole number with unit s, m, h, d or w. */
  static long window(ModelNode n) throws ModelException {
    return duration(n, "window");
  }

  /** A duration named {@code what}: a whole number of seconds, or a whole number with unit s, m, h, d or w. */
  static long duration(ModelNode n, String what) throws ModelException {
    String s = n.expectText().text().strip();
    Matcher m = WINDOW.matcher(s);
    Long unit = m.matches() ? WINDOW_UNITS.get(m.group(3)) : null;
    if (unit == null) {
      throw n.error(what + " must be a whole number of seconds, or a whole number with unit s, m, h, d or w "
          + "(such as 90s, 30m, 12h, 7d, 2w); found " + n.quoted());
    }
    if (m.group(1) != null) {
      throw n.error(what + " must not be negative; found " + n.quoted());
    }
    try {
      return Math.multiplyExact(Long.parseLong(m.group(2)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      throw n.error(what + " is too large; found " + n.quoted());
    }
  }

  private static String mode(@Nullable ModelNode n) throws ModelException {
    if (n == null) {
      return "";
    }
    if (n.isList()) {
      List<String> modes = new ArrayList<>();
      for (ModelNode m : n.items()) {
        modes.add(m.expectText().text().strip());
      }
      return String.join(",", modes);
    }
    return n.expectText().text().strip();
  }

  private static ExclusionConfig exclusion(ModelNode x, int stepCount) throws ModelException {
    x.expectMap();
    x.checkKeys(EXCLUSION_KEYS);
    Located when = x.requireText("when");
    if (stepCount < 2) {
      throw x.error("an exclusion applies between two steps, but the funnel has only 1 step");
    }
    ModelNode fromNode = x.optional("from");
    ModelNode toNode = x.optional("to");
    int from = fromNode == null ? 1 : integer(fromNode, "from");
    int to = toNode == null ? stepCount : integer(toNode, "to");
    if (from < 1 || from >= stepCount) {
      throw (fromNode != null ? fromNode : x).error("from must be "
          + (stepCount == 2 ? "1" : "a step number from 1 to " + (stepCount - 1)) + " (the funnel has "
          + stepCount + " steps and from must come before to); found " + from);
    }
    if (to <= from || to > stepCount) {
      throw (toNode != null ? toNode : x).error("to must be a step number after from (" + from + ") and at most "
          + stepCount + " (the funnel has " + stepCount + " steps); found " + to);
    }
    return new ExclusionConfig(when, from, to);
  }

  private static SegmentationConfig segmentation(ModelNode n) throws ModelException {
    n.expectMap();
    ModelNode kindNode = n.optional("kind");
    String kind;
    if (kindNode != null) {
      kind = kindNode.expectText().text().strip();
    } else if (n.find("rules") != null) {
      kind = SegmentationConfig.RULES;
    } else {
      throw n.keyError("missing required key 'kind' (such as kind: property), or 'rules:' for a segmentation by "
          + "rules");
    }
    return new SegmentationConfig(n.key(), n, kind, n);
  }

  private static PathConfig path(ModelNode n) throws ModelException {
    n.expectMap();
    n.checkKeys(PATH_KEYS);
    Located per = n.optionalText("per");
    int steps = bounded(n.optional("steps"), "steps", PathConfig.DEFAULT_STEPS, 2, PathConfig.MAX_STEPS);
    int top = bounded(n.optional("top"), "top", PathConfig.DEFAULT_TOP, 1, PathConfig.MAX_TOP);
    return new PathConfig(n.key(), n, n.optionalText("start"), n.optionalText("end"), steps, n.optionalText("node"),
        flag(n.optional("collapse"), "collapse", true), top,
        per == null || per.text().strip().equalsIgnoreCase("user") ? null : per);
  }

  /** A whole number in [min, max], {@code dflt} when absent. */
  private static int bounded(@Nullable ModelNode n, String what, int dflt, int min, int max) throws ModelException {
    if (n == null) {
      return dflt;
    }
    int value = integer(n, what);
    if (value < min || value > max) {
      throw n.error(what + " must be from " + min + " to " + max + "; found " + n.quoted());
    }
    return value;
  }

  /** A true/false flag, {@code dflt} when absent. */
  private static boolean flag(@Nullable ModelNode n, String what, boolean dflt) throws ModelException {
    if (n == null) {
      return dflt;
    }
    String s = n.expectText().text().strip();
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(s);
    }
    throw n.error(what + " must be true or false; found " + n.quoted());
  }

  private static CohortConfig cohort(ModelNode n) throws ModelException {
    n.expectMap();
    n.checkKeys(COHORT_KEYS);
    Located entry = n.requireText("entry");
    Located returning = n.requireText("return");
    Period period = choice(n.require("period"), "period", Period.class, null);
    RetentionKind retention = choice(n.optional("retention"), "retention", RetentionKind.class,
        RetentionKind.N_DAY);
    CohortEntries entries = choice(n.optional("entries"), "entries", CohortEntries.class, CohortEntries.FIRST);
    List<Bracket> brackets = brackets(n, retention);
    ModelNode periodsNode = n.optional("periods");
    int periods = brackets.isEmpty() ? CohortConfig.DEFAULT_PERIODS : brackets.get(brackets.size() - 1).to();
    if (periodsNode != null) {
      periods = integer(periodsNode, "periods");
      if (periods < 1) {
        throw periodsNode.error("periods must be at least 1; found " + periods);
      }
      if (!brackets.isEmpty() && periods < brackets.get(brackets.size() - 1).to()) {
        throw periodsNode.error("periods must reach the last bracket's end, " + brackets.get(brackets.size() - 1).to()
            + "; found " + periods);
      }
    }
    List<Located> breakdowns = uniqueTexts(n.optional("breakdowns"), "breakdown");
    return new CohortConfig(n.key(), n, entry, returning, period, retention, periods, entries, brackets, breakdowns);
  }

  /** The {@code brackets:} of a cohort: increasing, non-overlapping [from, to] offsets, only with bracket retention. */
  private static List<Bracket> brackets(ModelNode cohort, RetentionKind retention) throws ModelException {
    ModelNode n = cohort.optional("brackets");
    if (n == null) {
      if (retention == RetentionKind.BRACKET) {
        throw cohort.error("retention: bracket needs brackets: [[from, to], ...] (period offsets)");
      }
      return List.of();
    }
    if (retention != RetentionKind.BRACKET) {
      throw n.keyError("brackets are read only with retention: bracket");
    }
    n.expectList();
    if (n.items().isEmpty()) {
      throw n.error("brackets needs at least one [from, to] pair");
    }
    List<Bracket> brackets = new ArrayList<>();
    for (ModelNode item : n.items()) {
      item.expectList();
      if (item.items().size() != 2) {
        throw item.error("a bracket is a pair [from, to] of period offsets; found " + item.quoted());
      }
      int from = integer(item.items().get(0), "a bracket's start");
      int to = integer(item.items().get(1), "a bracket's end");
      int after = brackets.isEmpty() ? -1 : brackets.get(brackets.size() - 1).to();
      if (from < 0 || to < from || from <= after) {
        throw item.error("brackets must be [from, to] with 0 <= from <= to, each after the previous one; found "
            + item.quoted());
      }
      brackets.add(new Bracket(from, to));
    }
    return brackets;
  }

  /** One of an enum's constants, written in lower case ({@code n_day}); {@code dflt} when absent. */
  private static <E extends Enum<E>> E choice(@Nullable ModelNode n, String what, Class<E> type, @Nullable E dflt)
      throws ModelException {
    if (n == null) {
      if (dflt == null) {
        throw new IllegalStateException(what + " is required");
      }
      return dflt;
    }
    String s = n.expectText().text().strip();
    List<String> names = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      String name = e.name().toLowerCase(Locale.ROOT);
      names.add(name);
      if (name.equalsIgnoreCase(s)) {
        return e;
      }
    }
    throw n.error(what + " must be one of " + String.join(", ", names) + "; found " + n.quoted());
  }

  private static int integer(ModelNode n, String what) throws ModelException {
    String s = n.expectText().text().strip();
    if (!INTEGER.matcher(s).matches()) {
      throw n.error(what + " must be a whole number; found " + n.quoted());
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw n.error(what + " is too large; found " + n.quoted());
    }
  }

  /** A list of non-empty texts without repeats (an absent list is empty). */
  private static List<Located> uniqueTexts(@Nullable ModelNode n, String what) throws ModelException {
    if (n == null) {
      return List.of();
    }
    n.expectList();
    List<Located> result = new ArrayList<>();
    Map<String, ModelNode> seen = new HashMap<>();
    for (ModelNode item : n.items()) {
      Located l = item.expectText();
      ModelNode first = seen.putIfAbsent(l.text(), item);
      if (first != null) {
        throw item.error("duplicate " + what + " " + item.quoted() + " (first at line " + first.line() + ")");
      }
      result.add(l);
    }
    return result;
  }

  private static void checkBreakdowns(Map<String, FunnelConfig> funnels,
      Map<String, SegmentationConfig> segmentations, Map<String, CohortConfig> cohorts) throws ModelException {
    for (FunnelConfig f : funnels.values()) {
      for (Located b : f.breakdowns()) {
        // A breakdown that is no segmentation is a column of the events (checked against the store).
        if (f.per() != null && (segmentations.containsKey(b.text()) || cohorts.containsKey(b.text()))) {
          throw b.error("a funnel per '" + f.per().text() + "' counts entities, not users, and "
              + (segmentations.containsKey(b.text()) ? "segmentation '" : "cohort '") + b.text()
              + "' puts users in segments: break it down by a column instead, or drop 'per:' (line "
              + f.per().where().line() + ")");
        }
      }
    }
  }

  /** A path is per user, or per the session the model derives ({@code per: session}). */
  private static void checkPathsPer(Map<String, PathConfig> paths, EventsConfig events) throws ModelException {
    for (PathConfig path : paths.values()) {
      Located per = path.per();
      if (per == null || events.isSession(per)) {
        continue;
      }
      if (per.text().strip().equalsIgnoreCase(SessionConfig.PER)) {
        throw per.error("per: session counts the sessions the model derives, but events: has no session: key; add "
            + "session: { gap: 30m } to events: (the longest time between two events of one session)");
      }
      throw per.error("per must be user or session (the session the model derives with events: { session: "
          + "{ gap: 30m } }); found " + per.where().quoted());
    }
  }

  /** Tables are looked up case-insensitively by many clients, so names that differ only in case collide too. */
  private static void checkTableNames(Map<String, FunnelConfig> funnels,
      Map<String, SegmentationConfig> segmentations, Map<String, CohortConfig> cohorts, Map<String, PathConfig> paths)
      throws ModelException {
    TableNamespace funnelTables = new TableNamespace("funnels");
    for (FunnelConfig f : funnels.values()) {
      funnelTables.add("funnel", f.name(), f.where(), f.tableNames());
    }
    TableNamespace segmentTables = new TableNamespace("segments");
    for (SegmentationConfig s : segmentations.values()) {
      segmentTables.add("segmentation", s.name(), s.where(), s.tableNames());
    }
    TableNamespace cohortTables = new TableNamespace("cohorts");
    for (CohortConfig c : cohorts.values()) {
      cohortTables.add("cohort", c.name(), c.where(), c.tableNames());
    }
    TableNamespace pathTables = new TableNamespace("paths");
    for (PathConfig p : paths.values()) {
      pathTables.add("path", p.name(), p.where(), p.tableNames());
    }
  }

  /** The tables of one schema, by lower-case name, with the model object that makes each. */
  private static final class TableNamespace {
    private final String schema;
    private final Map<String, String[]> owners = new HashMap<>();

    TableNamespace(String schema) {
      this.schema = schema;
    }

    void add(String what, String name, ModelNode where, List<String> tables) throws ModelException {
      for (String table : tables) {
        String[] owner = owners.get(table.toLowerCase(Locale.ROOT));
        if (owner != null && !owner[1].equals(name)) {
          String caseNote = owner[3].equals(table) ? "" : " (table names are compared ignoring case)";
          throw where.keyError(what + " " + ModelNode.quote(name) + " makes table " + schema + ".\""
              + table.replace("\"", "\"\"") + "\", which " + owner[0] + " " + ModelNode.quote(owner[1]) + " (line "
              + owner[2] + ") makes too" + caseNote + "; rename one of them");
        }
        owners.put(table.toLowerCase(Locale.ROOT),
            new String[] {what, name, String.valueOf(where.keyLine()), table});
      }
    }
  }
}
