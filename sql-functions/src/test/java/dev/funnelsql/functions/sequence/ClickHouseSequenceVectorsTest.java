package dev.funnelsql.functions.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * SEQUENCE_MATCH and SEQUENCE_COUNT give ClickHouse's answers on the inputs of ClickHouse's own tests
 * ({@code 00222_sequence_aggregate_function_family}, {@code 00823_sequence_match_dfa},
 * {@code 02713_sequence_match_serialization_fix}, the end-rule test of its PR #119871), on its documentation's
 * examples, and on hand-worked examples of its matcher where a time condition skips events. The expected values are
 * those files' and ClickHouse's source's, not this implementation's.
 */
class ClickHouseSequenceVectorsTest {

  /** Dataset A of 00222: times 0..11, data 0,0,0,0,1,2,0,0,0,0,1,1, conditions data=0, data=1, data=2, data=3. */
  private static final int[] DATA = {0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 1, 1};

  @ParameterizedTest(name = "00222 ''{0}'' on {1}: match {2}, count {3}")
  @CsvSource(delimiter = '|', textBlock = """
      ''                     | A | true  | 12
      .                      | A | true  | 12
      .*                     | A | true  | 12
      (?1)                   | A | true  | 8
      (?2)                   | A | true  | 3
      (?3)                   | A | true  | 1
      (?4)                   | A | false | 0
      (?1)(?1)               | A | true  | 4
      (?1)(?1)(?1)           | A | true  | 2
      (?1)(?1)(?1)(?1)       | A | true  | 2
      (?1)(?1)(?1)(?1)(?1)   | A | false | 0
      (?1)(?1)(?1)(?1)(?2)   | A | true  | 2
      (?1)(?t>10)(?2)        | A | true  | 1
      (?1)(?t>11)(?2)        | A | false | 0
      (?1)(?t<11)(?2)        | A | true  | 2
      (?1)(?t<3)(?3)         | A | true  | 1
      (?1)(?t<=2)(?3)        | A | true  | 1
      (?1)(?t<2)(?3)         | A | false | 0
      (?2)(?t>=7)(?2)        | A | true  | 1
      (?2)(?t>7)(?2)         | A | false | 0
      (?2)(?3)(?1)           | A | true  | 1
      (?1)(?t==2)(?2)        | B | false | 0
      (?1)(?t==1)(?2)        | B | true  | 1
      """)
  void clickHouseTest00222(String pattern, String dataset, boolean match, long count) {
    // dataset B calls the same table with the conditions data=1, data=2: the rows with data 0 are not events
    final boolean a = "A".equals(dataset);
    final SequenceAccumulator accumulator = new SequenceAccumulator(SequencePattern.parse(pattern, a ? 4 : 2), 1);
    for (int t = 0; t < DATA.length; t++) {
      accumulator.add(t, a ? 1 << DATA[t] : DATA[t] == 0 ? 0 : 1 << (DATA[t] - 1));
    }
    assertEquals(match, accumulator.matches(), "sequenceMatch");
    assertEquals(count, accumulator.count(), "sequenceCount");
  }

  /** 00823: a million events A, B, B, …, C and a D far later; the patterns need no backtracking to be answered. */
  @Test
  void clickHouseTest00823OnAMillionEvents() {
    final int a = 1;
    final int b = 2;
    final int c = 4;
    final int d = 8;
    final long[] ts = new long[1_000_002];
    final int[] type = new int[ts.length];
    for (int i = 0; i <= 1_000_000; i++) {
      ts[i] = i;
      type[i] = i == 0 ? a : i == 1_000_000 ? c : b;
    }
    ts[1_000_001] = 100_000_000_000_000L;
    type[1_000_001] = d;
    assertEquals(true, match("(?1).*(?2).*(?3)", ts, type, a, b, c), "ABC");
    assertEquals(false, match("(?1).*(?2).*(?3)", ts, type, a, b, a), "ABA");
    assertEquals(true, match("(?1).*(?2).*(?3).*(?4)", ts, type, a, b, b, c), "ABBC");
    assertEquals(true, match("(?1)(?t>=10000000000000)(?2)", ts, type, c, d), "CD");
  }

  /** 02713: 0..99, condition 1 on odd numbers and 2 on even ones: an odd number is directly followed by an even. */
  @Test
  void clickHouseTest02713() {
    final long[] ts = new long[100];
    final int[] type = new int[100];
    for (int i = 0; i < 100; i++) {
      ts[i] = i;
      type[i] = i % 2 == 1 ? 1 : 2;
    }
    assertEquals(true, match("(?1)(?2)", ts, type, 1, 2));
  }

  /**
   * The end rule (ClickHouse PR #119871's test, and its documentation's examples): events given as
   * {@code condition@time}, condition 0 being a row that matches none.
   */
  @ParameterizedTest(name = "''{0}'' on {2}: match {3}, count {4}")
  @CsvSource(delimiter = '|', textBlock = """
      (?t<=10)                        | 2 | 0@0 0@1                     | true  | 0
      (?1).*                          | 2 | 1@0                         | true  | 1
      (?1)(?t<=10)(?2)                | 2 | 1@0 2@100                   | false | 0
      (?1)(?t<=100)(?2)(?3).*.*.*     | 3 | 1@1 2@2 3@3                 | true  | 1
      (?1)(?t<=100)(?2)(?3).*.*(?t>1) | 3 | 1@1 2@2 3@3                 | false | 0
      (?1)(?2)                        | 2 | 1@1 0@2 2@3                 | true  | 1
      (?1)(?2)                        | 3 | 1@1 3@2 2@3                 | false | 0
      (?1).*(?2)                      | 2 | 1@1 0@2 2@3 1@4 0@5 2@6     | true  | 2
      """)
  void clickHouseEndRuleAndDocumentation(String pattern, int conditions, String events, boolean match, long count) {
    assertAnswers(pattern, conditions, events, match, count);
  }

  /**
   * Hand-worked runs of ClickHouse's matcher (its source's backtracking loop) where a time condition skips events,
   * moves its base after {@code .*}, or meets the end of the events.
   */
  @ParameterizedTest(name = "''{0}'' on {2}: match {3}, count {4}")
  @CsvSource(delimiter = '|', textBlock = """
      (?1)(?t<3)(?3)        | 3 | 1@0 2@1 3@2          | true  | 1
      (?1)(?t<3)(?3)        | 3 | 1@0 2@1 3@5          | false | 0
      (?1)(?t<=2)(?3)       | 3 | 1@0 2@1 3@2          | true  | 1
      (?1)(?t>1)(?2)        | 3 | 1@0 3@1 2@2          | true  | 1
      (?1)(?t>=2)(?2)       | 2 | 1@0 2@1 2@2          | true  | 1
      (?1)(?t==2)(?2)       | 2 | 1@0 2@1 2@2          | true  | 1
      (?1)(?t==2)(?2)       | 3 | 1@0 3@2 2@3          | false | 0
      (?1)(?t>5)(?2)        | 3 | 1@0 3@4 2@8          | true  | 1
      (?1).*(?t>5)(?2)      | 3 | 1@0 3@4 2@8          | false | 0
      (?1).*(?t>5)(?2)      | 3 | 1@0 3@1 2@8          | true  | 1
      (?1).(?t<2)(?2)       | 3 | 1@0 3@5 2@6          | true  | 1
      (?t>5)(?1)            | 2 | 2@0 1@3 1@7          | true  | 1
      (?t>5)(?1)            | 2 | 2@0 1@3              | false | 0
      (?1)(?t<10)           | 2 | 1@0                  | true  | 1
      (?1)(?t<10)           | 2 | 1@0 2@100            | false | 0
      (?1)(?t<10)           | 2 | 1@0 2@5              | true  | 1
      (?1)(?t>10)           | 2 | 1@0                  | false | 0
      (?1)(?t>=0)           | 2 | 1@0                  | true  | 1
      (?1)(?t>=1)           | 2 | 1@0                  | false | 0
      (?1)(?t==0)           | 2 | 1@0                  | false | 0
      ''                    | 2 | 1@0 0@1 2@2          | true  | 2
      .                     | 2 | 1@0 0@1 2@2          | true  | 2
      ''                    | 2 | 0@0 0@1              | true  | 0
      .*                    | 2 | 0@0 0@1              | true  | 0
      .                     | 2 | 0@0 0@1              | false | 0
      (?t<0)                | 2 | 1@0 2@5              | true  | 1
      (?1)(?t<3)            | 2 | 1@0 1@1 1@2          | true  | 3
      (?1)(?1)              | 2 | 1@0 1@1 1@2          | true  | 1
      (?1)(?t<=1)(?1)       | 2 | 1@0 1@1 1@2 1@3      | true  | 2
      (?1)(?t>10)           | 2 | 1@0 1@1 1@20         | true  | 1
      (?1)(?t>10)           | 2 | 1@0 1@1 1@20 1@40    | true  | 2
      (?1)(?t<5)(?2)        | 2 | 1@0 1@2 2@6          | true  | 1
      (?1)(?t<=10)(?2)(?3)  | 3 | 1@0 2@5 2@100 3@101  | false | 0
      (?1)(?2)(?t>10)       | 2 | 1@0 2@1              | false | 0
      (?1)(?2)(?t>10)       | 2 | 1@0 2@1 1@5          | false | 0
      (?1)(?2)(?t>10)       | 2 | 1@0 2@1 1@100        | true  | 1
      """)
  void clickHouseMatcherByHand(String pattern, int conditions, String events, boolean match, long count) {
    assertAnswers(pattern, conditions, events, match, count);
  }

  private static void assertAnswers(String pattern, int conditions, String events, boolean match, long count) {
    final SequenceAccumulator accumulator = new SequenceAccumulator(SequencePattern.parse(pattern, conditions), 1);
    for (String event : events.trim().split("\\s+")) {
      final String[] parts = event.split("@");
      final int condition = Integer.parseInt(parts[0]);
      accumulator.add(Long.parseLong(parts[1]), condition == 0 ? 0 : 1 << (condition - 1));
    }
    assertEquals(match, accumulator.matches(), "sequenceMatch");
    assertEquals(count, accumulator.count(), "sequenceCount");
  }

  /** sequenceMatch with one condition per argument, each the set of event types it holds on. */
  private static boolean match(String pattern, long[] ts, int[] type, int... conditions) {
    final SequenceAccumulator accumulator =
        new SequenceAccumulator(SequencePattern.parse(pattern, conditions.length), 1);
    for (int i = 0; i < ts.length; i++) {
      int mask = 0;
      for (int c = 0; c < conditions.length; c++) {
        mask |= (type[i] & conditions[c]) != 0 ? 1 << c : 0;
      }
      accumulator.add(ts[i], mask);
    }
    return accumulator.matches();
  }
}
