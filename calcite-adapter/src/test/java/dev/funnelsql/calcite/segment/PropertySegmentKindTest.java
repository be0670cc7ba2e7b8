package dev.funnelsql.calcite.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code property} kind, as the README defines it: the first (or last) non-NULL value of a column by time
 * (events without a time have no place in that order; any of several values at the deciding instant is right), and
 * no segment for a user who never carries the property. Checked on random events against Java.
 */
class PropertySegmentKindTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        first_source: { kind: property, property: source }
        last_source:  { kind: property, property: source, pick: last }
      """;

  private static Map<Long, Set<String>> reference(long seed, boolean first) {
    final Map<Long, Set<String>> allowed = new TreeMap<>();
    RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, events) -> {
      final List<TestEvent> carrying = events.stream().filter(e -> e.millis() != null && e.source() != null)
          .toList();
      if (carrying.isEmpty()) {
        allowed.put(user, SegmentCases.only(null));
        return;
      }
      final Comparator<Long> order = first ? Comparator.naturalOrder() : Comparator.reverseOrder();
      final long deciding = carrying.stream().map(TestEvent::millis).min(order).orElseThrow();
      allowed.put(user, Collections.unmodifiableSet(carrying.stream().filter(e -> e.millis() == deciding)
          .map(TestEvent::source).collect(Collectors.toSet())));
    });
    return allowed;
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aQueryCanAggregateTheMemberships(StoreKind kind) throws SQLException {
    // The store gets the table's own GROUP BY and the query's aggregate over it in one statement.
    final Map<Long, Set<String>> allowed = reference(3L, true);
    final long users = allowed.values().stream().filter(values -> !values.contains(null)).count();
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, 3L), MODEL,
        new Properties())) {
      final long distinct = ((Number) connection.rows("SELECT COUNT(DISTINCT segment) FROM segments.first_source")
          .get(0).get(0)).longValue();
      assertTrue(distinct >= 1 && distinct <= 3, kind + ": " + distinct + " segments");
      assertEquals(users, ((Number) connection.rows("SELECT COUNT(*) FROM segments.first_source").get(0).get(0))
          .longValue(), kind + ": users with a segment");
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void theFirstOrLastNonNullValueByTime(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.first_source", reference(seed, true),
        "segments.last_source", reference(seed, false)), Arrays.asList("ads", "mail", "seo", null));
  }
}
