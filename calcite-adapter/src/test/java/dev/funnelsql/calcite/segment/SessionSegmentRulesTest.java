package dev.funnelsql.calcite.segment;

import static dev.funnelsql.calcite.testing.SegmentCases.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Segment rules may use the session the model derives ({@code session: { gap: 12h, column: visit }}) as any column
 * of the events: {@code COUNT(DISTINCT visit)} counts a user's sessions and {@code MAX(visit)} is their latest. Checked
 * against sessions cut by brute force, for the segmentation now and as of an instant (the events up to it numbered as
 * the whole table numbers them), and a funnel breakdown taken at each user's entry equals {@code SEGMENT_OF} then.
 */
class SessionSegmentRulesTest {
  private static final long GAP = 12 * 3_600_000L;
  static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name, session: { gap: 12h, column: visit } }
      funnels:
        f:
          window: 2d
          breakdowns: [returning]
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
      segmentations:
        visits:
          rules:
            - { segment: regular, when: "COUNT(DISTINCT visit) >= 3" }
            - { segment: returning, when: "MAX(visit) >= 2" }
          otherwise: once
        returning:
          rules:
            - { segment: back, when: "MAX(visit) >= 2" }
          otherwise: first
      """;

  /** The segment of each user with events among those at or before {@code asOf}, from brute-force sessions. */
  private static Map<Long, Set<String>> reference(List<TestEvent> events, long asOf) {
    final Map<Long, Set<String>> segments = new TreeMap<>();
    RandomEvents.byUser(events).forEach((user, own) -> {
      final List<Long> times = new ArrayList<>();
      own.forEach(event -> {
        if (event.millis() != null && event.millis() <= asOf) {
          times.add(event.millis());
        }
      });
      times.sort(null);
      long sessions = 0;
      for (int i = 0; i < times.size(); i++) {
        sessions += i == 0 || times.get(i) - times.get(i - 1) > GAP ? 1 : 0;
      }
      segments.put(user, only(sessions >= 3 ? "regular" : sessions >= 2 ? "returning" : "once"));
    });
    return segments;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void rulesCountTheDerivedSessions(StoreKind kind, long seed) throws SQLException {
    final List<TestEvent> events = SegmentCases.events(seed);
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.visits", reference(events, Long.MAX_VALUE)),
        List.of("regular", "returning", "once"));
    final long asOf = RandomEvents.BASE + 30 * RandomEvents.DAY + 21_600_000L;
    final Map<Long, Set<String>> expected = new TreeMap<>();
    reference(events, asOf).forEach((user, segment) -> {
      if (events.stream().anyMatch(e -> e.userId() == user && e.millis() != null && e.millis() <= asOf)) {
        expected.put(user, segment);
      }
    });
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), MODEL,
        new Properties())) {
      final Map<Long, Set<String>> actual = new TreeMap<>();
      for (List<Object> row : connection.rows("SELECT user_id, SEGMENT_OF('visits', user_id, TIMESTAMP '"
          + new Timestamp(asOf).toLocalDateTime().toString().replace('T', ' ') + ":00') FROM events WHERE ts <= "
          + "TIMESTAMP '" + new Timestamp(asOf).toLocalDateTime().toString().replace('T', ' ') + ":00' GROUP BY "
          + "user_id")) {
        actual.put(((Number) row.get(0)).longValue(), only((String) row.get(1)));
      }
      assertEquals(expected, actual, kind + " seed " + seed + ": as of " + new Timestamp(asOf));
      // The breakdown at entry (a running MAX over the derived sessions) is SEGMENT_OF at entered_at.
      final Map<List<Object>, String> atEntry = new HashMap<>();
      for (List<Object> row : connection.rows("SELECT user_id, entered_at, returning FROM funnels.f WHERE step = 1")) {
        atEntry.put(List.of(row.get(0), row.get(1)), (String) row.get(2));
      }
      final Map<List<Object>, String> segmentOf = new HashMap<>();
      for (List<Object> row : connection.rows("SELECT user_id, entered_at, SEGMENT_OF('returning', user_id, "
          + "entered_at) FROM funnels.f WHERE step = 1")) {
        segmentOf.put(List.of(row.get(0), row.get(1)), (String) row.get(2));
      }
      assertEquals(segmentOf, atEntry, kind + " seed " + seed + ": at entry");
      assertTrue(atEntry.containsValue("back") && atEntry.containsValue("first"), atEntry.toString());
      assertTrue(connection.explain("SELECT * FROM funnels.f_summary").contains("atEntry=[[returning]]"),
          "taken at entry");
    }
  }
}
