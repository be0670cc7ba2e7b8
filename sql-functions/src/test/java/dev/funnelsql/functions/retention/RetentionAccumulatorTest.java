package dev.funnelsql.functions.retention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetentionAccumulatorTest {

  private static final int DAY1 = 1;
  private static final int DAY2 = 2;
  private static final int DAY3 = 4;

  /** The ClickHouse documentation example: retention(date = day1, date = day2, date = day3) per user. */
  @Test
  void documentationExample() {
    // uids 0..4 visit on day 1, 0..9 on day 2, 0..14 on day 3
    RetentionAccumulator acc = new RetentionAccumulator(3);
    for (int uid = 0; uid < 15; uid++) {
      acc.reset();
      if (uid < 5) {
        acc.add(DAY1);
      }
      if (uid < 10) {
        acc.add(DAY2);
      }
      acc.add(DAY3);
      boolean[] expected = uid < 5 ? new boolean[] {true, true, true} : new boolean[] {false, false, false};
      assertArrayEquals(expected, acc.result(), "uid " + uid);
    }
  }

  @Test
  void firstConditionGatesEverything() {
    RetentionAccumulator acc = new RetentionAccumulator(3);
    acc.add(DAY2 | DAY3);
    assertArrayEquals(new boolean[] {false, false, false}, acc.result());
    acc.add(DAY1);
    assertArrayEquals(new boolean[] {true, true, true}, acc.result());
  }

  @Test
  void conditionsMayHoldOnDifferentRowsInAnyOrder() {
    RetentionAccumulator acc = new RetentionAccumulator(4);
    acc.add(8);
    acc.add(0);
    acc.add(1);
    assertArrayEquals(new boolean[] {true, false, false, true}, acc.result());
  }

  @Test
  void emptyGroupAndReset() {
    RetentionAccumulator acc = new RetentionAccumulator(2);
    assertArrayEquals(new boolean[] {false, false}, acc.result());
    acc.add(3);
    assertArrayEquals(new boolean[] {true, true}, acc.result());
    acc.reset();
    assertArrayEquals(new boolean[] {false, false}, acc.result());
  }

  @Test
  void singleAndThirtyTwoConditions() {
    RetentionAccumulator one = new RetentionAccumulator(1);
    one.add(0);
    assertArrayEquals(new boolean[] {false}, one.result());
    one.add(1);
    assertArrayEquals(new boolean[] {true}, one.result());

    RetentionAccumulator all = new RetentionAccumulator(RetentionAccumulator.MAX_CONDITIONS);
    all.add(1);
    all.add(1 << 31);
    boolean[] r = all.result();
    assertEquals(32, r.length);
    assertTrue(r[0]);
    assertTrue(r[31]);
    assertEquals(2, countTrue(r));
  }

  @Test
  void bitsAboveTheConditionCountAreIgnored() {
    RetentionAccumulator acc = new RetentionAccumulator(2);
    acc.add(1 | 4 | (1 << 31));
    assertArrayEquals(new boolean[] {true, false}, acc.result());
  }

  @Test
  void conditionCountIsValidated() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new RetentionAccumulator(0));
    assertEquals("RETENTION takes 1 to 32 conditions, got 0", zero.getMessage());
    IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
        () -> new RetentionAccumulator(33));
    assertEquals("RETENTION takes 1 to 32 conditions, got 33", many.getMessage());
  }

  @Test
  void randomGroupsAgreeWithBruteForce() {
    long seed = 0x5EED_0001L;
    Random random = new Random(seed);
    int groups = 20_000;
    for (int g = 0; g < groups; g++) {
      long caseSeed = random.nextLong();
      Random r = new Random(caseSeed);
      int conditions = r.nextInt(8) == 0 ? 1 + r.nextInt(32) : 1 + r.nextInt(5);
      int[] rows = new int[r.nextInt(11)];
      for (int i = 0; i < rows.length; i++) {
        int mask = 0;
        for (int b = 0; b < 32; b++) {
          if (r.nextInt(conditions + 1) == 0) {
            mask |= 1 << b;
          }
        }
        rows[i] = r.nextInt(4) == 0 ? 0 : mask;
      }
      int valid = conditions == 32 ? -1 : (1 << conditions) - 1;
      int[] maskedRows = Arrays.stream(rows).map(m -> m & valid).toArray();
      RetentionAccumulator acc = new RetentionAccumulator(conditions);
      for (int row : rows) {
        acc.add(row);
      }
      boolean[] expected = RetentionBruteForce.retention(conditions, maskedRows);
      assertArrayEquals(expected, acc.result(), () -> "seed " + seed + ", case seed " + caseSeed
          + ", conditions " + conditions + ", rows " + Arrays.toString(rows));
    }
  }

  private static int countTrue(boolean[] r) {
    int n = 0;
    for (boolean b : r) {
      if (b) {
        n++;
      }
    }
    return n;
  }
}
