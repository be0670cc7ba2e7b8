package dev.funnelsql.functions.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SequencePatternTest {

  private static final String AT = "sequence pattern error at position ";

  @Test
  void canonicalForm() {
    assertCanonical("(?1)(?2)", "(?1)(?2)", 2);
    assertCanonical(" (?1) .* (? t >= 010 ) (?02) ", "(?1).*(?t>=10)(?2)", 3);
    assertCanonical("(?1)(?t=5)(?2)", "(?1)(?t==5)(?2)", 2);
    assertCanonical("(?1)(?t==0).", "(?1)(?t==0).", 1);
    assertCanonical("(?1)(?t<1).(?t>0).*(?t<=2)(?1)(?t>=3)", "(?1)(?t<1).(?t>0).*(?t<=2)(?1)(?t>=3)", 1);
    assertCanonical("..*.", "..*.", 1);
    assertCanonical(".*.", ".*.", 1);
    assertCanonical("\t(?1)\n.*\r\n(?t>5)(?2).* ", "(?1).*(?t>5)(?2).*", 2);
    assertCanonical("(?1)(?t<9223372036854775807)(?1)", "(?1)(?t<9223372036854775807)(?1)", 1);
  }

  @Test
  void accessors() {
    SequencePattern p = SequencePattern.parse("(?3).(?1).*(?t<4)(?3)", 5);
    assertEquals(3, p.maxConditionUsed());
    assertEquals(5, p.conditions());
    assertEquals(4, p.eventElements());
    assertEquals(0, SequencePattern.parse("..", 2).maxConditionUsed());
    assertEquals(32, SequencePattern.parse("(?32)", 32).maxConditionUsed());
  }

  @Test
  void equality() {
    SequencePattern a = SequencePattern.parse("(?1) (?t=3) (?2)", 2);
    SequencePattern b = SequencePattern.parse("(?1)(?t==3)(?2)", 2);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, SequencePattern.parse("(?1)(?t==3)(?2)", 3));
    assertEquals(a, SequencePattern.parse(a.toString(), 2));
  }

  @Test
  void conditionNumberOutOfRange() {
    assertError("(?0)", 3, 3, "expected a condition number from 1 to 3, found 0");
    assertError("(?9)", 3, 3, "expected a condition number from 1 to 3, found 9");
    assertError("(?1)(?4)", 3, 7, "expected a condition number from 1 to 3, found 4");
    assertError("(?99999999999999999999)", 3, 3,
        "expected a condition number from 1 to 3, found 99999999999999999999");
    assertError("(?-1)", 3, 3, "expected a condition number or 't' after '(?', found '-'");
  }

  @Test
  void timeConditionsMayOpenOrCloseAPatternButNotFollowOneAnother() {
    // ClickHouse's parser puts an implicit .* first, and a time condition may follow it or any event element
    assertCanonical("(?t>5)(?1)", "(?t>5)(?1)", 2);
    assertCanonical(".*(?t>5)(?1)", ".*(?t>5)(?1)", 2);
    assertCanonical("(?1)(?t>5)", "(?1)(?t>5)", 2);
    assertCanonical("(?t<0)", "(?t<0)", 1);
    // "Temporal condition should be preceded by an event condition" in ClickHouse
    assertError("(?1)(?t>5)(?t<9).*", 2, 11, "expected an event element ((?N), '.') or '.*' between the time "
        + "condition at position 5 and the next one, found '(?t'");
    assertError("(?t>5) (?t<9)", 2, 8, "expected an event element ((?N), '.') or '.*' between the time "
        + "condition at position 1 and the next one, found '(?t'");
  }

  @Test
  void malformedTimeCondition() {
    assertError("(?1)(?t>x)(?2)", 2, 9, "expected a non-negative integer number of seconds, found 'x'");
    assertError("(?1)(?t>-5)(?2)", 2, 9, "expected a non-negative integer number of seconds, found '-'");
    assertError("(?1)(?t~5)(?2)", 2, 8, "expected a comparison operator (<=, <, >=, >, ==), found '~'");
    assertError("(?1)(?t)(?2)", 2, 8, "expected a comparison operator (<=, <, >=, >, ==), found ')'");
    assertError("(?1)(?t>5(?2)", 2, 10, "expected ')' to close the time condition, found '('");
    assertError("(?1)(?t>5", 2, 10, "expected ')' to close the time condition, found end of pattern");
    assertError("(?1)(?t>99999999999999999999)(?2)", 2, 9,
        "expected a number of seconds no larger than 9223372036854775807, found 99999999999999999999");
    assertError("(?1)(?t>5.5)(?2)", 2, 10, "expected ')' to close the time condition, found '.'");
  }

  @Test
  void unbalancedParentheses() {
    assertError("(?1", 2, 4, "expected ')' to close '(?1', found end of pattern");
    assertError("(?1(?2)", 2, 4, "expected ')' to close '(?1', found '('");
    assertError("(?1))", 2, 5, "expected an element: (?N), (?t op S), '.' or '.*', found ')'");
    assertError("((?1)", 2, 2, "expected '?' after '(', found '('");
    assertError("(", 2, 2, "expected '?' after '(', found end of pattern");
    assertError("(?", 2, 3, "expected a condition number or 't' after '(?', found end of pattern");
  }

  @Test
  void unknownElements() {
    assertError("(?1)x", 2, 5, "expected an element: (?N), (?t op S), '.' or '.*', found 'x'");
    assertError("*", 2, 1, "expected an element: (?N), (?t op S), '.' or '.*', found '*'");
    assertError(". *", 2, 3, "expected an element: (?N), (?t op S), '.' or '.*', found '*'");
    assertError(".**", 2, 3, "expected an element: (?N), (?t op S), '.' or '.*', found '*'");
    assertError("(?x)", 2, 3, "expected a condition number or 't' after '(?', found 'x'");
    assertError("(?1)(?T>1)(?2)", 2, 7, "expected a condition number or 't' after '(?', found 'T'");
  }

  @Test
  void patternsWithoutEventElementsAreValidAsInClickHouse() {
    assertCanonical("", "", 2);
    assertCanonical("   ", "", 2);
    assertCanonical(".*", ".*", 2);
    assertCanonical(".* .*", ".*.*", 2);
    assertEquals(0, SequencePattern.parse("", 2).eventElements());
    assertEquals(0, SequencePattern.parse("(?t<=10)", 2).eventElements());
  }

  @Test
  void conditionCountIsValidated() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SequencePattern.parse("(?1)", 0));
    assertEquals("sequence functions take 1 to 32 conditions, got 0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SequencePattern.parse("(?1)", 33));
    assertThrows(NullPointerException.class, () -> SequencePattern.parse(null, 1));
  }

  private static void assertCanonical(String text, String canonical, int conditions) {
    SequencePattern p = SequencePattern.parse(text, conditions);
    assertEquals(canonical, p.toString());
    assertEquals(p, SequencePattern.parse(p.toString(), conditions));
  }

  private static void assertError(String pattern, int conditions, int position, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SequencePattern.parse(pattern, conditions), pattern);
    assertEquals(AT + position + ": " + message, e.getMessage(), pattern);
  }
}
