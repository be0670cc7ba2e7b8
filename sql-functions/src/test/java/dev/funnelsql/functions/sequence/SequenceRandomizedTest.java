package dev.funnelsql.functions.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.sequence.SequenceBruteForce.Elem;
import dev.funnelsql.functions.sequence.SequenceBruteForce.Event;
import dev.funnelsql.functions.sequence.SequenceBruteForce.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Compares SequenceAccumulator with SequenceBruteForce on random groups and random patterns from the grammar. */
class SequenceRandomizedTest {

  private static final String[] OPS = {"<=", "<", ">=", ">", "=="};

  @Test
  void smallGroupsAgreeWithBruteForce() {
    Stats stats = runRandom(0x5E9_0001L, 25_000, 0, 10, 4);
    assertCovered(stats);
  }

  @Test
  void denserGroupsAgreeWithBruteForce() {
    Stats stats = runRandom(0x5E9_0002L, 5_000, 0, 16, 6);
    assertCovered(stats);
  }

  /** Groups of 33 to 150 rows: unsorted input goes through the merge sort and the bit sets span several words. */
  @Test
  void largerGroupsAgreeWithBruteForce() {
    Stats stats = runRandom(0x5E9_0003L, 1_000, 33, 150, 3);
    assertCovered(stats);
  }

  private static void assertCovered(Stats stats) {
    // the generator must produce a healthy mix of outcomes, otherwise the comparison proves little
    assertTrue(stats.matched > stats.groups / 5, stats.toString());
    assertTrue(stats.groups - stats.matched > stats.groups / 10, stats.toString());
    assertTrue(stats.countAboveOne > stats.groups / 20, stats.toString());
    assertTrue(stats.withTime > stats.groups / 5, stats.toString());
    // matches where a time condition let events be skipped: ClickHouse's reading, not "adjacent unless .*"
    assertTrue(stats.timeSkipped > stats.groups / 20, stats.toString());
  }

  private static Stats runRandom(long seed, int groups, int minRows, int maxRows, int maxEventElements) {
    Random master = new Random(seed);
    Stats stats = new Stats();
    for (int g = 0; g < groups; g++) {
      long caseSeed = master.nextLong();
      runCase(seed, caseSeed, minRows, maxRows, maxEventElements, stats);
    }
    System.out.println("seed " + seed + ": " + stats);
    return stats;
  }

  private static void runCase(long seed, long caseSeed, int minRows, int maxRows, int maxEventElements,
                              Stats stats) {
    Random r = new Random(caseSeed);
    int conditions = 1 + r.nextInt(4);
    long[] units = {1, 1, 1, 2, 1000};
    long unitsPerSecond = units[r.nextInt(units.length)];
    int[] ranges = {1, 3, 6, 12, 30};
    int range = ranges[r.nextInt(ranges.length)];

    List<Elem> pattern = randomPattern(r, conditions, maxEventElements, range + 1);
    String text = render(r, pattern);
    SequencePattern parsed = SequencePattern.parse(text, conditions);
    String canonical = SequenceBruteForce.canonical(pattern);

    int n = minRows + r.nextInt(maxRows - minRows + 1);
    long[] ts = new long[n];
    int[] masks = new int[n];
    for (int i = 0; i < n; i++) {
      long seconds = r.nextInt(range);
      if (unitsPerSecond == 1000) {
        ts[i] = seconds * 1000 + (r.nextInt(3) == 0 ? r.nextInt(3) - 1 : 0);
      } else {
        ts[i] = seconds * unitsPerSecond + r.nextInt((int) unitsPerSecond);
      }
      int mask = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt((1 << conditions) - 1);
      if (r.nextInt(10) == 0) {
        mask |= 1 << (conditions + r.nextInt(32 - conditions));
      }
      masks[i] = mask;
    }

    List<Event> events = SequenceBruteForce.events(conditions, ts, masks);
    boolean expectedMatch;
    long expectedCount;
    try {
      expectedMatch = SequenceBruteForce.matches(pattern, unitsPerSecond, events);
      expectedCount = SequenceBruteForce.count(pattern, unitsPerSecond, events);
    } catch (SequenceBruteForce.TooSlow e) {
      stats.tooSlow++;
      return;
    }

    Supplier<String> where = () -> "seed " + seed + ", case seed " + caseSeed + ": pattern '" + text
        + "' (" + conditions + " conditions), unitsPerSecond " + unitsPerSecond + ", ts "
        + Arrays.toString(ts) + ", masks " + Arrays.toString(masks) + ", sorted events " + events;
    assertEquals(canonical, parsed.toString(), where);

    SequenceAccumulator acc = new SequenceAccumulator(parsed, unitsPerSecond);
    int mode = r.nextInt(3);
    int half = mode == 2 ? n / 2 : n;
    for (int i = 0; i < half; i++) {
      acc.add(ts[i], masks[i]);
    }
    if (mode == 2) {
      acc.count();
      acc.matches();
      for (int i = half; i < n; i++) {
        acc.add(ts[i], masks[i]);
      }
    }
    if (mode == 1) {
      assertEquals(expectedCount, acc.count(), where);
      assertEquals(expectedMatch, acc.matches(), where);
    } else {
      assertEquals(expectedMatch, acc.matches(), where);
      assertEquals(expectedCount, acc.count(), where);
    }

    // reuse after reset with another input order
    acc.reset();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, r);
    for (int i : order) {
      acc.add(ts[i], masks[i]);
    }
    assertEquals(expectedCount, acc.count(), () -> "after reset and shuffle: " + where.get());
    assertEquals(expectedMatch, acc.matches(), () -> "after reset and shuffle: " + where.get());

