package dev.funnelsql.pgwire.catalog;

import dev.funnelsql.pgwire.sql.SqlTree;
import dev.funnelsql.pgwire.sql.SqlTree.Element;
import dev.funnelsql.pgwire.sql.SqlTree.Group;
import dev.funnelsql.pgwire.sql.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The shape of a catalog query, read from its tokens rather than a grammar: the select list, the relations of the
 * FROM clause (and which of them are inner-joined), and the simple conditions of the WHERE clause. Catalog answers
 * match on it, so whitespace, case, aliases and literal values may vary freely.
 */
final class QueryShape {
  private static final Set<String> CLAUSES = Set.of("from", "where", "group", "having", "order", "limit", "offset",
      "union", "intersect", "except", "window", "fetch", "for");
  private static final Set<String> JOIN_WORDS = Set.of("join", "inner", "left", "right", "full", "outer", "cross",
      "natural", "lateral", "on", "using", "as");

  /** Marks a "function(literal" entry among the words, which no name can start with. */
  private static final String CALL_LITERAL = "\u0000call:";

  private final Set<String> words;
  private final List<SelectItem> selectItems;
  private final List<Predicate> conjuncts;
  private final List<Predicate> allPredicates;
  private final List<String> relations;
  private final Set<String> innerRelations;
  private final @Nullable Integer limit;
  private final boolean inEmptySubquery;

  private QueryShape(Set<String> words, List<SelectItem> selectItems, List<Predicate> conjuncts,
      List<Predicate> allPredicates, List<String> relations, Set<String> innerRelations, @Nullable Integer limit,
      boolean inEmptySubquery) {
    this.words = words;
    this.selectItems = selectItems;
    this.conjuncts = conjuncts;
    this.allPredicates = allPredicates;
    this.relations = relations;
    this.innerRelations = innerRelations;
    this.limit = limit;
    this.inEmptySubquery = inEmptySubquery;
  }

  /** The shape of a SELECT statement, or null if the statement is not a SELECT. */
  static @Nullable QueryShape of(Group statement) {
    final List<Element> elements = statement.significant();
    if (elements.isEmpty() || !SqlTree.isWord(elements.get(0), "select")) {
      return null;
    }
    final Set<String> words = new HashSet<>();
    collectWords(statement, words);
    final Clauses clauses = Clauses.of(elements);
    final List<String> relations = new ArrayList<>();
    final Set<String> inner = new LinkedHashSet<>();
    final List<QueryShape> derived = new ArrayList<>();
    readFrom(clauses.from, relations, inner, derived);
    final List<Predicate> conjuncts = new ArrayList<>();
    final List<Predicate> all = new ArrayList<>();
    readWhere(clauses.where, conjuncts, all);
    List<SelectItem> items = readSelectList(clauses.select);
    // SELECT * FROM (SELECT …) alias WHERE …: pgjdbc's getColumns; the inner select list is what the client sees.
    if (items.size() == 1 && items.get(0).expressionKey().equals("*") && derived.size() == 1
        && relations.size() == 1) {
      final QueryShape inside = derived.get(0);
      items = inside.selectItems;
      relations.clear();
      relations.addAll(inside.relations);
      inner.addAll(inside.innerRelations);
      conjuncts.addAll(inside.conjuncts);
      all.addAll(inside.allPredicates);
    }
    return new QueryShape(words, items, conjuncts, all, relations, inner, clauses.limit(),
        inEmptySubquery(clauses.where));
  }

  private static void collectWords(Group group, Set<String> words) {
    final List<Element> significant = group.significant();
    for (int i = 0; i + 1 < significant.size(); i++) {
      final Token name = SqlTree.token(significant.get(i));
      if (name != null && name.isIdentifier() && SqlTree.isParens(significant.get(i + 1))) {
        final List<Element> inside = ((Group) significant.get(i + 1)).significant();
        final Token argument = inside.size() == 1 ? SqlTree.token(inside.get(0)) : null;
        if (argument != null && argument.kind() == Token.Kind.STRING) {
          words.add(CALL_LITERAL + name.value().toLowerCase(Locale.ROOT) + "(" + argument.value());
        }
      }
    }
    for (Element element : group.items()) {
      if (element instanceof Group) {
        collectWords((Group) element, words);
      } else {
        final Token token = SqlTree.token(element);
        if (token != null && token.isIdentifier()) {
          words.add(token.value().toLowerCase(Locale.ROOT));
        }
      }
    }
  }

