package dev.funnelsql.calcite.model;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into a located {@link ModelNode} tree with Jackson's streaming YAML parser: duplicate keys are
 * errors, aliases ({@code *name}) of anchored mappings and lists and merge keys ({@code <<: *name}) are expanded,
 * {@code ${VAR}} references are replaced, and every parse error becomes a {@link ModelException} at the parser's
 * line and column. Anchors on single values are not supported (Jackson 2.18's parser does not report them).
 */
final class YamlTreeReader {
  /** Deepest nesting accepted; a model needs about six levels. */
  static final int MAX_DEPTH = 64;
  /** Most nodes accepted, counting alias expansions (guards against "billion laughs" documents). */
  static final int MAX_NODES = 200_000;

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  private static final String MERGE_KEY = "<<";

  private final String file;
  private final String yaml;
  private final Map<String, String> env;
  private final Map<String, ModelNode> anchors = new HashMap<>();
  private int nodes;
  /** Key path of the node being read, for parse errors. */
  private String currentPath = "";

  private YamlTreeReader(String file, String yaml, Map<String, String> env) {
    this.file = file;
    this.yaml = yaml;
    this.env = env;
  }

  /**
   * Parses one YAML document.
   *
   * @return the root node, or null if the text holds no document (empty, or comments only)
   */
  static @Nullable ModelNode read(String file, String yaml, Map<String, String> env) throws ModelException {
    return new YamlTreeReader(file, yaml, env).readDocument();
  }

  private @Nullable ModelNode readDocument() throws ModelException {
    String text = yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml;
    JsonParser p;
    try {
      p = FACTORY.createParser(text);
    } catch (IOException e) {
      throw new ModelException(file, 0, 0, "", "cannot read the YAML text", e);
    }
    try (JsonParser parser = p) {
      JsonToken t = next(parser);
      if (t == null) {
        return null;
      }
      JsonLocation l = parser.currentTokenLocation();
      ModelNode.Place root =
          new ModelNode.Place(file, line(l), column(l), "", null, line(l), column(l));
      ModelNode node = value(parser, t, root, 0);
      currentPath = "";
      JsonToken extra = next(parser);
      if (extra != null) {
        JsonLocation e = parser.currentTokenLocation();
        throw new ModelException(file, line(e), column(e), "",
            "a model file holds one YAML document, but a second one starts here (after '---')");
      }
      return node;
    } catch (IOException e) {
      throw translate(e, p);
    }
  }

  private ModelNode value(JsonParser p, JsonToken t, ModelNode.Place at, int depth)
      throws ModelException, IOException {
    currentPath = at.path();
    if (++nodes > MAX_NODES) {
      throw new ModelException(file, at.line(), at.column(), at.path(),
          "the model has more than " + MAX_NODES + " values (counting expanded aliases)");
    }
    Object anchor = anchorOf(p);
    ModelNode node;
    switch (t) {
      case START_OBJECT:
        node = map(p, at, depth + 1);
        break;
      case START_ARRAY:
        node = list(p, at, depth + 1);
        break;
      case VALUE_NULL:
        node = ModelNode.scalar(at, null, text(p), false);
        break;
      case VALUE_STRING:
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
      case VALUE_TRUE:
      case VALUE_FALSE:
      case VALUE_EMBEDDED_OBJECT:
        if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
          return alias(text(p), at);
        }
        node = scalar(text(p), at);
        break;
      default:
        throw new ModelException(file, at.line(), at.column(), at.path(), "unexpected YAML token " + t);
    }
    if (anchor != null) {
      anchors.put(anchor.toString(), node);
    }
    return node;
  }

  private ModelNode scalar(String source, ModelNode.Place at) throws ModelException {
    if (!EnvSubstitution.applies(source)) {
      return ModelNode.scalar(at, source, source, false);
    }
    try {
      return ModelNode.scalar(at, EnvSubstitution.apply(source, env), source, true);
    } catch (IllegalArgumentException e) {
      throw new ModelException(file, at.line(), at.column(), at.path(), e.getMessage());
    }
  }

  private ModelNode alias(String name, ModelNode.Place at) throws ModelException {
    ModelNode target = anchors.get(name);
    if (target == null) {
      throw new ModelException(file, at.line(), at.column(), at.path(),
          "alias '*" + name + "' refers to no anchor '&" + name + "' on a mapping or list before it (anchors on "
              + "single values are not supported: Jackson's YAML parser does not report them)");
    }
    nodes += target.size();
    if (nodes > MAX_NODES) {
      throw new ModelException(file, at.line(), at.column(), at.path(),
          "the model has more than " + MAX_NODES + " values (counting expanded aliases)");
    }
    return target.moveTo(at);
  }

  private ModelNode map(JsonParser p, ModelNode.Place at, int depth) throws ModelException, IOException {
    checkDepth(at, depth);
    Map<String, ModelNode> entries = new LinkedHashMap<>();
    List<ModelNode> merges = new ArrayList<>();
    while (true) {
      currentPath = at.path();
      JsonToken t = next(p);
      if (t == null) {
        throw new ModelException(file, at.line(), at.column(), at.path(), "unexpected end of the YAML text");
      }
      if (t == JsonToken.END_OBJECT) {
        break;
      }
      String key = p.currentName();
      JsonLocation kl = p.currentTokenLocation();
      int keyLine = line(kl);
      int keyColumn = column(kl);
      if (key == null) {
        throw new ModelException(file, keyLine, keyColumn, at.path(), "a mapping key must be a text value");
      }
      ModelNode first = entries.get(key);
      if (first != null) {
        throw new ModelException(file, keyLine, keyColumn, ModelNode.childPath(at.path(), key),
            "duplicate key " + ModelNode.quote(key) + " (first at line " + first.keyLine() + ")");
      }
      currentPath = ModelNode.childPath(at.path(), key);
      JsonToken vt = next(p);
      if (vt == null) {
        throw new ModelException(file, keyLine, keyColumn, currentPath, "unexpected end of the YAML text");
      }
      JsonLocation vl = p.currentTokenLocation();
      ModelNode.Place child = at.child(key, keyLine, keyColumn, line(vl), column(vl));
      ModelNode v = value(p, vt, child, depth);
      if (key.equals(MERGE_KEY)) {
        merges.add(v);
      } else {
        entries.put(key, v);
      }
    }
    for (ModelNode merge : merges) {
      List<ModelNode> sources = merge.isList() ? merge.items() : List.of(merge);
      for (ModelNode source : sources) {
        if (!source.isMap()) {
          throw source.error("a merge key '<<' takes a mapping or a list of mappings, found " + source.describe());
        }
        for (Map.Entry<String, ModelNode> e : source.entries().entrySet()) {
          ModelNode v = e.getValue();
          entries.putIfAbsent(e.getKey(), v.moveTo(new ModelNode.Place(file, v.line(), v.column(),
              ModelNode.childPath(at.path(), e.getKey()), e.getKey(), v.keyLine(), v.keyColumn())));
        }
      }
    }
    return ModelNode.map(at, entries);
  }

  private ModelNode list(JsonParser p, ModelNode.Place at, int depth) throws ModelException, IOException {
    checkDepth(at, depth);
    List<ModelNode> items = new ArrayList<>();
    while (true) {
      currentPath = at.path();
      JsonToken t = next(p);
      if (t == null) {
        throw new ModelException(file, at.line(), at.column(), at.path(), "unexpected end of the YAML text");
      }
      if (t == JsonToken.END_ARRAY) {
        break;
      }
      JsonLocation l = p.currentTokenLocation();
      items.add(value(p, t, at.item(items.size() + 1, line(l), column(l)), depth));
    }
    return ModelNode.list(at, items);
  }

  private void checkDepth(ModelNode.Place at, int depth) throws ModelException {
    if (depth > MAX_DEPTH) {
      throw new ModelException(file, at.line(), at.column(), at.path(),
          "nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  /** The next token; any parser failure becomes a located {@link ModelException}. */
  private @Nullable JsonToken next(JsonParser p) throws ModelException {
    try {
      return p.nextToken();
    } catch (IOException | RuntimeException e) {
      throw translate(e, p);
    }
  }

  private static @Nullable Object anchorOf(JsonParser p) throws ModelException {
    try {
      return p.getObjectId();
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(JsonParser p) throws ModelException {
    try {
      String s = p.getText();
      return s == null ? "" : s;
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * A parse failure as a located error, without the source snippet that parsers quote (it might show a password
   * written in the file); for the same reason the parser's exception is not kept as the cause.
   */
  private ModelException translate(Exception e, JsonParser p) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof MarkedYAMLException) {
        MarkedYAMLException m = (MarkedYAMLException) c;
        Mark problemMark = m.getProblemMark();
        Mark contextMark = m.getContextMark();
        Mark mark = problemMark != null ? problemMark : contextMark;
        String problem = m.getProblem() != null ? m.getProblem() : "malformed YAML";
        StringBuilder b = new StringBuilder("malformed YAML: ").append(readable(problem));
        if (m.getContext() != null) {
          b.append(" (").append(readable(m.getContext()));
          if (contextMark != null && contextMark != mark) {
            b.append(" started at line ").append(contextMark.getLine() + 1).append(", column ")
                .append(contextMark.getColumn() + 1);
          }
          b.append(')');
        }
        if (problem.contains("<block end>") || problem.contains("mapping values are not allowed")) {
          b.append("; check the indentation and that a value containing ': ' is quoted");
        }
        int line = mark == null ? 1 : mark.getLine() + 1;
        int column = mark == null ? 1 : mark.getColumn() + 1;
        return new ModelException(file, line, column, currentPath, b.toString());
      }
      if (c instanceof ReaderException) {
        ReaderException r = (ReaderException) c;
        int[] lc = lineColumnOfCodePoint(r.getPosition());
        return new ModelException(file, lc[0], lc[1], currentPath,
            String.format("malformed YAML: character U+%04X is not allowed in YAML text", r.getCodePoint()));
      }
    }
    JsonLocation l = p.currentLocation();
    int line = l == null ? 1 : Math.max(1, l.getLineNr());
    int column = l == null ? 1 : Math.max(1, l.getColumnNr());
    String message;
    if (e instanceof JsonProcessingException) {
      JsonProcessingException j = (JsonProcessingException) e;
      JsonLocation jl = j.getLocation();
      if (jl != null && jl.getLineNr() > 0) {
        line = jl.getLineNr();
        column = Math.max(1, jl.getColumnNr());
      }
      String original = j.getOriginalMessage() == null ? "" : j.getOriginalMessage();
      message = original.startsWith("Expected a field name")
          ? "a mapping key must be a text value, not a list or a mapping"
          : original.lines().findFirst().orElse("").strip();
    } else {
      message = e.getClass().getSimpleName();
    }
    return new ModelException(file, line, column, currentPath, "malformed YAML: " + message);
  }

  private static String readable(String snakeYamlText) {
    return snakeYamlText.replace("\n", " ").replace("'<stream end>'", "the end of the file")
        .replace("<stream end>", "the end of the file").replace("end of stream", "end of the file").strip();
  }

  private int[] lineColumnOfCodePoint(int position) {
    int line = 1;
    int column = 1;
    int cp = 0;
    for (int i = 0; i < yaml.length() && cp < position; i += Character.charCount(yaml.codePointAt(i)), cp++) {
      if (yaml.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new int[] {line, column};
  }

  private static int line(JsonLocation l) {
    return Math.max(1, l.getLineNr());
  }

  private static int column(JsonLocation l) {
    return Math.max(1, l.getColumnNr());
  }
}
