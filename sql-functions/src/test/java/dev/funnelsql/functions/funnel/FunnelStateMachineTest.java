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

import org.junit.jupiter.api.Test;

/** The known answers of the funnel contract, on the state machine, the accumulator and the brute force alike. */
class FunnelStateMachineTest {
  private static final long BIG = 1_000_000;

  private static long[] times(long... t) {
    return t;
  }

  @Test void oneRowMatchingThreeIdenticalConditions() {
    final long[] all = row(7, "ABC");
    check(spec(3, BIG, ""), 3, times(7, 7, 7), all);
    check(spec(3, BIG, "strict_once"), 1, times(7), all);
    check(spec(3, BIG, "strict_increase"), 1, times(7), all);
    check(spec(3, BIG, "strict_increase,strict_once"), 1, times(7), all);
    check(spec(3, BIG, "strict_deduplication"), 3, times(7, 7, 7), all);
    check(spec(3, BIG, "strict_order"), 3, times(7, 7, 7), all);
    check(spec(3, BIG, "strict_order,strict_once"), 1, times(7), all);
  }

  @Test void otherEventBetweenSteps() {
    // A -> B -> D -> C, D matches no step.
    final long[][] rows = sequence("A B - C");
    check(spec(3, BIG, "strict_order"), 2, times(0, 1), rows);
    check(spec(3, BIG, "strict_order,allow_reentry"), 2, times(0, 1), rows);
    check(spec(3, BIG, ""), 3, times(0, 1, 3), rows);
    check(spec(3, BIG, "strict_deduplication"), 3, times(0, 1, 3), rows);
    check(spec(3, BIG, "strict_increase"), 3, times(0, 1, 3), rows);
  }

  @Test void skippedStep() {
    check(spec(3, BIG, "strict_order"), 1, times(0), sequence("A C B"));
    check(spec(3, BIG, "strict_order,allow_reentry"), 1, times(0), sequence("A C B"));
    check(spec(3, BIG, ""), 2, times(0, 2), sequence("A C B"));
  }

  @Test void repeatsAllowedUnderStrictOrder() {
    check(spec(3, BIG, "strict_order"), 3, times(1, 2, 4), sequence("A A B B C C"));
    check(spec(3, BIG, ""), 3, times(1, 2, 4), sequence("A A B B C C"));
    check(spec(3, BIG, "strict_deduplication"), 2, times(1, 2), sequence("A A B B C C"));
  }

  @Test void reentry() {
    check(spec(3, BIG, "strict_order"), 2, times(0, 1), sequence("A B A C"));
    check(spec(3, BIG, "strict_order,allow_reentry"), 3, times(0, 1, 3), sequence("A B A C"));
    check(spec(3, BIG, "strict_order,allow_reentry,strict_increase"), 3, times(0, 1, 3), sequence("A B A C"));
    check(spec(3, BIG, ""), 3, times(0, 1, 3), sequence("A B A C"));
  }

  @Test void equalTimestampsChainUnlessStrictIncrease() {
    final long[][] rows = {row(0, "A"), row(1, "B"), row(1, "C"), row(1, "D"), row(2, "E")};
    check(spec(5, BIG, ""), 5, times(0, 1, 1, 1, 2), rows);
    check(spec(5, BIG, "strict_once"), 5, times(0, 1, 1, 1, 2), rows);
    check(spec(5, BIG, "strict_increase"), 2, times(0, 1), rows);
    check(spec(5, BIG, "strict_increase,strict_once"), 2, times(0, 1), rows);
  }

  @Test void deduplicationStopsAtRepeatedStep() {
    // install, start, login, install, start with steps install, start, login, X.
    final long[][] rows = sequence("A B C A B");
    check(spec(4, BIG, "strict_deduplication"), 3, times(0, 1, 2), rows);
    check(spec(4, BIG, ""), 3, times(0, 1, 2), rows);
  }

  @Test void strictIncreaseKeepsEarlierStart() {
    final long[][] rows = {row(0, "A"), row(50, "A"), row(50, "B"), row(60, "C")};
    check(spec(3, 100, "strict_increase"), 3, times(0, 50, 60), rows);
    check(spec(3, 100, ""), 3, times(50, 50, 60), rows);
  }

  @Test void strictIncreaseExactWhereClickHouseLosesTheChain() {
    // ClickHouse issue #52844: a@1 b@2 a@5 b@6 c@6, window 5.
    final long[][] rows = {row(1, "A"), row(2, "B"), row(5, "A"), row(6, "B"), row(6, "C")};
    check(spec(3, 5, "strict_increase"), 3, times(1, 2, 6), rows);
    check(spec(3, 5, ""), 3, times(5, 6, 6), rows);
  }

