package dev.funnelsql.calcite.segment;

import static dev.funnelsql.calcite.testing.SegmentCases.only;

import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code rules} kind, as the README defines it: a user's segment is the first rule, an aggregate predicate over
 * all of the user's events, that holds (a NULL aggregate does not hold); else {@code otherwise}, or no segment
 * without it. Checked on random events against the rules evaluated in Java.
 */
class RulesSegmentKindTest {
  static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        engagement:
          rules:
            - { segment: heavy,   when: "COUNT(*) FILTER (WHERE event_name = 'a') >= 3" }
            - { segment: spender, when: "SUM(revenue) > 60" }
            - { segment: fan,     when: "MAX(score) >= 9" }
          otherwise: quiet
        partial:
          rules:
            - { segment: late,  when: "MIN(ts) >= TIMESTAMP '2026-02-02 00:00:00'" }
            - { segment: named, when: "COUNT(event_name) = COUNT(*)" }
      """;
  private static final long FEBRUARY_2 = 1_769_990_400_000L;

  /** A rule and its condition evaluated in Java. */
  record Rule(String segment, Predicate<List<TestEvent>> holds) {
  }

  static final List<Rule> ENGAGEMENT = List.of(
      new Rule("heavy", events -> events.stream().filter(e -> "a".equals(e.name())).count() >= 3),
      new Rule("spender", events -> events.stream().anyMatch(e -> e.revenue() != null)
          && events.stream().map(TestEvent::revenue).filter(Objects::nonNull).mapToInt(r -> r).sum() > 60),
      new Rule("fan", events -> events.stream().map(TestEvent::score).filter(Objects::nonNull)
          .anyMatch(score -> score >= 9)));
  static final List<Rule> PARTIAL = List.of(
      new Rule("late", events -> events.stream().anyMatch(e -> e.millis() != null)
          && events.stream().map(TestEvent::millis).filter(Objects::nonNull).allMatch(t -> t >= FEBRUARY_2)),
      new Rule("named", events -> events.stream().allMatch(e -> e.name() != null)));

  private static Map<Long, Set<String>> reference(long seed, List<Rule> rules, String otherwise) {
    final Map<Long, Set<String>> allowed = new TreeMap<>();
    RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, events) ->
        allowed.put(user, only(rules.stream().filter(rule -> rule.holds().test(events)).map(Rule::segment)
            .findFirst().orElse(otherwise))));
    return allowed;
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void theFirstRuleThatHoldsElseOtherwise(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.engagement", reference(seed, ENGAGEMENT, "quiet")),
        List.of("heavy", "spender", "fan", "quiet"));
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void withoutOtherwiseAUserMatchingNoRuleHasNoSegment(StoreKind kind, long seed) throws SQLException {
    SegmentCases.check(kind, seed, MODEL, Map.of("segments.partial", reference(seed, PARTIAL, null)),
        Arrays.asList("late", "named", null));
  }
}
