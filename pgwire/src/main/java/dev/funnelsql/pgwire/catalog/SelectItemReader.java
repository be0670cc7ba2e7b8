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
 * Reads one select-list item of a catalog query into a {@link SelectItem}: its alias ({@code AS x}, or a bare
 * trailing name as in {@code pg_get_viewdef(c.oid) view_def}), the key of its expression (a column's or function's
 * name, {@code case}), and its value if it is a constant, labelled as PostgreSQL labels columns.
 */
final class SelectItemReader {
  private static final Set<String> NOT_ALIASES = Set.of("end", "null", "true", "false");

  private SelectItemReader() {
  }

  static SelectItem read(List<Element> item) {
    @Nullable String alias = null;
    int end = item.size();
    final @Nullable Token last = SqlTree.token(item.get(item.size() - 1));
    if (last != null && last.isIdentifier() && item.size() >= 2) {
      final Element before = item.get(item.size() - 2);
      final @Nullable Token beforeToken = SqlTree.token(before);
      final boolean afterAs = beforeToken != null && beforeToken.isWord("as");
      final boolean bare = !afterAs && !SqlTree.isSymbol(before, ".") && !SqlTree.isSymbol(before, "::")
          && (beforeToken == null || beforeToken.kind() != Token.Kind.OPERATOR) && !NOT_ALIASES.contains(
              last.value().toLowerCase(Locale.ROOT)) && !(beforeToken != null && beforeToken.isWord("collate"));
      if (afterAs || bare) {
        alias = last.kind() == Token.Kind.QUOTED ? last.value() : last.value().toLowerCase(Locale.ROOT);
        end = item.size() - (afterAs ? 2 : 1);
      }
    }
    final List<Element> expression = item.subList(0, end);
    final String key = key(expression);
    final boolean constant = isConstant(expression);
    final @Nullable Object value = constant ? constantValue(expression.get(0)) : null;
    final String label = alias != null ? alias : constant || key.startsWith("?") ? "?column?" : key;
    final @Nullable Group arguments = callArguments(expression);
    final List<@Nullable String> literals = new ArrayList<>();
    @Nullable String argumentKey = null;
    if (arguments != null) {
      final List<List<Element>> parts = SqlTree.split(arguments.significant(), ",");
      for (List<Element> part : parts) {
        literals.add(part.size() == 1 ? PredicateReader.literal(part.get(0)) : null);
      }
      if (!parts.isEmpty() && !parts.get(0).isEmpty() && SqlTree.token(parts.get(0).get(0)) != null
          && SqlTree.token(parts.get(0).get(0)).isIdentifier()) {
        argumentKey = key(parts.get(0));
      }
      if (literals.size() == 1 && parts.get(0).isEmpty()) {
        literals.clear();
      }
    }
    return new SelectItem(label, alias == null ? null : alias.toLowerCase(Locale.ROOT), key, constant, value,
        arguments != null, literals, argumentKey, integerDivisor(expression));
  }

  /** {@code n} when the expression ends with a cast to an integer type divided by the number n, else 0. */
  private static long integerDivisor(List<Element> expression) {
    final int size = expression.size();
    if (size < 4 || !SqlTree.isSymbol(expression.get(size - 2), "/")
        || !SqlTree.isSymbol(expression.get(size - 4), "::")) {
      return 0;
    }
    final @Nullable Token type = SqlTree.token(expression.get(size - 3));
    final @Nullable Token divisor = SqlTree.token(expression.get(size - 1));
    if (type == null || divisor == null || divisor.kind() != Token.Kind.NUMBER
        || !Set.of("int", "integer", "int4", "int8", "bigint").contains(type.value().toLowerCase(Locale.ROOT))) {
      return 0;
    }
    try {
      return Long.parseLong(divisor.value());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The argument group of {@code f(…)} or {@code schema.f(…)}, or null if the expression is not a call. */
  private static @Nullable Group callArguments(List<Element> expression) {
    int at = 0;
    while (at + 2 < expression.size() && SqlTree.isSymbol(expression.get(at + 1), ".")) {
      at += 2;
    }
    final @Nullable Token name = at < expression.size() ? SqlTree.token(expression.get(at)) : null;
    if (name == null || !name.isIdentifier() || at + 1 >= expression.size()
        || !SqlTree.isParens(expression.get(at + 1))) {
      return null;
    }
    return (Group) expression.get(at + 1);
  }

  private static String key(List<Element> expression) {
    if (expression.isEmpty()) {
      return "?";
    }
    final @Nullable Token first = SqlTree.token(expression.get(0));
    if (first != null && first.is("*")) {
      return "*";
    }
    if (first != null && first.isWord("case")) {
      return "case";
    }
    if (first == null) {
      return "?subquery";
    }
    if (!first.isIdentifier()) {
      return "?";
    }
    // A name chain a.b.c, possibly called: f(…) or pg_catalog.f(…); possibly cast: x::type.
    int at = 0;
    while (at + 2 < expression.size() && SqlTree.isSymbol(expression.get(at + 1), ".")
        && SqlTree.token(expression.get(at + 2)) != null) {
      at += 2;
    }
    final @Nullable Token name = SqlTree.token(expression.get(at));
    if (name != null && name.is("*")) {
      return "*";
    }
    return name == null ? "?" : name.value().toLowerCase(Locale.ROOT);
  }

  private static boolean isConstant(List<Element> expression) {
    if (expression.isEmpty()) {
      return false;
    }
    final @Nullable Token first = SqlTree.token(expression.get(0));
    if (first == null) {
      return false;
    }
    final boolean literal = first.kind() == Token.Kind.STRING || first.kind() == Token.Kind.NUMBER
        || first.isWord("null") || first.isWord("true") || first.isWord("false");
    return literal && (expression.size() == 1 || SqlTree.isSymbol(expression.get(1), "::"));
  }

  private static @Nullable Object constantValue(Element element) {
    final Token token = SqlTree.token(element);
    if (token == null || token.isWord("null")) {
      return null;
    }
    if (token.isWord("true") || token.isWord("false")) {
      return Boolean.valueOf(token.value());
    }
    if (token.kind() == Token.Kind.NUMBER) {
      try {
        return Integer.valueOf(token.value());
      } catch (NumberFormatException e) {
        return token.value();
      }
    }
    return token.value();
  }
}
