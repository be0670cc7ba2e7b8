package dev.funnelsql.pgwire.sql;

import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.SqlTree.Leaf;
import java.util.List;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Quotes, in lower case, the unquoted names that PostgreSQL accepts but Calcite reserves: every alias after
 * {@code AS} ({@code COUNT(*) AS count}, which also gives the lower-case label PostgreSQL would), and the aggregate
 * names BI tools use as column names when they are not called ({@code ORDER BY count DESC}).
 */
final class IdentifierQuoting {
  private static final Set<String> AGGREGATE_NAMES = Set.of("count", "sum", "min", "max", "avg");
  private static final Set<String> NOT_ALIASES = Set.of("select", "with", "values", "table", "recursive",
      "materialized", "not");

  private IdentifierQuoting() {
  }

  static void apply(Group group) {
    apply(group, false);
  }

  private static void apply(Group group, boolean insideCast) {
    final List<Element> items = group.items();
    @Nullable Token previous = null;
    for (int i = 0; i < items.size(); i++) {
      final Element item = items.get(i);
      if (item instanceof Group) {
        apply((Group) item, previous != null && previous.isWord("cast"));
        previous = null;
        continue;
      }
      final Token token = ((Leaf) item).token();
      if (!token.significant()) {
        continue;
      }
      if (token.kind() == Token.Kind.WORD && shouldQuote(token, previous, items, i, insideCast)) {
        items.set(i, new Leaf(Token.quoted(token.value())));
      }
      previous = token;
    }
  }

  private static boolean shouldQuote(Token token, @Nullable Token previous, List<Element> items, int at,
      boolean insideCast) {
    if (previous != null && previous.isWord("as")) {
      return !insideCast && !NOT_ALIASES.contains(token.value());
    }
    if (!AGGREGATE_NAMES.contains(token.value())) {
      return false;
    }
    for (int i = at + 1; i < items.size(); i++) {
      final @Nullable Token next = SqlTree.token(items.get(i));
      if (next == null) {
        return !SqlTree.isParens(items.get(i));
      }
      if (next.significant()) {
        return true;
      }
    }
    return true;
  }
}
