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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code segments.<s>_check} on random stores: for a rules segmentation, each segment's users, the users in no
 * segment, the users for whom each pair of rules holds and those for whom none does, all counted from the rules
 * evaluated in Java; for another kind, the segment sizes of its table and the users it leaves out; and the warnings
 * (segment count outside 3 to 8, an empty segment, users in no segment, rules that overlap without one containing
 * the other).
 */
class SegmentationCheckTest {
  private static final String MODEL = RulesSegmentKindTest.MODEL + """
        source: { kind: property, property: source }
        levels:
          rules:
            - { segment: many, when: "COUNT(*) >= 8" }
            - { segment: some, when: "COUNT(*) >= 3" }
          otherwise: few
      """;
  private static final List<RulesSegmentKindTest.Rule> LEVELS = List.of(
      new RulesSegmentKindTest.Rule("many", events -> events.size() >= 8),
      new RulesSegmentKindTest.Rule("some", events -> events.size() >= 3));

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void rulesAreCountedPerSegmentPairAndNone(StoreKind kind, long seed) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), MODEL,
        new Properties())) {
      assertEquals(expectedRules(seed, RulesSegmentKindTest.ENGAGEMENT, "quiet"),
          connection.rows("SELECT * FROM segments.engagement_check"), kind + " seed " + seed + " engagement");
      assertEquals(expectedRules(seed, RulesSegmentKindTest.PARTIAL, null),
          connection.rows("SELECT * FROM segments.partial_check"), kind + " seed " + seed + " partial");
      final List<List<Object>> levels = connection.rows("SELECT * FROM segments.levels_check");
      assertEquals(expectedRules(seed, LEVELS, "few"), levels, kind + " seed " + seed + " levels");
      assertTrue(levels.stream().anyMatch(row -> "overlap".equals(row.get(0)) && ((Number) row.get(3)).longValue() > 0
          && row.get(5) == null), "nested thresholds overlap with no warning: " + levels);
    }
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void otherKindsAreCountedFromTheirMembership(StoreKind kind, long seed) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), MODEL,
        new Properties())) {
      final Map<String, Long> sizes = new java.util.TreeMap<>();
      for (List<Object> row : connection.rows("SELECT segment, COUNT(*) FROM segments.source WHERE segment IS NOT "
          + "NULL GROUP BY segment")) {
        sizes.put((String) row.get(0), ((Number) row.get(1)).longValue());
      }
      final long users = RandomEvents.byUser(SegmentCases.events(seed)).size();
      final long none = users - sizes.values().stream().mapToLong(Long::longValue).sum();
      assertTrue(none > 0 && sizes.size() == 3, "a meaningful case: " + sizes + ", " + none + " in none");
      final List<List<Object>> expected = new ArrayList<>();
      expected.add(Arrays.asList("segment count", null, null, users, 3L, null));
      sizes.forEach((segment, n) -> expected.add(Arrays.asList("segment", segment, null, n, null, null)));
      expected.add(Arrays.asList("no segment", null, null, none, null, none + " users are in no segment; a segment "
          + "for them would make it exhaustive"));
      assertEquals(expected, connection.rows("SELECT * FROM segments.source_check"), kind + " seed " + seed);
    }
  }

  /** The check's rows, from the rules evaluated in Java on each user's events. */
  private static List<List<Object>> expectedRules(long seed, List<RulesSegmentKindTest.Rule> rules,
      String otherwise) {
    final int count = rules.size();
    final Map<String, Long> sizes = new LinkedHashMap<>();
    rules.forEach(rule -> sizes.put(rule.segment(), 0L));
    if (otherwise != null) {
      sizes.putIfAbsent(otherwise, 0L);
    }
    final long[][] both = new long[count][count];
    final long[] holdsFor = new long[count];
    long none = 0;
    long noRule = 0;
    long users = 0;
    for (List<TestEvent> events : RandomEvents.byUser(SegmentCases.events(seed)).values()) {
      users++;
      final boolean[] holds = new boolean[count];
      int first = -1;
      for (int i = 0; i < count; i++) {
        holds[i] = rules.get(i).holds().test(events);
        holdsFor[i] += holds[i] ? 1 : 0;
        if (holds[i] && first < 0) {
          first = i;
        }
        for (int j = 0; j < i; j++) {
          both[j][i] += holds[i] && holds[j] ? 1 : 0;
        }
      }
      noRule += first < 0 ? 1 : 0;
      final String segment = first >= 0 ? rules.get(first).segment() : otherwise;
      if (segment == null) {
        none++;
      } else {
        sizes.merge(segment, 1L, Long::sum);
      }
    }
    final long holding = sizes.values().stream().filter(n -> n > 0).count();
    final List<List<Object>> rows = new ArrayList<>();
    rows.add(Arrays.asList("segment count", null, null, users, holding, holding >= 3 && holding <= 8 ? null
        : (holding == 1 ? "1 segment holds" : holding + " segments hold") + " users; 3 to 8 are what a team can "
        + "act on"));
    sizes.forEach((segment, n) -> rows.add(Arrays.asList("segment", segment, null, n, null,
        n > 0 ? null : "no user is in segment '" + segment + "'")));
    rows.add(Arrays.asList("no segment", null, null, none, null, none == 0 ? null
        : none + " users are in no segment; an otherwise: segment would make it exhaustive"));
    for (int i = 0; i < count; i++) {
      for (int j = i + 1; j < count; j++) {
        final String a = rules.get(i).segment();
        final boolean partial = both[i][j] > 0 && both[i][j] < Math.min(holdsFor[i], holdsFor[j]);
        rows.add(Arrays.asList("overlap", a, rules.get(j).segment(), both[i][j], null, !partial ? null
            : both[i][j] + " users meet the rules of '" + a + "' and '" + rules.get(j).segment() + "', and neither "
            + "rule holds for all users of the other; the rule order puts them in '" + a + "'"));
      }
    }
    rows.add(Arrays.asList("no rule", null, null, noRule, null, null));
    return rows;
  }
}
