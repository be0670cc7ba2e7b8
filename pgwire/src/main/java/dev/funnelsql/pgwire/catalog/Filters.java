package dev.funnelsql.pgwire.catalog;

import java.util.LinkedHashSet;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Applies a catalog query's simple conditions to candidate rows: names against their =, LIKE, ~ and IN
 * conditions, OIDs against equality, and the set of relation kinds a query asks for.
 */
final class Filters {
  private Filters() {
  }

  /** Whether {@code value} satisfies every top-level condition on {@code column} that compares text. */
  static boolean accepts(QueryShape query, String column, @Nullable String value) {
    for (Predicate predicate : query.conjunctsOn(column)) {
      if (predicate.comparesText() && !predicate.test(value)) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code oid} satisfies the top-level {@code column = n} conditions. */
  static boolean acceptsNumber(QueryShape query, String column, long number) {
    return accepts(query, column, Long.toString(number));
  }

  /**
   * The relation kinds asked for: every {@code relkind = 'x'} or {@code relkind IN (…)} anywhere in the WHERE
   * clause (pgjdbc puts them inside OR groups), less those excluded at the top level; null if none is named.
   */
  static @Nullable Set<Character> relationKinds(QueryShape query) {
    final Set<Character> kinds = new LinkedHashSet<>();
    for (Predicate predicate : query.allPredicates()) {
      if (predicate.name().equals("relkind") && !predicate.negated()
          && (predicate.operator().equals("=") || predicate.operator().equals("in"))) {
        predicate.values().forEach(value -> kinds.add(value.isEmpty() ? ' ' : value.charAt(0)));
      }
    }
    if (kinds.isEmpty()) {
      return null;
    }
    for (Predicate predicate : query.conjunctsOn("relkind")) {
      if (predicate.negated() || predicate.operator().equals("<>")) {
        predicate.values().forEach(value -> kinds.remove(value.isEmpty() ? ' ' : value.charAt(0)));
      }
    }
    return kinds;
  }

  /** Whether a top-level condition is a call of {@code function} (e.g. {@code pg_table_is_visible(c.oid)}). */
  static boolean calls(QueryShape query, String function) {
    return query.conjuncts().stream().anyMatch(p -> p.operator().equals("call") && p.name().equals(function)
        && !p.negated());
  }
}
