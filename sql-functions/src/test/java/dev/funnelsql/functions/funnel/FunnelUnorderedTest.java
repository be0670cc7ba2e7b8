package dev.funnelsql.functions.funnel;

import static dev.funnelsql.functions.funnel.FunnelCheck.check;
import static dev.funnelsql.functions.funnel.FunnelCheck.row;
import static dev.funnelsql.functions.funnel.FunnelCheck.sequence;
import static dev.funnelsql.functions.funnel.FunnelCheck.spec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The known answers of {@code unordered} ("any order") funnels, on the state machine, accumulator and brute force. */
class FunnelUnorderedTest {
  private static final long BIG = 1_000_000;

  private static long[] times(long... t) {
    return t;
  }

  private static FunnelSpec unordered(int steps, long window) {
    return spec(steps, window, "unordered");
  }

  @Test void anyOrderWithinTheWindow() {
    check(unordered(3, BIG), 3, times(0, 1, 2), sequence("C B A"));
    check(unordered(3, 2), 3, times(0, 1, 2), sequence("C B A"));
    check(unordered(3, 1), 2, times(0, 1), sequence("C B A"));
    // The same rows in the default mode reach only step 1.
    check(spec(3, BIG, ""), 1, times(2), sequence("C B A"));
  }

  @Test void stepOutsideTheWindowDoesNotCount() {
    // A, then C outside A's window, then B: {A, B} or {C, B} reach 2, never 3.
    check(unordered(3, 10), 2, times(0, 5), row(0, "A"), row(5, "B"), row(11, "C"));
    check(unordered(3, 10), 2, times(11, 12), row(0, "A"), row(11, "C"), row(12, "B"));
    check(unordered(3, 10), 1, times(0), row(0, "A"), row(11, "C"), row(22, "B"));
  }

  @Test void windowEdgesAreInclusive() {
    check(unordered(2, 10), 2, times(0, 10), row(0, "B"), row(10, "A"));
    check(unordered(2, 9), 1, times(0), row(0, "B"), row(10, "A"));
    check(unordered(3, 10), 3, times(0, 10, 10), row(0, "C"), row(10, "A"), row(10, "B"), row(11, "A"));
    check(unordered(2, 0), 2, times(5, 5), row(5, "B"), row(5, "A"));
    check(unordered(2, 0), 1, times(5), row(5, "B"), row(6, "A"));
  }

  @Test void repeatsCountOnce() {
    check(unordered(3, BIG), 1, times(0), sequence("A A A"));
    check(unordered(3, BIG), 2, times(0, 2), sequence("A A B B A"));
    check(unordered(3, BIG), 3, times(0, 2, 5), sequence("B B A A B C"));
  }

  @Test void tiesGoToTheEarliestStart() {
    // Two instances of level 2: the earlier one is reported.
    check(unordered(4, 5), 2, times(0, 1), row(0, "A"), row(1, "B"), row(10, "C"), row(11, "D"));
    check(unordered(4, 5), 2, times(0, 1), row(0, "D"), row(1, "C"), row(10, "A"), row(11, "B"));
    // Start 0 reaches {A, B}; start 4 reaches {B, C} (2 too) and then {B, C, A}.
    check(unordered(3, 5), 2, times(0, 4), row(0, "A"), row(4, "B"), row(6, "C"));
    check(unordered(3, 5), 3, times(4, 6, 7), row(0, "A"), row(4, "B"), row(6, "C"), row(7, "A"));
    // Rows of one time count together, in any arrival order.
    check(unordered(3, 0), 3, times(5, 5, 5), row(5, "C"), row(5, "A"), row(5, "B"));
  }

  @Test void oneRowCountsForSeveralSteps() {
    check(unordered(2, BIG), 2, times(3, 3), row(3, "AB"));
    check(unordered(3, BIG), 3, times(3, 3, 4), row(3, "AB"), row(4, "BC"));
    check(unordered(3, BIG), 3, times(7, 7, 7), row(7, "ABC"));
    check(unordered(4, 1), 3, times(1, 2, 2), row(1, "D"), row(2, "AD"), row(2, "BD"), row(4, "C"));
  }

  @Test void timesAreIndexedByStepsDoneNotByStepNumber() {
    // Step 2 first, then step 1, then step 3: times[0] is step 2's time.
    check(unordered(3, BIG), 3, times(0, 2, 4), row(0, "B"), row(2, "A"), row(4, "C"));
    check(unordered(3, BIG), 2, times(0, 9), row(0, "C"), row(9, "A"));
  }

  @Test void emptyAndNothingMatching() {
    check(unordered(2, BIG), 0, times());
    check(unordered(2, BIG), 0, times(), row(1, ""), row(2, ""));
    check(unordered(2, BIG), 1, times(2), row(1, ""), row(2, "B"), row(3, ""));
  }

  @Test void hugeTimesDoNotOverflowTheWindow() {
    check(unordered(2, Long.MAX_VALUE), 1, times(Long.MIN_VALUE), row(Long.MIN_VALUE, "A"), row(Long.MAX_VALUE, "B"));
    check(unordered(2, Long.MAX_VALUE), 2, times(Long.MIN_VALUE, -1),
        row(Long.MIN_VALUE, "B"), row(-1, "A"), row(Long.MAX_VALUE - 1, "B"));
    check(unordered(2, Long.MAX_VALUE), 2, times(-1, Long.MAX_VALUE - 1), row(-1, "A"), row(Long.MAX_VALUE - 1, "B"));
    check(unordered(2, Long.MAX_VALUE - 1), 1, times(Long.MIN_VALUE),
        row(Long.MIN_VALUE, "B"), row(-1, "A"), row(Long.MAX_VALUE - 1, "B"));
    check(unordered(2, 5), 1, times(Long.MIN_VALUE), row(Long.MIN_VALUE, "B"), row(Long.MAX_VALUE, "A"));
  }

