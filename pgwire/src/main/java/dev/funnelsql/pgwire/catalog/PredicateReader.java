package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.sql.SqlTree;
import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads one condition of a WHERE clause into a {@link Predicate} when it has a simple form: a column compared
 * with literals ({@code =}, {@code <>}, {@code LIKE}, {@code IN}, {@code ~}, psql's
 * {@code OPERATOR(pg_catalog.~)}, with an optional {@code COLLATE} or cast), a boolean column, or a function call.
 */
final class PredicateReader {
  private static final Set<String> OPERATORS = Set.of("=", "<>", "!=", "~", "!~", "~*", "!~*", "<", ">", "<=",
      ">=");

  private PredicateReader() {
  }

  static @Nullable Predicate read(List<Element> given) {
    final List<Element> elements = withoutQuoteIdent(given);
    int at = 0;
    boolean negated = false;
    if (at < elements.size() && SqlTree.isWord(elements.get(at), "not")) {
      negated = true;
      at++;
    }
    final int columnEnd = nameEnd(elements, at);
    if (columnEnd < 0) {
      return null;
    }
    final @Nullable String qualifier = columnEnd > at ? value(elements.get(at)) : null;
    final String column = value(elements.get(columnEnd));
    int next = columnEnd + 1;
    if (next == elements.size()) {
      return new Predicate(qualifier, column, "bool", List.of(), negated);
    }
    if (SqlTree.isParens(elements.get(next)) && next + 1 == elements.size()) {
      return new Predicate(qualifier, column, "call", List.of(((Group) elements.get(next)).sql()), negated);
    }
    String operator;
    final @Nullable Token token = SqlTree.token(elements.get(next));
    if (token == null) {
      return null;
    }
    if (token.isWord("not") && next + 1 < elements.size()) {
      negated = !negated;
      next++;
    }
    final @Nullable Token opToken = SqlTree.token(elements.get(next));
    if (opToken == null) {
      return null;
    }
    if (opToken.kind() == Token.Kind.OPERATOR && OPERATORS.contains(opToken.text())) {
      operator = opToken.text();
    } else if (opToken.isWord("like") || opToken.isWord("ilike") || opToken.isWord("in")) {
      operator = opToken.value();
    } else if (opToken.isWord("operator") && next + 1 < elements.size() && SqlTree.isParens(elements.get(next + 1))) {
      final List<Element> inside = ((Group) elements.get(next + 1)).significant();
      final @Nullable Token op = inside.isEmpty() ? null : SqlTree.token(inside.get(inside.size() - 1));
      if (op == null) {
        return null;
      }
      operator = op.text();
      next++;
    } else {
      return null;
    }
    final int valueAt = next + 1;
    if (valueAt >= elements.size()) {
      return null;
    }
    final List<String> values = new ArrayList<>();
    if (operator.equals("=") && SqlTree.isWord(elements.get(valueAt), "any") && valueAt + 1 < elements.size()
        && SqlTree.isParens(elements.get(valueAt + 1))) {
      final @Nullable List<String> members = arrayMembers(((Group) elements.get(valueAt + 1)).significant());
      return members == null ? null : new Predicate(qualifier, column, "in", members, negated);
    }
    if (operator.equals("in")) {
      if (!SqlTree.isParens(elements.get(valueAt))) {
        return null;
      }
      for (List<Element> item : SqlTree.split(((Group) elements.get(valueAt)).significant(), ",")) {
        final @Nullable String literal = item.isEmpty() ? null : literal(item.get(0));
        if (literal == null) {
          return null;
        }
        values.add(literal);
      }
    } else {
      final @Nullable String literal = literal(elements.get(valueAt));
      if (literal == null) {
        return null;
      }
      values.add(literal);
    }
    if (operator.equals("!=")) {
      operator = "<>";
    }
    return new Predicate(qualifier, column, operator, values, negated);
  }

  /**
   * The members of the array inside {@code = ANY(…)}: an array literal ({@code '{r,p,f}'}, as a client binds a list
   * parameter, optionally cast) or {@code ARRAY['r', 'v']}; null for anything else.
   */
  private static @Nullable List<String> arrayMembers(List<Element> inside) {
    if (inside.isEmpty()) {
      return null;
    }
    final @Nullable Token first = SqlTree.token(inside.get(0));
    if (first != null && first.kind() == Token.Kind.STRING) {
      final String text = first.value().strip();
      if (!text.startsWith("{") || !text.endsWith("}")) {
        return null;
      }
      final List<String> members = new ArrayList<>();
      for (String member : text.substring(1, text.length() - 1).split(",", -1)) {
        final String trimmed = member.strip();
        members.add(trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
            ? trimmed.substring(1, trimmed.length() - 1) : trimmed);
      }
      return members;
    }
    if (first != null && first.isWord("array") && inside.size() > 1 && inside.get(1) instanceof Group) {
      final List<String> members = new ArrayList<>();
      for (List<Element> item : SqlTree.split(((Group) inside.get(1)).significant(), ",")) {
        final @Nullable String literal = item.isEmpty() ? null : literal(item.get(0));
        if (literal == null) {
          return null;
        }
        members.add(literal);
      }
      return members;
    }
    return null;
  }

  /**
   * The elements with {@code quote_ident(x)} read as {@code x} (Grafana compares {@code quote_ident(table_schema) =
   * quote_ident('public')}): FunnelSQL's names need no quoting to compare.
   */
  private static List<Element> withoutQuoteIdent(List<Element> elements) {
    final List<Element> plain = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      if (SqlTree.isWord(elements.get(i), "quote_ident") && i + 1 < elements.size()
          && SqlTree.isParens(elements.get(i + 1))) {
        plain.addAll(((Group) elements.get(i + 1)).significant());
        i++;
      } else {
        plain.add(elements.get(i));
      }
    }
    return plain;
  }

  /** The index of the last part of a (qualified) name starting at {@code at}, or -1. */
  private static int nameEnd(List<Element> elements, int at) {
    if (at >= elements.size()) {
      return -1;
    }
    final @Nullable Token first = SqlTree.token(elements.get(at));
    if (first == null || !first.isIdentifier()) {
      return -1;
    }
    int end = at;
    while (end + 2 < elements.size() && SqlTree.isSymbol(elements.get(end + 1), ".")
        && SqlTree.token(elements.get(end + 2)) != null && SqlTree.token(elements.get(end + 2)).isIdentifier()) {
      end += 2;
    }
    return end;
  }

  private static String value(Element element) {
    final @Nullable Token token = SqlTree.token(element);
    return token == null ? "" : token.value().toLowerCase(Locale.ROOT);
  }

  /** The value of a literal element: a string, a number, or true/false. */
  static @Nullable String literal(Element element) {
    final @Nullable Token token = SqlTree.token(element);
    if (token == null) {
      return null;
    }
    switch (token.kind()) {
      case STRING:
      case NUMBER:
        return token.value();
      case WORD:
        return token.value().equals("true") || token.value().equals("false") ? token.value() : null;
      default:
        return null;
    }
  }
}