  @Test void windowIsInclusive() {
    final long[][] rows = {row(0, "A"), row(10, "B")};
    check(spec(2, 10, ""), 2, times(0, 10), rows);
    check(spec(2, 9, ""), 1, times(0), rows);
    check(spec(2, 10, "strict_increase"), 2, times(0, 10), rows);
    check(spec(2, 9, "strict_order"), 1, times(0), rows);
  }

  @Test void windowZero() {
    final long[][] rows = {row(5, "A"), row(5, "B")};
    check(spec(2, 0, ""), 2, times(5, 5), rows);
    check(spec(2, 0, "strict_once"), 2, times(5, 5), rows);
    check(spec(2, 0, "strict_increase"), 1, times(5), rows);
    check(spec(2, 0, ""), 1, times(5), row(5, "A"), row(6, "B"));
  }

  @Test void latestStartWins() {
    // Mixpanel's example, in minutes: A@1:00, A@1:30, B@1:45, C@2:15 with a one-hour window.
    final long[][] rows = {row(60, "A"), row(90, "A"), row(105, "B"), row(135, "C")};
    check(spec(3, 60, ""), 3, times(90, 105, 135), rows);
    check(spec(3, 60, "strict_increase"), 3, times(90, 105, 135), rows);
    check(spec(3, 60, "strict_order"), 3, times(90, 105, 135), rows);
    check(spec(3, 60, "strict_deduplication"), 3, times(90, 105, 135), rows);
  }

  @Test void rowsMatchingNothing() {
    check(spec(2, BIG, ""), 0, times(), row(1, ""), row(2, ""));
    check(spec(2, BIG, "strict_order"), 0, times(), row(1, ""), row(2, ""));
    check(spec(2, BIG, ""), 2, times(1, 3), row(1, "A"), row(2, ""), row(3, "B"));
    check(spec(2, BIG, ""), 0, times(), row(1, "B"));
    check(spec(2, BIG, "strict_order"), 1, times(3), row(1, ""), row(2, "B"), row(3, "A"));
    check(spec(2, BIG, ""), 0, times());
    check(spec(2, BIG, "strict_order"), 0, times());
  }

  @Test void earliestLastStepIsReported() {
    // Two chains of length 2: (0, 3) and (5, 6); the one ending first is reported.
    check(spec(2, 10, ""), 2, times(0, 3), row(0, "A"), row(3, "B"), row(5, "A"), row(6, "B"));
    // Same last step: the latest start, then the smallest middle steps.
    check(spec(3, 10, ""), 3, times(1, 2, 5), row(0, "A"), row(1, "A"), row(2, "B"), row(4, "B"), row(5, "C"));
  }

  @Test void strictOnceWithRowsMatchingSeveralSteps() {
    // At time 10 the rows {B,C} and {C} can take steps 2..3 (from A@5) or step 3 alone (from A@5, B@7): same start,
    // and (5, 7, 10) is lexicographically smaller than (5, 10, 10).
    check(spec(3, 100, "strict_once"), 3, times(5, 7, 10), row(5, "A"), row(7, "B"), row(10, "BC"), row(10, "C"));
    check(spec(3, 100, "strict_once"), 3, times(5, 10, 10), row(5, "A"), row(10, "BC"), row(10, "C"));
    check(spec(3, 100, "strict_once"), 2, times(5, 10), row(5, "A"), row(10, "BC"));
    // Distinct rows for A, B, C at one time: {A,B}, {A,B}, {B,C} -> A, B, C from three rows.
    check(spec(3, 100, "strict_once"), 3, times(1, 1, 1), row(1, "AB"), row(1, "AB"), row(1, "BC"));
    check(spec(3, 100, "strict_once"), 2, times(1, 1), row(1, "AB"), row(1, "AB"));
    // strict_deduplication inside a group: the second row for step 2 stops the funnel.
    check(spec(3, 100, "strict_once,strict_deduplication"), 2, times(1, 1),
        row(1, "AB"), row(1, "AB"), row(1, "BC"));
    check(spec(3, 100, "strict_deduplication"), 2, times(1, 1), row(1, "AB"), row(1, "AB"), row(1, "BC"));
  }