  /** The top-level clauses of a query, as element lists. */
  private static final class Clauses {
    private final List<Element> select = new ArrayList<>();
    private final List<Element> from = new ArrayList<>();
    private final List<Element> where = new ArrayList<>();
    private final List<Element> limitClause = new ArrayList<>();

    static Clauses of(List<Element> elements) {
      final Clauses clauses = new Clauses();
      List<Element> current = clauses.select;
      for (int i = 1; i < elements.size(); i++) {
        final Token token = SqlTree.token(elements.get(i));
        if (token != null && token.kind() == Token.Kind.WORD && CLAUSES.contains(token.value())) {
          switch (token.value()) {
            case "from":
              current = clauses.from;
              break;
            case "where":
              current = clauses.where;
              break;
            case "limit":
              current = clauses.limitClause;
              break;
            case "union":
            case "intersect":
            case "except":
              return clauses;
            default:
              current = new ArrayList<>();
              break;
          }
          continue;
        }
        current.add(elements.get(i));
      }
      return clauses;
    }

    @Nullable Integer limit() {
      final Token token = limitClause.isEmpty() ? null : SqlTree.token(limitClause.get(0));
      return token != null && token.kind() == Token.Kind.NUMBER ? Integer.valueOf(token.value()) : null;
    }
  }

  private static void readFrom(List<Element> from, List<String> relations, Set<String> inner,
      List<QueryShape> derived) {
    boolean expecting = true;
    boolean nextInner = true;
    for (int i = 0; i < from.size(); i++) {
      final Element element = from.get(i);
      final Token token = SqlTree.token(element);
      if (token != null && token.is(",")) {
        expecting = true;
        nextInner = true;
        continue;
      }
      if (token != null && token.kind() == Token.Kind.WORD && JOIN_WORDS.contains(token.value())) {
        if (token.value().equals("left") || token.value().equals("full")) {
          nextInner = false;
        }
        if (token.value().equals("join")) {
          expecting = true;
        }
        continue;
      }
      if (!expecting) {
        continue;
      }
      if (element instanceof Group) {
        final Group group = (Group) element;
        final QueryShape sub = of(new Group("", group.items(), ""));
        final String name = sub == null ? "(join)" : sub.isEmpty() ? EmptyCatalogs.EMPTY_DERIVED : "(subquery)";
        relations.add(name);
        if (nextInner) {
          inner.add(name);
        }
        if (sub != null) {
          derived.add(sub);
        }
        expecting = false;
        nextInner = true;
        continue;
      }
      if (token != null && token.isIdentifier()) {
        int last = i;
        while (last + 2 < from.size() && SqlTree.isSymbol(from.get(last + 1), ".")) {
          last += 2;
        }
        final Token name = SqlTree.token(from.get(last));
        final String relation = name == null ? "?" : name.value().toLowerCase(Locale.ROOT);
        relations.add(relation);
        if (nextInner) {
          inner.add(relation);
        }
        i = last;
        expecting = false;
        nextInner = true;
      }
    }
  }

