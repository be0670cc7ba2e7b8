package dev.funnelsql.calcite.model;

import java.util.Locale;

/**
 * A text from the model — an SQL expression, a column or a name — with the node it was read from, so that the SQL
 * layer can report a wrong expression at its place in the file.
 *
 * @param text the text, {@code ${VAR}} references replaced
 * @param where the node the text was read from (for presets, the {@code preset:} node)
 */
public record Located(String text, ModelNode where) {
  /** Creates a located text. */
  public Located {
    if (text == null || where == null) {
      throw new NullPointerException("text and where are required");
    }
  }

  /** {@code file:line:column} of the text. */
  public String location() {
    return where.location();
  }

  /** A located error about this text. */
  public ModelException error(String problem) {
    return where.error(problem);
  }

  /**
   * The text as written in the file (environment references unexpanded) and its location; a value under a key named
   * like a password is masked.
   */
  @Override public String toString() {
    String shown;
    String key = where.key();
    if (key != null && key.toLowerCase(Locale.ROOT).contains("password")) {
      shown = "****";
    } else if (where.isScalar() && where.text().equals(text)) {
      shown = where.source();
    } else if (where.isScalar() && where.fromEnvironment()) {
      shown = "(from " + where.source() + ")";
    } else {
      shown = text;
    }
    return "'" + shown + "' at " + where.location();
  }
}
