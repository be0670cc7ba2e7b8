package dev.funnelsql.pgwire.sql;

import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.SqlTree.Leaf;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Qualifies unqualified table names in FROM and JOIN clauses with the schema the session's {@code search_path}
 * names, for schemas FunnelSQL cannot make its default (the model's {@code funnels}, {@code segments},
 * {@code cohorts}): {@code FROM checkout_summary} becomes {@code FROM "funnels"."checkout_summary"}.
 */
final class SearchPathRewrite {
  private static final Set<String> END_OF_FROM = Set.of("where", "group", "having", "order", "limit", "offset",
      "union", "intersect", "except", "on", "using", "window", "fetch");

  private SearchPathRewrite() {
  }

  /** Rewrites in place; {@code schemaOf} gives the schema to qualify a name with, or null to leave it. */
  static void apply(Group group, Function<String, @Nullable String> schemaOf) {
    final List<Element> items = group.items();
    boolean inFrom = false;
    boolean expectName = false;
    for (int i = 0; i < items.size(); i++) {
      final Element item = items.get(i);
      if (item instanceof Group) {
        apply((Group) item, schemaOf);
        expectName = false;
        continue;
      }
      final Token token = ((Leaf) item).token();
      if (!token.significant()) {
        continue;
      }
      if (token.isWord("from") || token.isWord("join")) {
        inFrom = true;
        expectName = true;
        continue;
      }
      if (token.kind() == Token.Kind.WORD && END_OF_FROM.contains(token.value())) {
        inFrom = false;
        expectName = false;
        continue;
      }
      if (inFrom && token.is(",")) {
        expectName = true;
        continue;
      }
      if (expectName && token.isIdentifier() && !followedByDotOrCall(items, i)) {
        final @Nullable String schema = schemaOf.apply(token.value());
        if (schema != null) {
          items.add(i, new Leaf(Token.quoted(schema)));
          items.add(i + 1, new Leaf(Token.symbol(".")));
          i += 2;
        }
      }
      expectName = false;
    }
  }

  private static boolean followedByDotOrCall(List<Element> items, int at) {
    for (int i = at + 1; i < items.size(); i++) {
      final Element next = items.get(i);
      if (next instanceof Group) {
        return SqlTree.isParens(next);
      }
      final Token token = ((Leaf) next).token();
      if (token.significant()) {
        return token.is(".");
      }
    }
    return false;
  }
}
