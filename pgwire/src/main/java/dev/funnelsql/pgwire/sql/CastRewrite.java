package dev.funnelsql.pgwire.sql;

import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.SqlTree.Leaf;
import dev.funnelsql.pgwire.protocol.PgType;
import dev.funnelsql.pgwire.protocol.TextValues;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Rewrites PostgreSQL's postfix casts {@code expr::type} into standard {@code CAST(expr AS type)}, with the type
 * translated by {@link PgTypeNames}. The operand is the primary expression just before {@code ::}: a name
 * ({@code t.col}), a literal, a parameter, a function call or a parenthesized expression, as PostgreSQL binds it.
 */
final class CastRewrite {
  private static final Set<String> SECOND_WORDS = Set.of("precision", "varying");

  private CastRewrite() {
  }

  static void apply(Group tree) {
    SqlTree.bottomUp(tree, group -> rewrite(group.items()));
  }

  private static void rewrite(List<Element> items) {
    for (int i = 0; i < items.size(); i++) {
      if (SqlTree.isSymbol(items.get(i), "::")) {
        i = rewriteAt(items, i);
      }
    }
  }

  /** Rewrites the cast whose {@code ::} is at {@code at}; returns the index of the new CAST group. */
  private static int rewriteAt(List<Element> items, int at) {
    final int operandEnd = previous(items, at);
    if (operandEnd < 0) {
      throw new SqlSyntaxException("'::' without an expression before it");
    }
    final int operandStart = operandStart(items, operandEnd);
    final int typeStart = next(items, at);
    if (typeStart < 0) {
      throw new SqlSyntaxException("'::' without a type after it");
    }
    final int typeEnd = typeEnd(items, typeStart);
    final List<Element> operand = new ArrayList<>(items.subList(operandStart, operandEnd + 1));
    final List<Element> type = new ArrayList<>(items.subList(typeStart, typeEnd + 1));
    final @Nullable Token literal = typedLiteral(operand, type);
    if (literal != null) {
      items.subList(operandStart, typeEnd + 1).clear();
      items.add(operandStart, new Leaf(literal));
      return operandStart;
    }
    final List<Element> inner = new ArrayList<>(operand);
    inner.add(new Leaf(Token.space()));
    inner.add(new Leaf(Token.word("AS")));
    inner.add(new Leaf(Token.space()));
    inner.addAll(calciteType(type));
    items.subList(operandStart, typeEnd + 1).clear();
    items.add(operandStart, new Leaf(Token.word("CAST")));
    items.add(operandStart + 1, new Group("(", inner, ")"));
    return operandStart + 1;
  }