  @Test void queriesInTheMiddleAnswerForTheRowsSoFar() {
    final FunnelStateMachine machine = new FunnelStateMachine(unordered(3, 10));
    final long[] out = new long[3];
    assertEquals(0, machine.level());
    assertFalse(machine.chainTimes(out));
    machine.accept(1, 0b100);
    machine.accept(2, 0b010);
    assertEquals(2, machine.level());
    assertTrue(machine.chainTimes(out));
    assertArrayEquals(times(1, 2), Arrays.copyOf(out, 2));
    machine.accept(2, 0b110); // more rows of the same time after a query
    machine.accept(20, 0b001); // outside: start 1 is final with level 2
    assertEquals(2, machine.level());
    machine.chainTimes(out);
    assertArrayEquals(times(1, 2), Arrays.copyOf(out, 2));
    assertFalse(machine.stopped());
    machine.accept(25, 0b100);
    machine.accept(30, 0b010);
    assertTrue(machine.stopped()); // every step was reached
    assertEquals(3, machine.level());
    machine.chainTimes(out);
    assertArrayEquals(times(20, 25, 30), out);
    machine.accept(30, 0b001);
    machine.accept(31, 0b111);
    assertEquals(3, machine.level());
    machine.chainTimes(out);
    assertArrayEquals(times(20, 25, 30), out);
  }

  @Test void decreasingTimeAndBadMasksThrow() {
    final FunnelStateMachine machine = new FunnelStateMachine(unordered(2, 10));
    machine.accept(5, 1);
    machine.accept(5, 0);
    final IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.accept(4, 2));
    assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> machine.accept(6, 4));
    final FunnelStateMachine lean = new FunnelStateMachine(unordered(2, 10), false);
    lean.accept(1, 2);
    assertEquals(1, lean.level());
    assertThrows(IllegalStateException.class, () -> lean.chainTimes(new long[2]));
    final FunnelStateMachine all = new FunnelStateMachine(unordered(32, 0));
    all.accept(1, -1);
    assertEquals(32, all.level());
    assertTrue(all.stopped());
  }

  @Test void resetMakesTheMachineReusable() {
    final FunnelStateMachine machine = new FunnelStateMachine(unordered(3, 10));
    machine.accept(100, 0b111);
    assertEquals(3, machine.level());
    machine.reset();
    assertEquals(0, machine.level());
    machine.accept(5, 0b100);
    machine.accept(6, 0b001);
    assertEquals(2, machine.level());
    final long[] out = new long[3];
    assertTrue(machine.chainTimes(out));
    assertArrayEquals(times(5, 6), Arrays.copyOf(out, 2));
    machine.reset();
    machine.accept(1, 0);
    assertEquals(0, machine.level());
    assertFalse(machine.chainTimes(out));
  }

  @Test void manyTimesInOneWindowGrowTheBuffer() {
    // 5000 distinct times within one window, then the last step; and a sliding window over a long stream.
    final int n = 5000;
    final long[][] rows = new long[n + 1][];
    for (int i = 0; i < n; i++) {
      rows[i] = new long[] {i, i % 2 == 0 ? 0b001 : 0b010};
    }
    rows[n] = new long[] {n, 0b100};
    check(unordered(3, n), 3, times(0, 1, n), rows);
    check(unordered(3, n - 1), 3, times(1, 2, n), rows);
    check(unordered(3, 100), 3, times(n - 100, n - 99, n), rows);
  }

  @Test void bufferGrowsAfterTheWindowSlid() {
    // Sparse A rows slide the window (so the ring buffer's head is not at 0), then a dense burst makes it grow.
    final java.util.List<long[]> rows = new java.util.ArrayList<>();
    for (int t = 0; t <= 300; t += 10) {
      rows.add(row(t, "A"));
    }
    for (int t = 301; t <= 340; t++) {
      rows.add(row(t, t <= 320 ? "B" : t < 340 ? "C" : "D"));
    }
    check(unordered(6, 40), 4, times(300, 301, 321, 340), rows.toArray(new long[0][]));
  }

  @Test void steadyStateDoesNotAllocate() {
    final java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
    final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
    final FunnelStateMachine machine = new FunnelStateMachine(unordered(4, 50));
    final long[] out = new long[4];
    // Steps 1..3 cycle, step 4 never comes: the window slides forever and the best chain is recomputed rarely.
    final int warmUp = 200_000;
    final int measured = 2_000_000;
    long sum = 0;
    for (int round = 0; round < 2; round++) {
      final long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
      final int rows = round == 0 ? warmUp : measured;
      machine.reset();
      for (int i = 0; i < rows; i++) {
        machine.accept(i / 3, 1 << (i % 3));
        if (i % 1000 == 0) {
          sum += machine.level();
          machine.chainTimes(out);
        }
      }
      final long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
      if (round == 1) {
        // One object per row would be tens of megabytes.
        assertTrue(allocated < 100_000, "allocated " + allocated + " bytes for " + rows + " rows");
      }
    }
    assertEquals(3, machine.level());
    assertTrue(sum > 0);
  }
}
