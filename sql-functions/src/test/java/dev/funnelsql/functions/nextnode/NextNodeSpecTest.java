package dev.funnelsql.functions.nextnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnelsql.functions.nextnode.NextNodeSpec.Base;
import dev.funnelsql.functions.nextnode.NextNodeSpec.Direction;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NextNodeSpecTest {

  private static final String PREFIX = "SEQUENCE_NEXT_NODE: ";

  @Test
  void parsesAnyCaseAndSurroundingWhitespace() {
    NextNodeSpec spec = NextNodeSpec.of("  FORWARD\t", " First_Match ", 2);
    assertEquals(Direction.FORWARD, spec.direction());
    assertEquals(Base.FIRST_MATCH, spec.base());
    assertEquals(2, spec.events());
    assertEquals(NextNodeSpec.of(Direction.FORWARD, Base.FIRST_MATCH, 2), spec);
    assertEquals(Base.LAST_MATCH, NextNodeSpec.of("backward", "LAST_match", 1).base());
    assertEquals(Base.TAIL, NextNodeSpec.of("Backward", "\nTail", 0).base());
  }

  @Test
  void theSixValidCombinations() {
    String[][] valid = {
      {"forward", "head"}, {"forward", "first_match"}, {"forward", "last_match"},
      {"backward", "tail"}, {"backward", "first_match"}, {"backward", "last_match"},
    };
    Set<NextNodeSpec> seen = new HashSet<>();
    for (String[] v : valid) {
      for (int events = 1; events <= NextNodeSpec.MAX_EVENTS; events++) {
        NextNodeSpec spec = NextNodeSpec.of(v[0], v[1], events);
        assertEquals(v[0], spec.direction().sqlName());
        assertEquals(v[1], spec.base().sqlName());
        seen.add(spec);
      }
    }
    assertEquals(6 * NextNodeSpec.MAX_EVENTS, seen.size());
  }

  @Test
  void equalityAndToString() {
    NextNodeSpec a = NextNodeSpec.of("forward", "head", 2);
    assertEquals(a, NextNodeSpec.of(" Forward", "HEAD", 2));
    assertEquals(a.hashCode(), NextNodeSpec.of(" Forward", "HEAD", 2).hashCode());
    assertNotEquals(a, NextNodeSpec.of("forward", "head", 3));
    assertNotEquals(a, NextNodeSpec.of("forward", "first_match", 2));
    assertNotEquals(a, NextNodeSpec.of("backward", "first_match", 2));
    assertEquals("SEQUENCE_NEXT_NODE('forward', 'head', 2 events)", a.toString());
    assertEquals("SEQUENCE_NEXT_NODE('backward', 'last_match', 1 event)",
        NextNodeSpec.of("BACKWARD", "last_match", 1).toString());
    assertEquals("SEQUENCE_NEXT_NODE('backward', 'tail', 0 events)", NextNodeSpec.of("backward", "tail", 0).toString());
  }

  @Test
  void unknownDirection() {
    assertError(PREFIX + "unknown direction 'sideways'; valid directions are 'forward', 'backward'",
        "sideways", "head", 1);
    assertError(PREFIX + "unknown direction ''; valid directions are 'forward', 'backward'", "", "head", 1);
    assertError(PREFIX + "unknown direction NULL; valid directions are 'forward', 'backward'", null, "head", 1);
    // only ASCII letters are folded: a dotless i is not an i
    assertError(PREFIX + "unknown direction 'forward\u0131'; valid directions are 'forward', 'backward'",
        "forward\u0131", "head", 1);
    // the direction is checked before the base
    assertError(PREFIX + "unknown direction 'up'; valid directions are 'forward', 'backward'", "up", "down", 1);
  }

  @Test
  void unknownBase() {
    String valid = "; valid bases are 'head', 'tail', 'first_match', 'last_match'";
    assertError(PREFIX + "unknown base 'middle'" + valid, "forward", "middle", 1);
    assertError(PREFIX + "unknown base 'first match'" + valid, "forward", "first match", 1);
    assertError(PREFIX + "unknown base 'firstmatch'" + valid, "forward", "firstmatch", 1);
    assertError(PREFIX + "unknown base NULL" + valid, "forward", null, 1);
  }

  @Test
  void invalidCombinations() {
    assertError(PREFIX + "base 'tail' cannot be used with direction 'forward' (nothing follows the last row);"
        + " valid bases for 'forward' are 'head', 'first_match', 'last_match'", "forward", "tail", 1);
    assertError(PREFIX + "base 'head' cannot be used with direction 'backward' (nothing precedes the first row);"
        + " valid bases for 'backward' are 'tail', 'first_match', 'last_match'", "Backward", "HEAD", 0);
  }

  @Test
  void numberOfEventConditions() {
    // head and tail accept none; first_match and last_match need event1 to select the base row
    assertEquals(0, NextNodeSpec.of("forward", "head", 0).events());
    assertEquals(0, NextNodeSpec.of("backward", "tail", 0).events());
    assertError(PREFIX + "base 'first_match' needs at least 1 event condition (event1 selects the base row), got 0;"
        + " only 'head' and 'tail' accept 0 event conditions", "forward", "first_match", 0);
    assertError(PREFIX + "base 'last_match' needs at least 1 event condition (event1 selects the base row), got 0;"
        + " only 'head' and 'tail' accept 0 event conditions", "backward", "last_match", 0);
    // at most 31: bit 0 of the 32-bit mask is base_condition
    assertEquals(31, NextNodeSpec.of("forward", "head", 31).events());
    assertError(PREFIX + "the number of event conditions must be 0 to 31, got 32"
        + " (ClickHouse allows 64; the condition mask here has 32 bits)", "forward", "head", 32);
    assertError(PREFIX + "the number of event conditions must be 0 to 31, got 64"
        + " (ClickHouse allows 64; the condition mask here has 32 bits)", "backward", "last_match", 64);
    assertError(PREFIX + "the number of event conditions must be 0 to 31, got -1", "forward", "head", -1);
  }

  @Test
  void enumOverloadValidatesToo() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NextNodeSpec.of(Direction.FORWARD, Base.TAIL, 1));
    assertEquals(PREFIX + "base 'tail' cannot be used with direction 'forward' (nothing follows the last row);"
        + " valid bases for 'forward' are 'head', 'first_match', 'last_match'", e.getMessage());
    assertThrows(NullPointerException.class, () -> NextNodeSpec.of(null, Base.HEAD, 1));
    assertThrows(NullPointerException.class, () -> NextNodeSpec.of(Direction.FORWARD, null, 1));
  }

  private static void assertError(String message, String direction, String base, int events) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NextNodeSpec.of(direction, base, events));
    assertEquals(message, e.getMessage());
  }
}
