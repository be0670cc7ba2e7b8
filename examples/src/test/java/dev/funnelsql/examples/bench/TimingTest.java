package dev.funnelsql.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimingTest {
  @Test
  void alternatedWorksRunInTurnAndOneThatFailsLeavesTheOthersMeasured() {
    final List<String> order = new ArrayList<>();
    final Timing timing = new Timing(1, 3, 20, 30);
    final List<Outcome> outcomes = timing.alternate(List.of(
        () -> () -> order.add("a"),
        () -> () -> {
          order.add("b");
          if (order.size() > 7) {
            throw new IllegalStateException("b broke");
          }
          return "b";
        },
        () -> () -> order.add("c")));
    // A warm-up of each, then rounds of one run each; b fails in the second round and is not run again.
    assertEquals(List.of("a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "c"), order);
    assertTrue(outcomes.get(0).ok());
    assertEquals(3, outcomes.get(0).measurement().runs());
    assertTrue(outcomes.get(0).measurement().warmedUp());
    assertFalse(outcomes.get(1).ok());
    assertEquals("error: b broke", outcomes.get(1).error());
    assertEquals(3, outcomes.get(2).measurement().runs());
  }

  @Test
  void aWorkWhoseWarmUpIsSlowIsMeasuredByItAlone() {
    final List<String> order = new ArrayList<>();
    final Timing timing = new Timing(1, 2, 0.05, 30);
    final List<Outcome> outcomes = timing.alternate(List.of(
        () -> () -> {
          order.add("slow");
          Thread.sleep(order.size() == 1 ? 80 : 0);
          return null;
        },
        () -> () -> order.add("quick")));
    assertEquals(List.of("slow", "quick", "quick", "quick"), order);
    assertEquals(1, outcomes.get(0).measurement().runs());
    assertFalse(outcomes.get(0).measurement().warmedUp());
    assertEquals(2, outcomes.get(1).measurement().runs());
  }
}
