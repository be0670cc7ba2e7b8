package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code nps} kind, as the README defines it: the user's latest score 0-10 by time makes the segment
 * {@code detractor} (below 7), {@code passive} (7-8) or {@code promoter} (9-10); no segment without a score (events
 * without a time cannot be the latest; of several scores at the latest instant, any one's segment is right).
 * Checked on random events against Java.
 */
class NpsSegmentKindTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        nps: { kind: nps, score: score }
      """;

  private static String segment(int score) {
    return score < 7 ? "detractor" : score < 9 ? "passive" : "promoter";
  }

  private static Map<Long, Set<String>> reference(long seed) {
    final Map<Long, Set<String>> allowed = new TreeMap<>();
    RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, events) -> {
      final List<TestEvent> scored = events.stream().filter(e -> e.millis() != null && e.score() != null).toList();
      if (scored.isEmpty()) {
        allowed.put(user, SegmentCases.only(null));
        return;
      }
      final long latest = scored.stream().mapToLong(TestEvent::millis).max().orElseThrow();
      allowed.put(user, scored.stream().filter(e -> e.millis() == latest).map(e -> segment(e.score()))
          .collect(Collectors.toUnmodifiableSet()));
    });
    return allowed;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void theLatestScoreDecides(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.nps", reference(seed)),
        Arrays.asList("detractor", "passive", "promoter", null));
  }
}
