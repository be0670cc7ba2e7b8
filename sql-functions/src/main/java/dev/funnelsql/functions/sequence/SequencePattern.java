package dev.funnelsql.functions.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, immutable SEQUENCE_MATCH / SEQUENCE_COUNT pattern written in ClickHouse {@code sequenceMatch} syntax,
 * held as ClickHouse's list of actions so that {@link SequenceAccumulator} can give ClickHouse's answers.
 *
 * <h2>Syntax</h2>
 * A pattern is a sequence of elements, optionally separated by whitespace:
 * <ul>
 *   <li>{@code (?N)} &ndash; one event on which condition {@code N} holds; {@code N} is a decimal number from 1 to
 *       the number of conditions of the call ({@code (?0)} and larger numbers are errors);</li>
 *   <li>{@code .} &ndash; any one event;</li>
 *   <li>{@code .*} &ndash; any number of events, including none ({@code .} and {@code *} must be adjacent);</li>
 *   <li>{@code (?t op S)} &ndash; a time condition, {@code op} one of {@code <=}, {@code <}, {@code >=}, {@code >},
 *       {@code ==} (a single {@code =} is accepted as a synonym of {@code ==}), {@code S} a non-negative decimal
 *       integer (at most {@link Long#MAX_VALUE}) in the pattern's time unit.</li>
 * </ul>
 * As in ClickHouse, the pattern is implicitly preceded by {@code .*}; the empty pattern and patterns without event
 * elements ({@code .*}, {@code (?t<5)}) are valid; a time condition may open or close the pattern; and a time
 * condition must not directly follow another one (ClickHouse's "Temporal condition should be preceded by an event
 * condition"). ClickHouse allows no whitespace and no single {@code =}; FunnelSQL accepts both, which changes no
 * pattern ClickHouse accepts. Inside the parentheses whitespace may appear after {@code (?}, around the operator and
 * before {@code )}; {@code (?} itself and multi-character tokens ({@code .*}, {@code <=}, numbers) must be written
 * without spaces.
 *
 * <h2>Errors</h2>
 * {@link #parse} throws {@link IllegalArgumentException} with a message of the form
 * {@code "sequence pattern error at position P: expected X, found Y"}, where {@code P} is the 1-based character
 * position of the offending character ({@code length + 1} for the end of the pattern).
 *
 * <h2>Canonical form</h2>
 * {@link #toString()} writes the elements in their original order without whitespace, {@code =} as {@code ==} and
 * numbers without leading zeros, e.g. {@code "(?1).*(?t>=10)(?2)"}; parsing it again yields an equal pattern.
 *
 * <p>The matching semantics are documented on {@link SequenceAccumulator}.
 */
public final class SequencePattern {

  /** The largest number of conditions a sequence function accepts (the width of the condition mask). */
  public static final int MAX_CONDITIONS = 32;

  static final int OP_LE = 0;
  static final int OP_LT = 1;
  static final int OP_GE = 2;
  static final int OP_GT = 3;
  static final int OP_EQ = 4;
  private static final String[] OP_TEXT = {"<=", "<", ">=", ">", "=="};

  /** Action kind: one event on which a condition holds ({@code (?N)}). */
  static final int KIND_EVENT = 0;
  /** Action kind: any one event ({@code .}). */
  static final int KIND_ANY = 1;
  /** Action kind: any number of events ({@code .*}). */
  static final int KIND_STAR = 2;
  /** Action kind: a time condition ({@code (?t op S)}). */
  static final int KIND_TIME = 3;

  private final int conditions;
  private final String canonical;
  private final int maxConditionUsed;
  private final int usedMask;
  private final int eventElements;

  /** Per action, action 0 being the implicit leading {@code .*}: its kind ({@code KIND_*}). */
  final int[] kind;
  /** Per action: the condition number of {@code (?N)}, the operator ({@code OP_*}) of a time condition, else 0. */
  final int[] value;
  /** Per action: the number S of a time condition, else 0. */
  final long[] amount;

  private SequencePattern(int conditions, List<Element> elements) {
    this.conditions = conditions;
    StringBuilder text = new StringBuilder();
    int max = 0;
    int used = 0;
    int events = 0;
    kind = new int[elements.size() + 1];
    value = new int[elements.size() + 1];
    amount = new long[elements.size() + 1];
    kind[0] = KIND_STAR;
    for (int i = 0; i < elements.size(); i++) {
      Element e = elements.get(i);
      kind[i + 1] = e.kind;
      value[i + 1] = e.value;
      amount[i + 1] = e.seconds;
      switch (e.kind) {
        case KIND_EVENT:
          text.append("(?").append(e.value).append(')');
          max = Math.max(max, e.value);
          used |= 1 << (e.value - 1);
          events++;
          break;
        case KIND_ANY:
          text.append('.');
          events++;
          break;
        case KIND_STAR:
          text.append(".*");
          break;
        case KIND_TIME:
          text.append("(?t").append(OP_TEXT[e.value]).append(e.seconds).append(')');
          break;
        default:
          throw new AssertionError(e.kind);
      }
    }
    this.canonical = text.toString();
    this.maxConditionUsed = max;
    this.usedMask = used;
    this.eventElements = events;
  }

  /**
   * Parses a pattern.
   *
   * @param pattern    the pattern text
   * @param conditions the number of condition arguments of the call, 1 to {@value #MAX_CONDITIONS}
   * @return the parsed pattern
   * @throws IllegalArgumentException if {@code conditions} is out of range or the pattern is malformed (the
   *                                  message names the 1-based position and what was expected)
   */
  public static SequencePattern parse(String pattern, int conditions) {
    Objects.requireNonNull(pattern, "pattern");
    if (conditions < 1 || conditions > MAX_CONDITIONS) {
      throw new IllegalArgumentException("sequence functions take 1 to " + MAX_CONDITIONS
          + " conditions, got " + conditions);
    }
    return new SequencePattern(conditions, new Parser(pattern, conditions).parse());
  }

  /** Returns the number of conditions the pattern was parsed for. */
  public int conditions() {
    return conditions;
  }

  /** Returns the largest condition number used by a {@code (?N)} element, or 0 if there is none. */
  public int maxConditionUsed() {
    return maxConditionUsed;
  }

  /** Returns the number of event elements ({@code (?N)} and {@code .}), i.e. the number of events a match uses. */
  public int eventElements() {
    return eventElements;
  }

  /** Returns the number of actions: the elements plus the implicit leading {@code .*}. */
  int actions() {
    return kind.length;
  }

  /** Returns the mask of the conditions used by {@code (?N)} elements (bit N-1 for condition N). */
  int usedMask() {
    return usedMask;
  }

  /** Returns the canonical text of the pattern (see the class documentation). */
  @Override
  public String toString() {
    return canonical;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SequencePattern)) {
      return false;
    }
    SequencePattern other = (SequencePattern) o;
    return conditions == other.conditions && canonical.equals(other.canonical);
  }

  @Override
  public int hashCode() {
    return 31 * conditions + canonical.hashCode();
  }

  /** One parsed element. */
  private static final class Element {
    final int kind;
    final int value;
    final long seconds;

    Element(int kind, int value, long seconds) {
      this.kind = kind;
      this.value = value;
      this.seconds = seconds;
    }
  }

  /** Recursive-descent parser over the pattern text; positions in messages are 1-based. */
  private static final class Parser {
    private final String s;
    private final int conditions;
    private int pos;

    Parser(String s, int conditions) {
      this.s = s;
      this.conditions = conditions;
    }

    List<Element> parse() {
      List<Element> elements = new ArrayList<>();
      int previousTimeStart = -1;
      while (true) {
        skipWhitespace();
        if (pos >= s.length()) {
          break;
        }
        int start = pos;
        char c = s.charAt(pos);
        boolean time = false;
        if (c == '.') {
          pos++;
          if (pos < s.length() && s.charAt(pos) == '*') {
            pos++;
            elements.add(new Element(KIND_STAR, 0, 0));
          } else {
            elements.add(new Element(KIND_ANY, 0, 0));
          }
        } else if (c == '(') {
          pos++;
          expectChar('?', "'?' after '('");
          skipWhitespace();
          if (pos < s.length() && s.charAt(pos) == 't') {
            pos++;
            if (previousTimeStart >= 0) {
              throw error(start, "an event element ((?N), '.') or '.*' between the time condition at position "
                  + (previousTimeStart + 1) + " and the next one", "'(?t'");
            }
            skipWhitespace();
            int op = parseOperator();
            skipWhitespace();
            long seconds = parseNumber("a non-negative integer number of seconds");
            skipWhitespace();
            expectChar(')', "')' to close the time condition");
            elements.add(new Element(KIND_TIME, op, seconds));
            previousTimeStart = start;
            time = true;
          } else if (pos < s.length() && isDigit(s.charAt(pos))) {
            int numberStart = pos;
            String digits = digits();
            long n = digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
            if (n < 1 || n > conditions) {
              throw error(numberStart, "a condition number from 1 to " + conditions,
                  digits);
            }
            skipWhitespace();
            expectChar(')', "')' to close '(?" + digits + "'");
            elements.add(new Element(KIND_EVENT, (int) n, 0));
          } else {
            throw error(pos, "a condition number or 't' after '(?'", found());
          }
        } else {
          throw error(pos, "an element: (?N), (?t op S), '.' or '.*'", found());
        }
        if (!time) {
          previousTimeStart = -1;
        }
      }
      return elements;
    }

    private int parseOperator() {
      if (pos < s.length()) {
        char c = s.charAt(pos);
        boolean eq = pos + 1 < s.length() && s.charAt(pos + 1) == '=';
        if (c == '<') {
          pos += eq ? 2 : 1;
          return eq ? OP_LE : OP_LT;
        }
        if (c == '>') {
          pos += eq ? 2 : 1;
          return eq ? OP_GE : OP_GT;
        }
        if (c == '=') {
          pos += eq ? 2 : 1;
          return OP_EQ;
        }
      }
      throw error(pos, "a comparison operator (<=, <, >=, >, ==)", found());
    }

    private long parseNumber(String what) {
      int start = pos;
      if (pos >= s.length() || !isDigit(s.charAt(pos))) {
        throw error(pos, what, found());
      }
      String digits = digits();
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw error(start, "a number of seconds no larger than " + Long.MAX_VALUE, digits);
      }
    }

    private String digits() {
      int start = pos;
      while (pos < s.length() && isDigit(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private void expectChar(char c, String what) {
      if (pos >= s.length() || s.charAt(pos) != c) {
        throw error(pos, what, found());
      }
      pos++;
    }

    private void skipWhitespace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private String found() {
      return pos >= s.length() ? "end of pattern" : "'" + s.charAt(pos) + "'";
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static IllegalArgumentException error(int index, String expected, String found) {
      return new IllegalArgumentException("sequence pattern error at position " + (index + 1)
          + ": expected " + expected + ", found " + found);
    }
  }
}
