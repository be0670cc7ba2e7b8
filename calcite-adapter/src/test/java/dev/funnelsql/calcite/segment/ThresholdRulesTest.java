package dev.funnelsql.calcite.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.funnelsql.calcite.schema.SqlText;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

class ThresholdRulesTest {
  private static @Nullable ThresholdRules rules(String... conditions) throws Exception {
    final List<String> canonical = new java.util.ArrayList<>();
    for (String condition : conditions) {
      canonical.add(SqlText.expression(condition));
    }
    final List<String> segments = new java.util.ArrayList<>();
    for (int i = 0; i < conditions.length; i++) {
      segments.add("s" + i);
    }
    segments.add("rest");
    return ThresholdRules.of(segments, canonical, "rest");
  }

  private static ThresholdRules present(@Nullable ThresholdRules rules) {
    assertNotNull(rules, "taken as threshold rules");
    return rules;
  }

  @Test void countsAgainstNumbersBecomeAtomsWithTheirKthRow() throws Exception {
    final ThresholdRules rules = present(rules("COUNT(*) >= 3", "COUNT(*) FILTER (WHERE event_name = 'a') > 4",
        "2.5 <= COUNT(revenue)", "COUNT(*) >= 3 AND MAX(revenue) >= 15"));
    assertEquals(List.of(3, 5, 3, 1), rules.thresholds());
    assertEquals(List.of("TRUE", "(\"event_name\" = 'a')", "(\"revenue\") IS NOT NULL", "(\"revenue\") >= 15"),
        rules.rowConditions());
    assertEquals("rest", rules.segments().get(rules.segmentAt(0)));
    assertEquals(0, rules.segmentAt(0b0001));
    assertEquals(1, rules.segmentAt(0b0010));
    assertEquals(2, rules.segmentAt(0b0100));
    assertEquals(0, rules.segmentAt(0b1111), "the first rule that holds");
  }

  @Test void negationsAndUpperBoundsOfCountsAreTheAtomNotReached() throws Exception {
    final ThresholdRules rules = present(rules("COUNT(*) < 3", "NOT (COUNT(*) >= 3) OR COUNT(*) <= 7"));
    assertEquals(List.of(3, 8), rules.thresholds(), "< 3 is not 3 rows; <= 7 is not 8 rows");
    assertEquals(0, rules.segmentAt(0));
    assertEquals(1, rules.segmentAt(0b01));
    assertEquals(2, rules.segmentAt(0b11));
  }

  @Test void constantAtomsAndSharedAtoms() throws Exception {
    final ThresholdRules rules = present(rules("COUNT(*) >= 0 AND COUNT(*) >= 2", "COUNT(*) >= 2"));
    assertEquals(List.of(2), rules.thresholds(), "a threshold of 0 always holds; equal atoms are one");
    assertEquals(2, rules.segmentAt(0));
    assertEquals(0, rules.segmentAt(1));
    assertEquals(List.of(), present(rules("COUNT(*) >= -1", "COUNT(*) < 0")).thresholds(), "always, never");
    assertEquals(0, present(rules("COUNT(*) >= -1", "COUNT(*) < 0")).segmentAt(0));
    assertEquals(2, present(rules("COUNT(*) < 0", "FALSE")).segmentAt(0));
  }

  @Test void otherShapesAreRefused() throws Exception {
    assertNull(rules("SUM(revenue) >= 40"));
    assertNull(rules("COUNT(DISTINCT event_name) >= 2"));
    assertNull(rules("NOT (MAX(revenue) >= 15)"), "a MAX is NULL before the first value");
    assertNull(rules("MAX(revenue) <= 15"), "falls once true");
    assertNull(rules("COUNT(*) = 3"));
    assertNull(rules("COUNT(*) >= 20000"), "past the largest threshold kept per user");
    assertNull(rules("COUNT(*) >= 1 OR event_name = 'a'"), "reads a column outside an aggregate");
  }
}
