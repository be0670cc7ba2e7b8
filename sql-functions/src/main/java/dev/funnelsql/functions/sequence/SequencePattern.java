package dev.funnelsql.functions.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A parsed, immutable SEQUENCE_MATCH / SEQUENCE_COUNT pattern written in ClickHouse {@code sequenceMatch} syntax.
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
 *       integer number of seconds (at most {@link Long#MAX_VALUE}).</li>
 * </ul>
 * {@code (?N)} and {@code .} are the <em>event elements</em>. Inside the parentheses whitespace may appear after
 * {@code (?}, around the operator and before {@code )}; {@code (?} itself and multi-character tokens ({@code .*},
 * {@code <=}, numbers) must be written without spaces.
 *
 * <p>A time condition relates the event matched by the nearest event element before it to the event matched by the
 * nearest event element after it: {@code ts(next) - ts(previous) op S * unitsPerSecond}. Therefore it must have an
 * event element somewhere before it and somewhere after it; {@code .*} and other time conditions may stand between
 * (all time conditions between the same two event elements must hold, so {@code (?1)(?t>=10)(?t<=20)(?2)} is a
 * range, and {@code (?1).*(?t>10)(?2)} means "a 2 more than 10 s after a 1, any events in between").
 *
 * <p>A pattern must contain at least one event element. In particular the empty pattern is rejected (ClickHouse's
 * {@code sequenceCount('')} returns the number of stored events instead; a pattern without event elements has no
 * well-defined non-overlapping matches, and counting events is better written as a filtered COUNT).
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

  private static final int KIND_EVENT = 0;
  private static final int KIND_ANY = 1;
  private static final int KIND_STAR = 2;
  private static final int KIND_TIME = 3;

  private static final String EVENT_ELEMENT = "an event element ((?N) or '.')";

  private final int conditions;
  private final String canonical;
  private final int maxConditionUsed;
  private final int usedMask;

  /** Number of event elements ("steps"). */
  final int steps;
  /** Per step: the condition number (1-based) the event must satisfy, or 0 for {@code .}. */
  final int[] stepCondition;
  /** Per step: true iff a {@code .*} stands between the previous event element and this one. */
  final boolean[] stepGap;
  /** Per step: operators of the time conditions between the previous event element and this one. */
  final int[][] stepOps;
  /** Per step: seconds of the time conditions between the previous event element and this one. */
  final long[][] stepSeconds;

  private SequencePattern(int conditions, List<Element> elements) {
    this.conditions = conditions;
    StringBuilder text = new StringBuilder();
    int max = 0;
    int used = 0;
    int eventCount = 0;
    for (Element e : elements) {
      switch (e.kind) {
        case KIND_EVENT:
          text.append("(?").append(e.value).append(')');
          max = Math.max(max, e.value);
          used |= 1 << (e.value - 1);
          eventCount++;
          break;
        case KIND_ANY:
          text.append('.');
          eventCount++;
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
    this.steps = eventCount;
    this.stepCondition = new int[eventCount];
    this.stepGap = new boolean[eventCount];
    this.stepOps = new int[eventCount][];
    this.stepSeconds = new long[eventCount][];
    int step = 0;
    boolean gap = true;
    List<Element> pending = new ArrayList<>();
    for (Element e : elements) {
      if (e.kind == KIND_STAR) {
        gap = true;
      } else if (e.kind == KIND_TIME) {
        pending.add(e);
      } else {
        stepCondition[step] = e.kind == KIND_EVENT ? e.value : 0;
        stepGap[step] = gap;
        stepOps[step] = new int[pending.size()];
        stepSeconds[step] = new long[pending.size()];
        for (int i = 0; i < pending.size(); i++) {
          stepOps[step][i] = pending.get(i).value;
          stepSeconds[step][i] = pending.get(i).seconds;
        }
        pending.clear();
        gap = false;
        step++;
      }
    }
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

  /** Returns the number of event elements ({@code (?N)} and {@code .}), i.e. the number of events of a match. */
  public int eventElements() {
    return steps;
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
      boolean seenEvent = false;
      int pendingTimeStart = -1;
      while (true) {
        skipWhitespace();
        if (pos >= s.length()) {
          break;
        }
        int start = pos;
        char c = s.charAt(pos);
        if (c == '.') {
          pos++;
          if (pos < s.length() && s.charAt(pos) == '*') {
            pos++;
            elements.add(new Element(KIND_STAR, 0, 0));
          } else {
            elements.add(new Element(KIND_ANY, 0, 0));
            seenEvent = true;
            pendingTimeStart = -1;
          }
        } else if (c == '(') {
          pos++;
          expectChar('?', "'?' after '('");
          skipWhitespace();
          if (pos < s.length() && s.charAt(pos) == 't') {
            pos++;
            if (!seenEvent) {
              throw error(start, EVENT_ELEMENT + " before the time condition", "'(?t'");
            }
            skipWhitespace();
            int op = parseOperator();
            skipWhitespace();
            long seconds = parseNumber("a non-negative integer number of seconds");
            skipWhitespace();
            expectChar(')', "')' to close the time condition");
            elements.add(new Element(KIND_TIME, op, seconds));
            if (pendingTimeStart < 0) {
              pendingTimeStart = start;
            }
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
            seenEvent = true;
            pendingTimeStart = -1;
          } else {
            throw error(pos, "a condition number or 't' after '(?'", found());
          }
        } else {
          throw error(pos, "an element: (?N), (?t op S), '.' or '.*'", found());
        }
      }
      if (!seenEvent) {
        throw error(pos, EVENT_ELEMENT, found());
      }
      if (pendingTimeStart >= 0) {
        throw error(pos, EVENT_ELEMENT + " after the time condition at position " + (pendingTimeStart + 1),
            found());
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
