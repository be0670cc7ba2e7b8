package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A funnel takes its segmentation breakdowns at each user's entry, so its detail's segment columns equal {@code
 * SEGMENT_OF(…, entered_at)} and its summary counts them, for every kind that can be taken at an instant (rules over
 * counts, sums, minima and maxima with FILTER and without otherwise, property first and last, nps); a kind that ranks
 * users against each other (rfm) is taken now, and {@code as_of: now} takes every one now. Random events with ties
 * on equal timestamps, NULL times, names and values, on every store.
 */
class SegmentsAtEntryTest {
  private static final List<String> SEGMENTATIONS = List.of("volume", "spend", "first_source", "last_source",
      "nps", "worth");
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        checkout:
          window: 2d
          steps:
            - { name: Saw a, when: "event_name = 'a'" }
            - { name: Saw b, when: "event_name = 'b'" }
            - { name: Saw c, when: "event_name = 'c'" }
          breakdowns: [volume, spend, first_source, last_source, nps, worth]
      segmentations:
        volume:
          rules:
            - { segment: heavy, when: "COUNT(*) >= 8" }
            - { segment: buyer, when: "COUNT(*) FILTER (WHERE event_name = 'c') >= 1" }
          otherwise: light
        spend:
          rules:
            - { segment: big, when: "SUM(revenue) >= 40" }
            - { segment: spiky, when: "MAX(revenue) FILTER (WHERE event_name = 'b') >= 15" }
            - { segment: grumpy, when: "MIN(score) <= 2" }
        first_source: { kind: property, property: source, pick: first }
        last_source: { kind: property, property: source, pick: last }
        nps: { kind: nps, score: score }
        worth: { kind: rfm, purchase: "event_name = 'b'", monetary: revenue }
      """;

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void theBreakdownsAreTheSegmentsAsOfEachUsersEntry(StoreKind kind) throws SQLException {
    int changed = 0;
    int users = 0;
    for (int round = 0; round < 3; round++) {
      final List<TestEvent> events = RandomEvents.generate(7_000L * round + kind.ordinal(), 70, 18);
      try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), MODEL,
          new Properties())) {
        final StringBuilder sql = new StringBuilder("SELECT user_id, step");
        for (String segmentation : SEGMENTATIONS) {
          sql.append(", ").append(segmentation).append(", SEGMENT_OF('").append(segmentation)
              .append("', user_id, entered_at), SEGMENT_OF('").append(segmentation).append("', user_id)");
        }
        final List<List<Object>> detail = connection.rows(sql + " FROM funnels.checkout");
        final Map<String, Long> counted = new TreeMap<>();
        for (List<Object> row : detail) {
          for (int s = 0; s < SEGMENTATIONS.size(); s++) {
            final Object shown = row.get(2 + 3 * s);
            final Object expected = SEGMENTATIONS.get(s).equals("worth") ? row.get(4 + 3 * s) : row.get(3 + 3 * s);
            assertEquals(expected, shown, kind + " round " + round + ", user " + row.get(0) + ", "
                + SEGMENTATIONS.get(s));
            if ((int) row.get(1) == 1 && !Objects.equals(row.get(3 + 3 * s), row.get(4 + 3 * s))) {
              changed++;
            }
            counted.merge(SEGMENTATIONS.get(s) + "|" + shown + "|" + row.get(1), 1L, Long::sum);
          }
          users += (int) row.get(1) == 1 ? 1 : 0;
        }
        final Map<String, Long> summary = new TreeMap<>();
        for (List<Object> row : connection.rows("SELECT breakdown, segment, step, users FROM "
            + "funnels.checkout_summary WHERE breakdown IS NOT NULL")) {
          if (((Number) row.get(3)).longValue() > 0) {
            summary.put(row.get(0) + "|" + row.get(1) + "|" + row.get(2), ((Number) row.get(3)).longValue());
          }
        }
        assertEquals(counted, summary, kind + " round " + round + ": the summary counts the detail's segments");
        final String plan = connection.explain("SELECT * FROM funnels.checkout_summary");
        assertTrue(plan.contains("atEntry=[[volume, spend, first_source, last_source, nps]]"), plan);
      }
    }
    assertTrue(users > 100, "users checked: " + users);
    assertTrue(changed > 50, "segments at entry that differ from now: " + changed);
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void asOfNowTakesEveryBreakdownOverAllTheEvents(StoreKind kind) throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(11L + kind.ordinal(), 70, 18);
    final String model = MODEL.replace("    breakdowns:", "    as_of: now\n    breakdowns:");
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
        new Properties())) {
      final StringBuilder sql = new StringBuilder("SELECT user_id");
      for (String segmentation : SEGMENTATIONS) {
        sql.append(", ").append(segmentation).append(", SEGMENT_OF('").append(segmentation).append("', user_id)");
      }
      final List<List<Object>> rows = connection.rows(sql + " FROM funnels.checkout WHERE step = 1");
      final String plan = connection.explain("SELECT * FROM funnels.checkout_summary");
      assertTrue(!plan.contains("atEntry") && plan.contains("memberships=[[volume, spend"), plan);
      assertTrue(rows.size() > 20, "users: " + rows.size());
      for (List<Object> row : rows) {
        for (int s = 0; s < SEGMENTATIONS.size(); s++) {
          assertEquals(row.get(2 + 2 * s), row.get(1 + 2 * s), kind + ", user " + row.get(0) + ", "
              + SEGMENTATIONS.get(s));
        }
      }
    }
  }

  @Test
  void asOfEntryWrittenOutRefusesABreakdownThatCannotBeTakenAtAnInstant() throws SQLException {
    final String model = MODEL.replace("    breakdowns:", "    as_of: entry\n    breakdowns:");
    final SQLException error = assertThrows(SQLException.class, () -> AdapterConnections.open(
        TestEvent.store(StoreKind.H2, RandomEvents.generate(3L, 10, 5)), model, new Properties()).close());
    assertTrue(error.getMessage().contains(":10:") && error.getMessage().contains("segmentation 'worth' (line 11)")
        && error.getMessage().contains("write as_of: now"), error.getMessage());
    final List<String> accepted = new ArrayList<>(List.of(model.replace(", worth]", "]"),
        model.replace("as_of: entry", "as_of: now"), MODEL));
    for (String good : accepted) {
      AdapterConnections.open(TestEvent.store(StoreKind.H2, RandomEvents.generate(3L, 10, 5)), good,
          new Properties()).close();
    }
    final SQLException bad = assertThrows(SQLException.class, () -> AdapterConnections.open(
        TestEvent.store(StoreKind.H2, RandomEvents.generate(3L, 10, 5)), model.replace("as_of: entry",
            "as_of: signup"), new Properties()).close());
    assertTrue(bad.getMessage().contains("as_of must be one of entry, now; found 'signup'"), bad.getMessage());
  }
}
