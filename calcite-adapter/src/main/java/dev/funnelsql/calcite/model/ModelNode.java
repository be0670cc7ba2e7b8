package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One node of a parsed model file — a mapping (keys in file order, no duplicates), a list, or a scalar text — that
 * knows where it is (file, line, column and key path such as {@code funnels.checkout.steps[2].when}), so that every
 * error about it can say where it is; immutable.
 *
 * <p>List indexes in key paths are 1-based, like funnel step numbers: {@code steps[1]} is the first step. Scalars
 * hold their text twice: {@link #text()} with {@code ${VAR}} references replaced, and {@link #source()} as written
 * in the file; messages and {@link #toString()} only ever use the latter, so no environment value leaks into them.
 *
 * <p>The {@code require…}/{@code expect…}/{@link #checkKeys} helpers throw a located {@link ModelException}; segment
 * kinds and presets use them to read their own options.
 */
public final class ModelNode {
  /** What a node is. */
  public enum Kind {
    /** A mapping of text keys to nodes, in file order. */
    MAP,
    /** A list of nodes. */
    LIST,
    /** A scalar (text, number, boolean, or the empty/null value), always held as text. */
    SCALAR
  }

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");
  private static final int MAX_QUOTED = 60;

  private final Kind kind;
  private final String file;
  private final int line;
  private final int column;
  private final int keyLine;
  private final int keyColumn;
  private final String path;
  private final @Nullable String key;
  private final Map<String, ModelNode> entries;
  private final List<ModelNode> items;
  private final @Nullable String text;
  private final String source;
  private final boolean substituted;

  private ModelNode(Kind kind, String file, int line, int column, int keyLine, int keyColumn, String path,
      @Nullable String key, Map<String, ModelNode> entries, List<ModelNode> items, @Nullable String text,
      String source, boolean substituted) {
    this.kind = kind;
    this.file = file;
    this.line = line;
    this.column = column;
    this.keyLine = keyLine;
    this.keyColumn = keyColumn;
    this.path = path;
    this.key = key;
    this.entries = entries;
    this.items = items;
    this.text = text;
    this.source = source;
    this.substituted = substituted;
  }

  /** Where a node sits: its file, position, key path, and the key (with its position) that names it. */
  record Place(String file, int line, int column, String path, @Nullable String key, int keyLine, int keyColumn) {
    Place child(String childKey, int childKeyLine, int childKeyColumn, int childLine, int childColumn) {
      return new Place(file, childLine, childColumn, childPath(path, childKey), childKey, childKeyLine,
          childKeyColumn);
    }

    Place item(int index1, int itemLine, int itemColumn) {
      return new Place(file, itemLine, itemColumn, path + "[" + index1 + "]", null, itemLine, itemColumn);
    }
  }

  static ModelNode map(Place at, Map<String, ModelNode> entries) {
    return new ModelNode(Kind.MAP, at.file(), at.line(), at.column(), at.keyLine(), at.keyColumn(), at.path(),
        at.key(), Collections.unmodifiableMap(new LinkedHashMap<>(entries)), List.of(), null, "", false);
  }

  static ModelNode list(Place at, List<ModelNode> items) {
    return new ModelNode(Kind.LIST, at.file(), at.line(), at.column(), at.keyLine(), at.keyColumn(), at.path(),
        at.key(), Map.of(), List.copyOf(items), null, "", false);
  }

  /** A scalar; {@code text} is null for YAML's null (an empty value, {@code ~} or {@code null}). */
  static ModelNode scalar(Place at, @Nullable String text, String source, boolean substituted) {
    return new ModelNode(Kind.SCALAR, at.file(), at.line(), at.column(), at.keyLine(), at.keyColumn(), at.path(),
        at.key(), Map.of(), List.of(), text, source, substituted);
  }

  /** This node's place. */
  Place place() {
    return new Place(file, line, column, path, key, keyLine, keyColumn);
  }

  /**
   * A copy of this subtree placed elsewhere (for a YAML alias): positions stay where the text is written, key paths
   * become those of the new place.
   */
  ModelNode moveTo(Place at) {
    switch (kind) {
      case MAP: {
        Map<String, ModelNode> moved = new LinkedHashMap<>();
        entries.forEach((k, v) -> moved.put(k,
            v.moveTo(new Place(file, v.line, v.column, childPath(at.path(), k), k, v.keyLine, v.keyColumn))));
        return new ModelNode(kind, file, line, column, at.keyLine(), at.keyColumn(), at.path(), at.key(),
            Collections.unmodifiableMap(moved), items, text, source, substituted);
      }
      case LIST: {
        List<ModelNode> moved = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          ModelNode v = items.get(i);
          moved.add(v.moveTo(new Place(file, v.line, v.column, at.path() + "[" + (i + 1) + "]", null, v.keyLine,
              v.keyColumn)));
        }
        return new ModelNode(kind, file, line, column, at.keyLine(), at.keyColumn(), at.path(), at.key(), entries,
            List.copyOf(moved), text, source, substituted);
      }
      default:
        return new ModelNode(kind, file, line, column, at.keyLine(), at.keyColumn(), at.path(), at.key(), entries,
            items, text, source, substituted);
    }
  }

  /** Number of nodes in this subtree (for the alias expansion limit). */
  int size() {
    int n = 1;
    for (ModelNode v : entries.values()) {
      n += v.size();
    }
    for (ModelNode v : items) {
      n += v.size();
    }
    return n;
  }

  /** The key path of {@code key} under {@code parent}; keys that are not plain identifiers are double-quoted. */
  static String childPath(String parent, String key) {
    String segment = PLAIN_KEY.matcher(key).matches()
        ? key
        : '"' + key.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    return parent.isEmpty() ? segment : parent + "." + segment;
  }

  /** Whether this is a mapping, a list or a scalar. */
  public Kind kind() {
    return kind;
  }

  /** Whether this node is a mapping. */
  public boolean isMap() {
    return kind == Kind.MAP;
  }

  /** Whether this node is a list. */
  public boolean isList() {
    return kind == Kind.LIST;
  }

  /** Whether this node is a scalar (including the empty value). */
  public boolean isScalar() {
    return kind == Kind.SCALAR;
  }

  /** Whether this node is YAML's null or an empty or blank text: a key written with no value. */
  public boolean isEmpty() {
    return kind == Kind.SCALAR && (text == null || text.isBlank());
  }

  /** Whether this node is YAML's null: a key written with no value, {@code ~} or {@code null} (but not {@code ""}). */
  public boolean isNull() {
    return kind == Kind.SCALAR && text == null;
  }

  /** The model file's name as given to the loader. */
  public String file() {
    return file;
  }

  /** 1-based line where this node's value starts. */
  public int line() {
    return line;
  }

  /** 1-based column where this node's value starts. */
  public int column() {
    return column;
  }

  /** 1-based line of the key naming this node in its mapping (its own line if it is not a mapping value). */
  public int keyLine() {
    return keyLine;
  }

  /** 1-based column of the key naming this node (its own column if it is not a mapping value). */
  public int keyColumn() {
    return keyColumn;
  }

  /** The key path, such as {@code funnels.checkout.steps[2].when}; "" for the document's root. */
  public String path() {
    return path;
  }

  /** The key naming this node in its parent mapping, or null for list items and the root. */
  public @Nullable String key() {
    return key;
  }

  /** {@code file:line:column} of this node. */
  public String location() {
    return file + ":" + line + ":" + column;
  }

  /** The entries of a mapping in file order (empty for other kinds). */
  public Map<String, ModelNode> entries() {
    return entries;
  }

  /** The items of a list (empty for other kinds). */
  public List<ModelNode> items() {
    return items;
  }

  /**
   * A scalar's text with {@code ${VAR}} references replaced ("" for the empty value).
   *
   * @throws IllegalStateException if this is not a scalar
   */
  public String text() {
    if (kind != Kind.SCALAR) {
      throw new IllegalStateException(path + " is " + describe() + ", not a scalar");
    }
    return text == null ? "" : text;
  }

  /** A scalar's text exactly as written in the file, {@code ${VAR}} references unexpanded ("" for other kinds). */
  public String source() {
    return source;
  }

  /** Whether a scalar's text came (in part) from the environment through a {@code ${VAR}} reference. */
  public boolean fromEnvironment() {
    return substituted;
  }

  /** The value of {@code key} in this mapping, or null if this is not a mapping or has no such key. */
  public @Nullable ModelNode find(String key) {
    return entries.get(key);
  }

  /** The value of {@code key} in this mapping, or null if absent or written with an empty value. */
  public @Nullable ModelNode optional(String key) throws ModelException {
    expectMap();
    ModelNode v = entries.get(key);
    return v == null || v.isEmpty() ? null : v;
  }

  /** The value of the required {@code key} in this mapping; an error if it is absent or empty. */
  public ModelNode require(String key) throws ModelException {
    expectMap();
    ModelNode v = entries.get(key);
    if (v == null) {
      throw keyError("missing required key '" + key + "'");
    }
    if (v.isEmpty()) {
      throw v.error("'" + key + "' needs a value");
    }
    return v;
  }

  /** The non-empty text of the required scalar {@code key}, located (see {@link #require}). */
  public Located requireText(String key) throws ModelException {
    return require(key).expectText();
  }

  /** The located non-empty text of the optional scalar {@code key}, or null if absent or empty. */
  public @Nullable Located optionalText(String key) throws ModelException {
    ModelNode v = optional(key);
    return v == null ? null : v.expectText();
  }

  /**
   * The located text of the optional scalar {@code key}, which may be the empty text {@code ""} (an empty password);
   * null if absent or YAML's null.
   */
  public @Nullable Located optionalScalar(String key) throws ModelException {
    expectMap();
    ModelNode v = entries.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isScalar()) {
      throw v.error("expected a text value, found " + v.describe());
    }
    return new Located(v.text(), v);
  }

  /** This node, checked to be a mapping. */
  public ModelNode expectMap() throws ModelException {
    if (kind != Kind.MAP) {
      throw error("expected a mapping (key: value), found " + describe());
    }
    return this;
  }

  /** This node, checked to be a list. */
  public ModelNode expectList() throws ModelException {
    if (kind != Kind.LIST) {
      throw error("expected a list ([a, b] or lines starting with '- '), found " + describe());
    }
    return this;
  }

  /** This node's text with its location, checked to be a non-empty scalar. */
  public Located expectText() throws ModelException {
    if (kind != Kind.SCALAR) {
      throw error("expected a text value, found " + describe());
    }
    if (isEmpty()) {
      throw error("needs a value");
    }
    return new Located(text(), this);
  }

  /** Checks that this mapping has no key but the given ones; the error names the unknown key and the valid ones. */
  public void checkKeys(String... allowed) throws ModelException {
    checkKeys(Arrays.asList(allowed));
  }

  /** Checks that this mapping has no key but the given ones; the error names the unknown key and the valid ones. */
  public void checkKeys(Collection<String> allowed) throws ModelException {
    expectMap();
    for (ModelNode v : entries.values()) {
      String k = v.key();
      if (k != null && !allowed.contains(k)) {
        StringBuilder b = new StringBuilder("unknown key ").append(quote(k));
        String near = closest(k, allowed);
        if (near != null) {
          b.append(" (did you mean '").append(near).append("'?)");
        }
        b.append("; valid keys: ").append(String.join(", ", allowed));
        throw ModelException.atKey(v, b.toString());
      }
    }
  }

  /** A located error about this node. */
  public ModelException error(String problem) {
    return ModelException.at(this, problem);
  }

  /** A located error about the key naming this node. */
  public ModelException keyError(String problem) {
    return ModelException.atKey(this, problem);
  }

  /** How this node reads in a message: "a mapping", "a list", "an empty value" or "a text value" (never the value). */
  public String describe() {
    switch (kind) {
      case MAP:
        return "a mapping";
      case LIST:
        return "a list";
      default:
        return isEmpty() ? "an empty value" : "a text value";
    }
  }

  /** The source text of a scalar in single quotes for a message, shortened if long (never env values). */
  public String quoted() {
    return quote(source);
  }

  static String quote(String s) {
    String t = s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "…" : s;
    return "'" + t.replace("\n", "\\n") + "'";
  }

  private static @Nullable String closest(String key, Collection<String> allowed) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String k = key.toLowerCase(Locale.ROOT);
    for (String a : allowed) {
      int d = distance(k, a.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = a;
      }
    }
    return bestDistance <= Math.max(1, key.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Kind, location and key path only — never a value, so a password cannot leak through logging. */
  @Override public String toString() {
    return "ModelNode[" + kind.name().toLowerCase(Locale.ROOT) + " at " + location()
        + (path.isEmpty() ? "" : " " + path) + "]";
  }
}