  private static int previous(List<Element> items, int from) {
    for (int i = from - 1; i >= 0; i--) {
      if (significant(items.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int next(List<Element> items, int from) {
    for (int i = from + 1; i < items.size(); i++) {
      if (significant(items.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean significant(Element element) {
    final @Nullable Token token = SqlTree.token(element);
    return token == null || token.significant();
  }

  private static int operandStart(List<Element> items, int end) {
    int start = end;
    final Element last = items.get(end);
    if (last instanceof Group) {
      // f(x), a.f(x), arr[1], (expr)[1]: take the name or operand the group belongs to.
      final int before = start - 1;
      if (before >= 0 && (isName(items.get(before)) || ((Group) last).open().equals("[")
          && significant(items.get(before)))) {
        start = SqlTree.isParens(items.get(before)) || items.get(before) instanceof Group
            ? operandStart(items, before) : before;
      }
    }
    // Qualified names: a.b.c (no spaces around the dots, as clients write them).
    while (start >= 2 && SqlTree.isSymbol(items.get(start - 1), ".") && isName(items.get(start - 2))) {
      start -= 2;
    }
    return start;
  }

  private static boolean isName(Element element) {
    final @Nullable Token token = SqlTree.token(element);
    return token != null && token.isIdentifier();
  }

  private static int typeEnd(List<Element> items, int start) {
    int end = start;
    if (end + 2 < items.size() && SqlTree.isSymbol(items.get(end + 1), ".") && isName(items.get(end + 2))) {
      end += 2;
    }
    int next = next(items, end);
    if (next >= 0 && SqlTree.token(items.get(next)) != null
        && SECOND_WORDS.contains(SqlTree.token(items.get(next)).value())) {
      end = next;
      next = next(items, end);
    }
    if (next >= 0 && SqlTree.isParens(items.get(next))) {
      end = next;
      next = next(items, end);
    }
    if (next >= 0 && (SqlTree.isWord(items.get(next), "with") || SqlTree.isWord(items.get(next), "without"))) {
      final int time = next(items, next);
      final int zone = time < 0 ? -1 : next(items, time);
      if (zone >= 0 && SqlTree.isWord(items.get(time), "time") && SqlTree.isWord(items.get(zone), "zone")) {
        end = zone;
        next = next(items, end);
      }
    }
    while (next >= 0 && items.get(next) instanceof Group && ((Group) items.get(next)).open().equals("[")) {
      end = next;
      next = next(items, end);
    }
    return end;
  }

  /**
   * {@code '2026-01-02 03:04:05+00'::timestamp} (as pgjdbc's simple mode writes parameters) as a Calcite literal
   * {@code TIMESTAMP '2026-01-02 03:04:05'}: Calcite's CAST does not read PostgreSQL's time zone suffixes. Null if
   * the operand is not a string or the type not a date or time.
   */
  private static @Nullable Token typedLiteral(List<Element> operand, List<Element> type) {
    List<Element> significant = new Group("", operand, "").significant();
    while (significant.size() == 1 && SqlTree.isParens(significant.get(0))) {
      significant = ((Group) significant.get(0)).significant();
    }
    final @Nullable Token string = significant.size() == 1 ? SqlTree.token(significant.get(0)) : null;
    final List<Element> calcite = calciteType(type);
    final @Nullable Token name = calcite.isEmpty() ? null : SqlTree.token(calcite.get(0));
    if (string == null || string.kind() != Token.Kind.STRING || name == null) {
      return null;
    }
    final PgType pgType;
    switch (name.value()) {
      case "date":
        pgType = PgType.DATE;
        break;
      case "time":
        pgType = PgType.TIME;
        break;
      case "timestamp":
        pgType = SqlTree.render(type).toLowerCase(Locale.ROOT).contains("tz")
            || SqlTree.render(type).toLowerCase(Locale.ROOT).contains("with time") ? PgType.TIMESTAMPTZ
            : PgType.TIMESTAMP;
        break;
      default:
        return null;
    }
    try {
      Object value = TextValues.parse(pgType, string.value());
      if (value instanceof OffsetDateTime) {
        value = ((OffsetDateTime) value).toLocalDateTime();
      }
      final String text = String.valueOf(TextValues.format(pgType == PgType.TIMESTAMPTZ ? PgType.TIMESTAMP : pgType,
          value));
      final String keyword = name.value().toUpperCase(Locale.ROOT);
      final Token literal = Token.string(text);
      return new Token(Token.Kind.STRING, keyword + " " + literal.text(), text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The Calcite spelling of the type, or the type as written if PostgreSQL's name is unknown here. */
  private static List<Element> calciteType(List<Element> type) {
    final StringBuilder name = new StringBuilder();
    @Nullable Group modifiers = null;
    boolean array = false;
    for (Element element : type) {
      final @Nullable Token token = SqlTree.token(element);
      if (token != null && token.isIdentifier()) {
        if (token.value().equals("pg_catalog")) {
          continue;
        }
        name.append(name.length() == 0 ? "" : " ").append(token.kind() == Token.Kind.WORD ? token.value()
            : token.value().toLowerCase(Locale.ROOT));
      } else if (SqlTree.isParens(element)) {
        modifiers = (Group) element;
      } else if (element instanceof Group) {
        array = true;
      }
    }
    final @Nullable String calcite = array ? null : PgTypeNames.calcite(name.toString());
    if (calcite == null) {
      return type;
    }
    final List<Element> result = new ArrayList<>();
    result.add(new Leaf(Token.word(calcite)));
    if (modifiers != null && PgTypeNames.keepsModifiers(calcite)) {
      result.add(modifiers);
    } else if (calcite.equals("TIMESTAMP")) {
      // Keep milliseconds, FunnelSQL's finest precision (Calcite's TIMESTAMP alone means whole seconds).
      result.addAll(SqlTree.parse(SqlLexer.tokenize("(3)")).items());
    } else if (calcite.equals("DECIMAL")) {
      // PostgreSQL's numeric without a modifier keeps any scale; Calcite's DECIMAL would round to an integer.
      result.addAll(SqlTree.parse(SqlLexer.tokenize("(19, 6)")).items());
    }
    return result;
  }
}
