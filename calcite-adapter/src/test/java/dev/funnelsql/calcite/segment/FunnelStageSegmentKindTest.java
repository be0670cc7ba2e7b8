package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code funnel_stage} kind, as the README defines it: the name of the last step a user reached in a model
 * funnel with its window (steps in time order, a step at the same instant as the previous one counts, the window
 * inclusive from the chain's first step, any step-1 event may start the chain, the longest chain wins; rows without
 * a time are ignored), or {@code not entered}. Checked on random events against a chain search in Java.
 */
class FunnelStageSegmentKindTest {
  private static final long WINDOW = 2 * RandomEvents.DAY;
  private static final List<String> STEPS = List.of("a", "b", "c");
  private static final List<String> NAMES = List.of("Viewed", "Carted", "Paid");
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        abc:
          window: 2d
          steps:
            - { name: Viewed, when: "event_name = 'a'" }
            - { name: Carted, when: "event_name = 'b'" }
            - { name: Paid,   when: "event_name = 'c'" }
      segmentations:
        stage: { kind: funnel_stage, funnel: abc }
      """;

  /** The longest chain: from each step-1 event, the earliest next step at or after the previous, in the window. */
  static int level(List<TestEvent> events) {
    int best = 0;
    for (TestEvent start : events) {
      if (start.millis() == null || !STEPS.get(0).equals(start.name())) {
        continue;
      }
      long previous = start.millis();
      int level = 1;
      while (level < STEPS.size()) {
        final String step = STEPS.get(level);
        final long from = previous;
        final long next = events.stream().filter(e -> e.millis() != null && step.equals(e.name()))
            .mapToLong(TestEvent::millis).filter(t -> t >= from && t <= start.millis() + WINDOW).min()
            .orElse(Long.MIN_VALUE);
        if (next == Long.MIN_VALUE) {
          break;
        }
        previous = next;
        level++;
      }
      best = Math.max(best, level);
    }
    return best;
  }

  private static Map<Long, Set<String>> reference(long seed) {
    final Map<Long, Set<String>> allowed = new TreeMap<>();
    RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, events) -> {
      final int level = level(events);
      allowed.put(user, SegmentCases.only(level == 0 ? "not entered" : NAMES.get(level - 1)));
    });
    return allowed;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void theLastStepReachedWithinTheWindow(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.stage", reference(seed)),
        List.of("not entered", "Viewed", "Carted", "Paid"));
  }
}
