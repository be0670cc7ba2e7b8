package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rules segmentations made of counts against thresholds, taken at each user's entry from threshold times computed with
 * the funnel in one pass: the detail's segment equals {@code SEGMENT_OF(…, entered_at)}, which evaluates the rules
 * over the user's events up to that time, also when a date range scopes the funnel (the events before the range still
 * count), and the summary counts the detail's segments. Random rules (counts with and without FILTER against whole and
 * fractional numbers, every comparison either way round, MAX and MIN reaching a bound, AND, OR, NOT) over random
 * events with ties on equal timestamps and NULL times, names and values, in the default, strict and unordered modes.
 * Taken now ({@code as_of: now}), the same counts give {@code SEGMENT_OF(…)} over all the events. A query that reads
 * no such segmentation (the detail without its segment column, the summary's rows of all users) reads the funnel
 * alone and gives the same rows.
 */
class ThresholdSegmentsAtEntryTest {
  private static final String[] COUNTS = {"COUNT(*)", "COUNT(*) FILTER (WHERE event_name = 'a')", "COUNT(revenue)",
      "COUNT(score) FILTER (WHERE event_name <> 'c')"};
  private static final String[] OPERATORS = {">=", ">", "<", "<="};
  private static final int ROUNDS = 12;
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

  private static final String[] MODES = {"", "strict_order", "unordered"};

  private static String model(Random random, String mode) {
    return model(random, mode, "");
  }

  /** The random model, its funnel's lines ending with {@code more} (e.g. an {@code as_of} line). */
  private static String model(Random random, String mode, String more) {
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
        """ + (mode.isEmpty() ? "" : "    mode: \"" + mode + "\"\n") + """
            steps:
              - { name: Saw a, when: "event_name = 'a'" }
              - { name: Saw b, when: "event_name = 'b'" }
            breakdowns: [volume]
        """ + more + """
        segmentations:
          volume:
            rules:
        """ + rules + (random.nextBoolean() ? "    otherwise: rest\n" : "");
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void theSegmentAtEntryEqualsTheRulesOverTheEventsUpToIt(StoreKind kind) throws SQLException {
    final Random random = new Random(46);
    final Checked checked = new Checked();
    for (int round = 0; round < ROUNDS; round++) {
      final String mode = MODES[round % MODES.length];
      final String model = model(random, mode);
      final List<TestEvent> events = RandomEvents.generate(4_600L + round, 40, 24);
      final int firstDay = random.nextInt(40);
      final String range = " WHERE entered_at >= TIMESTAMP '" + day(firstDay) + "' AND entered_at < TIMESTAMP '"
          + day(firstDay + 1 + random.nextInt(14)) + "'";
      try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
          new Properties())) {
        final String plan = connection.explain("SELECT * FROM funnels.checkout_summary");
        assertTrue(plan.contains("atEntry=[[volume]]") && plan.contains("THRESHOLD_TIMES"), plan);
        checkRound(connection, kind + " round " + round, "SELECT user_id, volume, SEGMENT_OF('volume', user_id, "
            + "entered_at), SEGMENT_OF('volume', user_id), step FROM funnels.checkout", range,
            !mode.equals("unordered"), model, checked);
      }
    }
    assertTrue(checked.users > 300, "users checked: " + checked.users);
    assertTrue(checked.scopedUsers > 100, "users checked in a range: " + checked.scopedUsers);
    assertTrue(checked.differ > 30, "segments at entry that differ from now: " + checked.differ);
  }

  /**
   * With {@code as_of: now} and a time column declared NOT NULL, the same counts computed with the funnel give each
   * user's segment now: the detail's segment equals {@code SEGMENT_OF(…)} over all the user's events, also under a date
   * range (the events after it count too), and the scoped summary counts the detail's segments. Where the time column
   * may be NULL (events the step scan leaves out, and a count of the store's does not), the membership is read apart.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void theSegmentNowEqualsTheRulesOverAllTheEvents(StoreKind kind) throws SQLException {
    final Random random = new Random(47);
    final Checked checked = new Checked();
    int withFunnel = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final String mode = MODES[round % MODES.length];
      final String model = model(random, mode, "    as_of: now\n");
      final List<TestEvent> events = RandomEvents.generate(4_700L + round, 40, 24);
      final int firstDay = random.nextInt(40);
      final String range = " WHERE entered_at >= TIMESTAMP '" + day(firstDay) + "' AND entered_at < TIMESTAMP '"
          + day(firstDay + 1 + random.nextInt(14)) + "'";
      final String detail = "SELECT user_id, volume, SEGMENT_OF('volume', user_id), "
          + "SEGMENT_OF('volume', user_id, entered_at), step FROM funnels.checkout";
      if (round < MODES.length) {
        try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), model,
            new Properties())) {
          final String plan = connection.explain("SELECT * FROM funnels.checkout_summary");
          assertFalse(plan.contains("THRESHOLD_TIMES"), "times may be NULL: the membership is read apart\n" + plan);
          for (List<Object> row : connection.rows(detail)) {
            assertEquals(row.get(2), row.get(1), kind + " round " + round + ", user " + row.get(0) + "\n" + model);
          }
        }
      }
      try (AdapterConnection connection = AdapterConnections.open(TestEvent.storeWithTimes(kind, events), model,
          new Properties())) {
        final String plan = connection.explain("SELECT * FROM funnels.checkout_summary");
        assertFalse(plan.contains("atEntry="), plan);
        // Rules whose every comparison is a constant (COUNT(*) >= 0) have no count to compute with the funnel.
        withFunnel += plan.contains("THRESHOLD_TIMES") ? 1 : 0;
        checkRound(connection, kind + " round " + round, detail, range, !mode.equals("unordered"), model, checked);
      }
    }
    assertTrue(checked.users > 300, "users checked: " + checked.users);
    assertTrue(checked.scopedUsers >= 80, "users checked in a range: " + checked.scopedUsers);
    assertTrue(checked.differ > 30, "segments now that differ from those at entry: " + checked.differ);
    assertTrue(withFunnel >= ROUNDS - 2, "rounds whose counts were computed with the funnel: " + withFunnel);
  }

  /** What the rounds of a test checked. */
  private static final class Checked {
    int users;
    int scopedUsers;
    /** Detail rows whose segment differs from the other {@code SEGMENT_OF} (at entry against now). */
    int differ;
  }

  /**
   * Checks one round: every row of {@code detail} (user, segment, the expected {@code SEGMENT_OF}, the other one,
   * step) has the expected segment, also under {@code range}, and where {@code summary} the scoped summary counts the
   * scoped detail's segments per step.
   */
  private static void checkRound(AdapterConnection connection, String what, String detail, String range,
      boolean summary, String model, Checked checked) throws SQLException {
    for (List<Object> row : connection.rows(detail)) {
      assertEquals(row.get(2), row.get(1), what + ", user " + row.get(0) + "\n" + model);
      checked.users++;
      checked.differ += Objects.equals(row.get(2), row.get(3)) ? 0 : 1;
    }
    checkFunnelAlone(connection, what, "", summary);
    checkFunnelAlone(connection, what, range, summary);
    final Map<String, Long> counted = new TreeMap<>();
    for (List<Object> row : connection.rows(detail + range)) {
      assertEquals(row.get(2), row.get(1), what + " in" + range + ", user " + row.get(0) + "\n" + model);
      counted.merge(row.get(1) + "|" + row.get(4), 1L, Long::sum);
      checked.scopedUsers++;
    }
    if (summary) {
      final Map<String, Long> summarized = new TreeMap<>();
      for (List<Object> row : connection.rows("SELECT segment, step, users FROM funnels.checkout_summary" + range
          + " AND breakdown = 'volume'")) {
        if (((Number) row.get(2)).longValue() > 0) {
          summarized.put(row.get(0) + "|" + row.get(1), ((Number) row.get(2)).longValue());
        }
      }
      assertEquals(counted, summarized, what + ": the scoped summary counts the detail rows");
    }
  }

  /**
   * A query that reads no segmentation computed with the funnel (the detail without its segment column, the summary's
   * rows of all users) reads the funnel alone: its plan computes no threshold times, and its rows (under
   * {@code range}, if not empty) are those of the same table read with the segmentation.
   */
  private static void checkFunnelAlone(AdapterConnection connection, String what, String range, boolean summary)
      throws SQLException {
    final String alone = "SELECT user_id, step, entered_at, reached_at FROM funnels.checkout" + range;
    assertFalse(connection.explain(alone).contains("THRESHOLD_TIMES"), connection.explain(alone));
    final List<String> withSegments = new ArrayList<>();
    for (List<Object> row : connection.rows("SELECT user_id, step, entered_at, reached_at, volume FROM "
        + "funnels.checkout" + range)) {
      withSegments.add(row.subList(0, 4).toString());
    }
    assertEquals(sorted(withSegments), sorted(texts(connection.rows(alone))), what + ": the detail alone" + range);
    if (!summary) {
      return;
    }
    final String allUsers = "SELECT * FROM funnels.checkout_summary" + (range.isEmpty() ? " WHERE" : range + " AND")
        + " breakdown IS NULL";
    assertFalse(connection.explain(allUsers).contains("THRESHOLD_TIMES"), connection.explain(allUsers));
    final int breakdown = FunnelTableKind.SUMMARY_COLUMNS.indexOf("breakdown");
    final List<String> ofAll = new ArrayList<>();
    for (List<Object> row : connection.rows("SELECT * FROM funnels.checkout_summary" + range)) {
      if (row.get(breakdown) == null) {
        ofAll.add(row.toString());
      }
    }
    assertFalse(ofAll.isEmpty(), what + ": the summary has rows of all users");
    assertEquals(sorted(ofAll), sorted(texts(connection.rows(allUsers))), what + ": the summary alone" + range);
  }

  private static List<String> texts(List<List<Object>> rows) {
    return rows.stream().map(Object::toString).toList();
  }

  private static List<String> sorted(List<String> texts) {
    return texts.stream().sorted().toList();
  }

  /** The start of day {@code day} of the random events, as a timestamp literal's text. */
  private static String day(int day) {
    return Instant.ofEpochMilli(RandomEvents.BASE + day * RandomEvents.DAY).toString().replace('T', ' ')
        .replace("Z", "");
  }
}