    stats.groups++;
    stats.matched += expectedMatch ? 1 : 0;
    stats.countAboveOne += expectedCount > 1 ? 1 : 0;
    stats.withTime += pattern.stream().anyMatch(e -> e.kind == Kind.TIME) ? 1 : 0;
    stats.timeSkipped += expectedCount > 0
        && SequenceBruteForce.backtrack(pattern, unitsPerSecond, events, 0)[2] == 1 ? 1 : 0;
  }

  /**
   * A random pattern ClickHouse accepts: event elements, '.', '.*' and time conditions in any order (also first,
   * last, alone or none at all), except a time condition right after another one.
   */
  static List<Elem> randomPattern(Random r, int conditions, int maxEventElements, int maxSeconds) {
    List<Elem> pattern = new ArrayList<>();
    int length = r.nextInt(12) == 0 ? r.nextInt(2) : 1 + r.nextInt(2 * maxEventElements);
    int events = 0;
    for (int i = 0; i < length; i++) {
      int roll = r.nextInt(10);
      boolean afterTime = !pattern.isEmpty() && pattern.get(pattern.size() - 1).kind == Kind.TIME;
      if (roll < 3 && !afterTime) {
        pattern.add(Elem.time(OPS[r.nextInt(OPS.length)], r.nextInt(maxSeconds + 1)));
      } else if (roll < 5) {
        pattern.add(Elem.star());
      } else if (events < maxEventElements) {
        pattern.add(r.nextInt(5) == 0 ? Elem.any() : Elem.event(1 + r.nextInt(conditions)));
        events++;
      }
    }
    return pattern;
  }

  /** Writes the pattern with random (allowed) whitespace, '=' for '==' and leading zeros. */
  private static String render(Random r, List<Elem> pattern) {
    StringBuilder sb = new StringBuilder();
    for (Elem e : pattern) {
      sb.append(ws(r));
      switch (e.kind) {
        case EVENT:
          sb.append("(?").append(ws(r)).append(zeros(r)).append(e.cond).append(ws(r)).append(')');
          break;
        case TIME:
          String op = "==".equals(e.op) && r.nextBoolean() ? "=" : e.op;
          sb.append("(?").append(ws(r)).append('t').append(ws(r)).append(op).append(ws(r))
              .append(zeros(r)).append(e.seconds).append(ws(r)).append(')');
          break;
        default:
          sb.append(e.canonical());
          break;
      }
    }
    return sb.append(ws(r)).toString();
  }

  private static String ws(Random r) {
    int roll = r.nextInt(12);
    return roll == 0 ? " " : roll == 1 ? "\t " : "";
  }

  private static String zeros(Random r) {
    return r.nextInt(10) == 0 ? "0" : "";
  }

  /** Outcome counters, to check that the random cases are not degenerate. */
  private static final class Stats {
    int groups;
    int matched;
    int countAboveOne;
    int withTime;
    int timeSkipped;
    int tooSlow;

    @Override
    public String toString() {
      return groups + " groups, " + matched + " matched, " + countAboveOne + " with count > 1, " + withTime
          + " with time conditions, " + timeSkipped + " whose match has a time condition that skipped events, "
          + tooSlow + " too slow for ClickHouse";
    }
  }
}
