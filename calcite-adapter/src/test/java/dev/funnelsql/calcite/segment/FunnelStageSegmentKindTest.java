package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.ReferenceFunnel;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
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
  private static final ReferenceFunnel FUNNEL = new ReferenceFunnel(2 * RandomEvents.DAY, List.of("a", "b", "c"));
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

  private static Map<Long, Set<String>> reference(long seed) {
    final Map<Long, Set<String>> allowed = new TreeMap<>();
    RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, events) -> {
      final int level = FUNNEL.level(events);
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