  /**
   * Whether a top-level condition is {@code x IN (SELECT … FROM <a catalog that is always empty>)} (Metabase's enum
   * lookup: {@code t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)}): it holds for no row.
   */
  private static boolean inEmptySubquery(List<Element> where) {
    for (List<Element> conjunct : splitWords(where, "and")) {
      if (splitWords(conjunct, "or").size() > 1) {
        continue;
      }
      for (int i = 1; i + 1 < conjunct.size(); i++) {
        if (SqlTree.isWord(conjunct.get(i), "in") && !SqlTree.isWord(conjunct.get(i - 1), "not")
            && SqlTree.isParens(conjunct.get(i + 1))) {
          final QueryShape sub = of(new Group("", ((Group) conjunct.get(i + 1)).items(), ""));
          if (sub != null && sub.isEmpty()) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void readWhere(List<Element> where, List<Predicate> conjuncts, List<Predicate> all) {
    for (List<Element> conjunct : splitWords(where, "and")) {
      final List<Element> unwrapped = unwrap(conjunct);
      if (splitWords(unwrapped, "or").size() > 1) {
        collectAll(unwrapped, all);
        continue;
      }
      if (unwrapped != conjunct && splitWords(unwrapped, "and").size() > 1) {
        readWhere(unwrapped, conjuncts, all);
        continue;
      }
      final Predicate predicate = PredicateReader.read(unwrapped);
      if (predicate != null) {
        conjuncts.add(predicate);
        all.add(predicate);
      } else {
        collectAll(unwrapped, all);
      }
    }
  }

  private static void collectAll(List<Element> elements, List<Predicate> all) {
    for (List<Element> part : splitWords(elements, "and")) {
      for (List<Element> alternative : splitWords(part, "or")) {
        final List<Element> unwrapped = unwrap(alternative);
        final Predicate predicate = PredicateReader.read(unwrapped);
        if (predicate != null) {
          all.add(predicate);
        } else if (unwrapped != alternative) {
          collectAll(unwrapped, all);
        }
      }
    }
  }

  /** The content of a lone parenthesized group, or the elements themselves. */
  private static List<Element> unwrap(List<Element> elements) {
    if (elements.size() == 1 && SqlTree.isParens(elements.get(0))) {
      return ((Group) elements.get(0)).significant();
    }
    return elements;
  }

  private static List<List<Element>> splitWords(List<Element> elements, String word) {
    return SqlTree.split(elements, element -> SqlTree.isWord(element, word));
  }

  private static List<SelectItem> readSelectList(List<Element> select) {
    final List<Element> list = new ArrayList<>(select);
    if (!list.isEmpty() && SqlTree.isWord(list.get(0), "distinct")) {
      list.remove(0);
    }
    final List<SelectItem> items = new ArrayList<>();
    for (List<Element> item : SqlTree.split(list, ",")) {
      if (!item.isEmpty()) {
        items.add(SelectItemReader.read(item));
      }
    }
    return items;
  }

  /**
   * Whether the query has no rows whatever FunnelSQL's catalog holds: it inner-joins a catalog that never has rows,
   * or a top-level condition asks for values in such a catalog ({@code x IN (SELECT … FROM pg_enum)}).
   */
  boolean isEmpty() {
    return inEmptySubquery || innerRelations.stream().anyMatch(EmptyCatalogs::isAlwaysEmpty);
  }

  /** The string literals that {@code function} is called with, alone, anywhere in the query (e.g. parse_ident). */
  List<String> literalArguments(String function) {
    final String prefix = CALL_LITERAL + function + "(";
    return words.stream().filter(word -> word.startsWith(prefix)).map(word -> word.substring(prefix.length()))
        .sorted().toList();
  }

  /** Whether a name (relation, column, function; lower case) occurs anywhere in the query. */
  boolean mentions(String word) {
    return words.contains(word);
  }

  /** The relations of the FROM clause, in order (last name part, lower case). */
  List<String> relations() {
    return relations;
  }

  /** Whether the relation is in the FROM clause and inner-joined (not on the outer side of a LEFT or FULL join). */
  boolean innerJoins(String relation) {
    return innerRelations.contains(relation);
  }

  /** The main relation: the first of the FROM clause, or null without FROM. */
  @Nullable String mainRelation() {
    return relations.isEmpty() ? null : relations.get(0);
  }

  /** The select list. */
  List<SelectItem> selectItems() {
    return selectItems;
  }

  /** The simple conditions AND-ed at the top of the WHERE clause. */
  List<Predicate> conjuncts() {
    return conjuncts;
  }

  /** The conditions on {@code column} among the top-level conjuncts. */
  List<Predicate> conjunctsOn(String column) {
    return conjuncts.stream().filter(p -> p.name().equals(column)).toList();
  }

  /** Every simple condition anywhere in the WHERE clause, also inside OR groups. */
  List<Predicate> allPredicates() {
    return allPredicates;
  }

  /** LIMIT n, if given as a number. */
  @Nullable Integer limit() {
    return limit;
  }
}
