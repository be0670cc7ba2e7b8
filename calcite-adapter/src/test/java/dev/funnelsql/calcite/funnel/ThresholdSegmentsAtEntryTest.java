package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rules segmentations made of counts against thresholds, taken at each user's entry: on DuckDB from each user's
 * threshold times computed in DuckDB, elsewhere from running totals; either way the detail's segment equals {@code
 * SEGMENT_OF(…, entered_at)}, which evaluates the rules over the user's events up to that time. Random rules (counts
 * with and without FILTER against whole and fractional numbers, every comparison either way round, MAX and MIN
 * reaching a bound, AND, OR, NOT) over random events with ties on equal timestamps and NULL times, names and values.
 */
class ThresholdSegmentsAtEntryTest {
  private static final String[] COUNTS = {"COUNT(*)", "COUNT(*) FILTER (WHERE event_name = 'a')", "COUNT(revenue)",
      "COUNT(score) FILTER (WHERE event_name <> 'c')"};
  private static final String[] OPERATORS = {">=", ">", "<", "<="};
  private static final int ROUNDS = 16;
  private static final String[] REVERSED = {"<=", "<", ">", ">="};
  private static final String[] REACHED = {"MAX(revenue) >= %d", "MAX(revenue) FILTER (WHERE event_name = 'b') > %d",
      "MIN(score) <= %d", "%d > MIN(score)"};

  /** A random condition: a tree of AND, OR and NOT over atoms, MAX and MIN only where no NOT is above them. */
  private static String condition(Random random, int depth, boolean negated) {
    final int pick = random.nextInt(10);
    if (depth > 0 && pick < 2) {
      return "(" + condition(random, depth - 1, negated) + (random.nextBoolean() ? " AND " : " OR ")
          + condition(random, depth - 1, negated) + ")";
    }
    if (depth > 0 && pick == 2) {
      return "NOT (" + condition(random, depth - 1, !negated) + ")";
    }
    if (!negated && pick < 5) {
      return String.format(REACHED[random.nextInt(REACHED.length)], random.nextInt(20));
    }
    final String number = random.nextInt(4) == 0 ? random.nextInt(8) + ".5" : String.valueOf(random.nextInt(9));
    final String count = COUNTS[random.nextInt(COUNTS.length)];
    final String operator = OPERATORS[random.nextInt(OPERATORS.length)];
    // The same comparison written the other way round: n <= COUNT is COUNT >= n.
    final String reversed = REVERSED[List.of(OPERATORS).indexOf(operator)];
    return random.nextBoolean() ? count + " " + operator + " " + number : number + " " + reversed + " " + count;
  }

  private static String model(Random random) {
    final StringBuilder rules = new StringBuilder();
    final int count = 1 + random.nextInt(3);
    for (int r = 0; r < count; r++) {
      rules.append("      - { segment: s").append(r).append(", when: \"").append(condition(random, 2, false))
          .append("\" }\n");
    }
    return """
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          checkout:
            window: 2d
            steps:
              - { name: Saw a, when: "event_name = 'a'" }
              - { name: Saw b, when: "event_name = 'b'" }
            breakdowns: [volume]
        segmentations:
          volume:
            rules:
        """ + rules + (random.nextBoolean() ? "    otherwise: rest\n" : "");
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB"})
  void theSegmentAtEntryEqualsTheRulesOverTheEventsUpToIt(StoreKind kind) throws SQLException {
    final Random random = new Random(46);
    int users = 0;
    int differFromNow = 0;
    int thresholdPlans = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final String model = model(random);
      final List<TestEvent> events = RandomEvents.generate(4_600L + round, 40, 24);
      try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
          new Properties())) {
        final String plan = connection.explain("SELECT * FROM funnels.checkout_summary");
        assertTrue(plan.contains("atEntry=[[volume]]"), plan);
        thresholdPlans += plan.contains("THRESHOLD_TIMES") ? 1 : 0;
        for (List<Object> row : connection.rows("SELECT user_id, volume, SEGMENT_OF('volume', user_id, entered_at), "
            + "SEGMENT_OF('volume', user_id) FROM funnels.checkout")) {
          assertEquals(row.get(2), row.get(1), kind + " round " + round + ", user " + row.get(0) + "\n" + model);
          users++;
          differFromNow += java.util.Objects.equals(row.get(2), row.get(3)) ? 0 : 1;
        }
      }
    }
    assertTrue(users > 300, "users checked: " + users);
    assertTrue(differFromNow > 30, "segments at entry that differ from now: " + differFromNow);
    assertEquals(kind == StoreKind.DUCKDB ? ROUNDS : 0, thresholdPlans, "rounds whose plan reads threshold times");
  }
}