  @Test void decreasingTimeThrows() {
    final FunnelStateMachine machine = new FunnelStateMachine(spec(2, 10, ""));
    machine.accept(5, 1);
    machine.accept(5, 2);
    final IllegalStateException e = assertThrows(IllegalStateException.class, () -> machine.accept(4, 1));
    assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
    machine.level();
    assertThrows(IllegalStateException.class, () -> machine.accept(4, 1));
  }

  @Test void maskBeyondStepsThrows() {
    final FunnelStateMachine machine = new FunnelStateMachine(spec(2, 10, ""));
    assertThrows(IllegalArgumentException.class, () -> machine.accept(1, 4));
    final FunnelStateMachine all = new FunnelStateMachine(spec(32, 10, ""));
    all.accept(1, -1);
    assertEquals(32, all.level());
  }

  @Test void resetMakesTheMachineReusable() {
    final FunnelStateMachine machine = new FunnelStateMachine(spec(3, 10, "strict_once"));
    machine.accept(100, 0b111);
    machine.accept(101, 0b010);
    machine.accept(102, 0b100);
    assertEquals(3, machine.level());
    machine.reset();
    assertEquals(0, machine.level());
    machine.accept(5, 0b001);
    machine.accept(6, 0b010);
    assertEquals(2, machine.level());
    final long[] out = new long[3];
    assertTrue(machine.chainTimes(out));
    assertEquals(5, out[0]);
    assertEquals(6, out[1]);
    machine.reset();
    // Earlier times than before the reset are fine.
    machine.accept(1, 0);
    assertEquals(0, machine.level());
    assertFalse(machine.chainTimes(out));
  }

  @Test void levelMidGroupThenMoreRowsOfTheSameTime() {
    final FunnelStateMachine machine = new FunnelStateMachine(spec(3, 10, "strict_deduplication"));
    machine.accept(1, 0b001);
    machine.accept(2, 0b010);
    assertEquals(2, machine.level());
    machine.accept(2, 0b010); // a repeat at the same time: stops, answer stays 2
    machine.accept(2, 0b100);
    assertEquals(2, machine.level());
    assertTrue(machine.stopped());

    final FunnelStateMachine plain = new FunnelStateMachine(spec(3, 10, "strict_increase"));
    plain.accept(1, 0b001);
    plain.accept(2, 0b100);
    assertEquals(1, plain.level());
    plain.accept(2, 0b010);
    assertEquals(2, plain.level());
    plain.accept(3, 0b100);
    assertEquals(3, plain.level());
    final long[] out = new long[3];
    plain.chainTimes(out);
    assertArrayEquals(new long[] {1, 2, 3}, out);
  }

  @Test void stoppedWhenAStopRuleFiresOrTheFunnelIsComplete() {
    final FunnelStateMachine machine = new FunnelStateMachine(spec(3, 10, "strict_order"));
    machine.accept(1, 0b001);
    machine.accept(2, 0);
    assertFalse(machine.stopped()); // the group of time 2 is applied when time moves on
    machine.accept(3, 0b010);
    assertTrue(machine.stopped());
    assertEquals(1, machine.level());

    final FunnelStateMachine complete = new FunnelStateMachine(spec(2, 10, ""));
    complete.accept(1, 0b011);
    complete.accept(2, 0b001);
    assertTrue(complete.stopped());
    assertEquals(2, complete.level());
  }

  @Test void chainTimesNeedsTracking() {
    final FunnelStateMachine lean = new FunnelStateMachine(spec(2, 10, ""), false);
    lean.accept(1, 1);
    assertEquals(1, lean.level());
    assertThrows(IllegalStateException.class, () -> lean.chainTimes(new long[2]));
  }

  @Test void hugeTimesDoNotOverflowTheWindow() {
    check(spec(2, Long.MAX_VALUE, ""), 1, times(Long.MIN_VALUE), row(Long.MIN_VALUE, "A"), row(Long.MAX_VALUE, "B"));
    check(spec(2, Long.MAX_VALUE, ""), 2, times(-1, Long.MAX_VALUE - 1),
        row(Long.MIN_VALUE, "A"), row(-1, "A"), row(Long.MAX_VALUE - 1, "B"));
    check(spec(2, Long.MAX_VALUE - 1, ""), 1, times(-1), row(-1, "A"), row(Long.MAX_VALUE - 1, "B"));
    check(spec(2, Long.MAX_VALUE, "strict_increase"), 2, times(0, Long.MAX_VALUE),
        row(0, "A"), row(Long.MAX_VALUE, "B"));
    check(spec(2, 5, "strict_increase"), 1, times(Long.MIN_VALUE), row(Long.MIN_VALUE, "A"), row(Long.MAX_VALUE, "B"));
  }
}
