package dev.funnelsql.functions.nextnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Unit checks of the decisions documented on NextNodeAccumulator: order, ignored bits, caching, reuse. */
class NextNodeAccumulatorTest {

  private static final int BASE = 1;
  private static final int E1 = 2;
  private static final int E2 = 4;

  private static NextNodeAccumulator acc(String direction, String base, int events) {
    return new NextNodeAccumulator(NextNodeSpec.of(direction, base, events));
  }

  @Test
  void valuesAreOrderedByCodePointNotUtf16() {
    String fullwidthA = "\uFF21";
    String emoji = "\uD83D\uDE00";
    // UTF-16 order puts the surrogate pair first; UTF-8 bytes (EF BC A1 < F0 9F 98 80) the other way round
    assertTrue(emoji.compareTo(fullwidthA) < 0);
    assertTrue(NextNodeAccumulator.compareValues(fullwidthA, emoji) < 0);
    assertTrue(NextNodeAccumulator.compareValues("B", "a") < 0);
    assertTrue(NextNodeAccumulator.compareValues("a", "ab") < 0);
    assertTrue(NextNodeAccumulator.compareValues("", "a") < 0);
    assertTrue(NextNodeAccumulator.compareValues("\u00e9", fullwidthA) < 0);
    assertEquals(0, NextNodeAccumulator.compareValues(emoji, "\uD83D\uDE00"));

    NextNodeAccumulator acc = acc("forward", "head", 1);
    acc.add(1, "start", BASE | E1);
    acc.add(2, emoji, BASE);
    acc.add(2, fullwidthA, BASE);
    assertEquals(fullwidthA, acc.result());
  }

  @Test
  void equalTimeAndValueRowsAreOrderedByMask() {
    // two rows A at t = 1: base_condition holds on one of them only (it reads another column); ClickHouse leaves
    // their order undefined, here the smaller mask (no base_condition: 0b10) comes first and is the head
    NextNodeAccumulator acc = acc("forward", "head", 1);
    acc.add(1, "A", BASE | E1);
    acc.add(1, "A", E1);
    acc.add(2, "B", 0);
    assertNull(acc.result());
    acc.reset();
    acc.add(1, "A", E1);
    acc.add(1, "A", BASE | E1);
    acc.add(2, "B", 0);
    assertNull(acc.result());
    // the head fails base_condition, but first_match finds the second A, whose next row is B
    NextNodeAccumulator first = acc("forward", "first_match", 1);
    first.add(2, "B", 0);
    first.add(1, "A", BASE | E1);
    first.add(1, "A", E1);
    assertEquals("B", first.result());
  }

  @Test
  void bitsAboveTheEventsAreIgnored() {
    // masked, the twins are A/0b10 and A/0b11: the one without base_condition is the head, so NULL; were bit 31
    // kept, A/0b10 would sort last (unsigned order), the other A would be the head and the answer A
    NextNodeAccumulator acc = acc("forward", "head", 1);
    acc.add(1, "A", E1 | 1 << 31);
    acc.add(1, "A", BASE | E1);
    acc.add(2, "B", 0);
    assertNull(acc.result());
    // a bit above the events is no event: E2 set on the row after the chain changes nothing with 1 event
    NextNodeAccumulator one = acc("forward", "head", 1);
    one.add(1, "A", BASE | E1);
    one.add(2, "B", E2 | -8);
    assertEquals("B", one.result());
  }

  @Test
  void fullLongTimestampsDoNotWrap() {
    // ClickHouse would cast to UInt32: 2^32 + 1 becomes 1 and would sort before 2
    NextNodeAccumulator acc = acc("forward", "head", 1);
    acc.add((1L << 32) + 1, "late", 0);
    acc.add(2, "early", 0);
    acc.add(1, "first", BASE | E1);
    assertEquals("early", acc.result());
    acc.reset();
    acc.add(Long.MAX_VALUE, "max", 0);
    acc.add(-1, "minus one", 0);
    acc.add(Long.MIN_VALUE, "min", BASE | E1);
    assertEquals("minus one", acc.result());
  }

  @Test
  void resultIsCachedUntilTheNextAddOrReset() {
    NextNodeAccumulator acc = acc("backward", "tail", 0);
    assertNull(acc.result());
    acc.add(5, "five", BASE);
    String five = acc.result();
    assertEquals("five", five);
    assertSame(five, acc.result());
    acc.add(9, "nine", BASE);
    assertEquals("nine", acc.result());
    acc.add(7, "seven", 0);
    assertEquals("nine", acc.result());
    acc.add(10, "ten", 0);
    assertNull(acc.result());
    assertEquals(4, acc.rows());
    acc.reset();
    assertEquals(0, acc.rows());
    assertNull(acc.result());
    acc.add(1, "one", BASE);
    assertEquals("one", acc.result());
  }

  @Test
  void largeUnsortedGroupGoesThroughTheMergeSort() {
    NextNodeAccumulator acc = acc("backward", "last_match", 2);
    int n = 1_000;
    for (int i = n - 1; i >= 0; i--) {
      String value = "v" + i;
      int mask = i % 100 == 50 ? BASE | E1 : i % 100 == 49 ? E2 : 0;
      acc.add(i / 3, value, mask);
    }
    // rows are ordered by (i / 3, "v" + i); the last E1 is v950, its predecessor v949 has E2, the answer is v948
    assertEquals("v948", acc.result());
    assertEquals(n, acc.rows());
  }

  @Test
  void nullValueIsRejected() {
    NextNodeAccumulator acc = acc("forward", "head", 0);
    assertThrows(NullPointerException.class, () -> acc.add(1, null, BASE));
    assertEquals(0, acc.rows());
  }
}
