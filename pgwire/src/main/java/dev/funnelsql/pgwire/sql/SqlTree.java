package dev.funnelsql.pgwire.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Tokens nested by parentheses and brackets: enough structure to find an expression's operand, a select list's
 * items or a FROM clause's relations without a full SQL grammar. Rewrites edit the element lists in place.
 */
public final class SqlTree {
  private SqlTree() {
  }

  /** A token or a parenthesized group. */
  public sealed interface Element permits Leaf, Group {
    /** Appends this element's SQL text. */
    void render(StringBuilder out);
  }

  /** One token. */
  public record Leaf(Token token) implements Element {
    @Override public void render(StringBuilder out) {
      out.append(token.text());
    }
  }

  /** A group: {@code ( … )}, {@code [ … ]}, or a whole statement (no brackets). */
  public static final class Group implements Element {
    private final String open;
    private final String close;
    private final List<Element> items;

    /** A group with these brackets ("" for none) and elements. */
    public Group(String open, List<Element> items, String close) {
      this.open = open;
      this.items = items;
      this.close = close;
    }

    /** The opening bracket, "" for a statement. */
    public String open() {
      return open;
    }

    /** The elements, including white space and comments; mutable. */
    public List<Element> items() {
      return items;
    }

    /** The elements that carry meaning (no white space or comments), in order. */
    public List<Element> significant() {
      final List<Element> significant = new ArrayList<>();
      for (Element item : items) {
        if (!(item instanceof Leaf) || ((Leaf) item).token().significant()) {
          significant.add(item);
        }
      }
      return significant;
    }

    @Override public void render(StringBuilder out) {
      out.append(open);
      items.forEach(item -> item.render(out));
      out.append(close);
    }

    /** The SQL text of this group. */
    public String sql() {
      final StringBuilder out = new StringBuilder();
      render(out);
      return out.toString();
    }

    @Override public String toString() {
      return sql();
    }
  }

  /** Nests {@code tokens} into a statement group; throws {@link SqlSyntaxException} on unbalanced brackets. */
  public static Group parse(List<Token> tokens) {
    final List<List<Element>> stack = new ArrayList<>();
    final List<String> opens = new ArrayList<>();
    stack.add(new ArrayList<>());
    for (Token token : tokens) {
      if (token.is("(") || token.is("[")) {
        stack.add(new ArrayList<>());
        opens.add(token.text());
      } else if (token.is(")") || token.is("]")) {
        final String expected = token.is(")") ? "(" : "[";
        if (opens.isEmpty() || !opens.get(opens.size() - 1).equals(expected)) {
          throw new SqlSyntaxException("unbalanced '" + token.text() + "'");
        }
        final List<Element> inner = stack.remove(stack.size() - 1);
        opens.remove(opens.size() - 1);
        stack.get(stack.size() - 1).add(new Group(expected, inner, token.text()));
      } else {
        stack.get(stack.size() - 1).add(new Leaf(token));
      }
    }
    if (!opens.isEmpty()) {
      throw new SqlSyntaxException("unbalanced '" + opens.get(opens.size() - 1) + "': missing closing bracket");
    }
    return new Group("", stack.get(0), "");
  }

  /** The token of an element, or null for a group. */
  public static @Nullable Token token(@Nullable Element element) {
    return element instanceof Leaf ? ((Leaf) element).token() : null;
  }

  /** Whether the element is the word (lower case). */
  public static boolean isWord(@Nullable Element element, String word) {
    final @Nullable Token token = token(element);
    return token != null && token.isWord(word);
  }

  /** Whether the element is that punctuation or operator. */
  public static boolean isSymbol(@Nullable Element element, String symbol) {
    final @Nullable Token token = token(element);
    return token != null && token.is(symbol);
  }

  /** Whether the element is a parenthesized group. */
  public static boolean isParens(@Nullable Element element) {
    return element instanceof Group && ((Group) element).open().equals("(");
  }

  /** Splits elements at top-level occurrences of a separator token (e.g. "," or ";"). */
  public static List<List<Element>> split(List<Element> elements, String separator) {
    return split(elements, element -> isSymbol(element, separator));
  }

  /** Splits a list of elements at every element that {@code separator} accepts (the separators are dropped). */
  public static List<List<Element>> split(List<Element> elements, Predicate<Element> separator) {
    final List<List<Element>> parts = new ArrayList<>();
    List<Element> current = new ArrayList<>();
    for (Element element : elements) {
      if (separator.test(element)) {
        parts.add(current);
        current = new ArrayList<>();
      } else {
        current.add(element);
      }
    }
    parts.add(current);
    return parts;
  }

  /** The SQL text of a list of elements. */
  public static String render(List<Element> elements) {
    final StringBuilder out = new StringBuilder();
    elements.forEach(element -> element.render(out));
    return out.toString();
  }

  /** Runs {@code action} on every group nested in {@code group}, innermost first, then on {@code group} itself. */
  public static void bottomUp(Group group, Consumer<Group> action) {
    for (Element item : group.items()) {
      if (item instanceof Group) {
        bottomUp((Group) item, action);
      }
    }
    action.accept(group);
  }
}
