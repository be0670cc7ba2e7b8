package dev.funnelsql.functions.nextnode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.nextnode.NextNodeBruteForce.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Compares NextNodeAccumulator with NextNodeBruteForce on random groups for every valid direction &times; base
 * &times; 0..4 event conditions, adding each group in several shuffled orders.
 */
class NextNodeRandomizedTest {

  /** Values with a different UTF-8 and UTF-16 order: U+FF21 sorts before U+1F600 by bytes, after it by chars. */
  private static final String[] POOL = {"A", "B", "C", "a", "ab", "", "\uFF21", "\uD83D\uDE00", "\u00e9"};

  private static final String[][] COMBOS = {
    {"forward", "head"}, {"forward", "first_match"}, {"forward", "last_match"},
    {"backward", "tail"}, {"backward", "first_match"}, {"backward", "last_match"},
  };

  private static final int GROUPS_PER_CONFIGURATION = 3_000;

  @Test
  void everyConfigurationAgreesWithBruteForce() {
    Random master = new Random(0x4E58_7001L);
    Stats total = new Stats();
    int configurations = 0;
    for (String[] combo : COMBOS) {
      boolean headOrTail = "head".equals(combo[1]) || "tail".equals(combo[1]);
      for (int events = headOrTail ? 0 : 1; events <= 4; events++) {
        NextNodeSpec spec = NextNodeSpec.of(combo[0], combo[1], events);
        NextNodeAccumulator acc = new NextNodeAccumulator(spec);
        Stats stats = new Stats();
        for (int g = 0; g < GROUPS_PER_CONFIGURATION; g++) {
          runCase(spec, acc, master.nextLong(), stats);
        }
        System.out.println(spec + ": " + stats);
        // every configuration must produce both outcomes, otherwise the comparison proves little there
        assertTrue(stats.nonNull > stats.groups / 40, spec + ": " + stats);
        assertTrue(stats.groups - stats.nonNull > stats.groups / 10, spec + ": " + stats);
        total.add(stats);
        configurations++;
      }
    }
    System.out.println("all " + configurations + " configurations: " + total);
    assertEquals(26, configurations);
    assertTrue(total.nonNull > total.groups / 5, total.toString());
    assertTrue(total.groups - total.nonNull > total.groups / 5, total.toString());
    assertTrue(total.empty > total.groups / 100, total.toString());
    assertTrue(total.valueTies > total.groups / 10, total.toString());
    assertTrue(total.twinsWithDifferentMasks > total.groups / 20, total.toString());
    assertTrue(total.negative > total.groups / 20, total.toString());
    assertTrue(total.large > total.groups / 50, total.toString());
  }

  private static void runCase(NextNodeSpec spec, NextNodeAccumulator acc, long caseSeed, Stats stats) {
    Random r = new Random(caseSeed);
    int events = spec.events();
    List<long[]> generated = new ArrayList<>();
    List<String> generatedValues = new ArrayList<>();
    generate(r, spec, generated, generatedValues);
    int n = generated.size();

    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.fromMask(generated.get(i)[0], generatedValues.get(i), (int) generated.get(i)[1], events));
    }
    boolean forward = spec.direction() == NextNodeSpec.Direction.FORWARD;
    String expected = NextNodeBruteForce.nextNode(forward, spec.base().sqlName(), events, rows);
    Supplier<String> where = () -> spec + ", case seed " + caseSeed + ", rows in time order "
        + NextNodeBruteForce.sorted(rows);

    // three add orders: as generated (time order, ties in random order), and two shuffles
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    for (int attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) {
        Collections.shuffle(order, r);
      }
      acc.reset();
      int probe = n == 0 ? -1 : r.nextInt(n);
      List<Row> prefix = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        int i = order.get(j);
        acc.add(generated.get(i)[0], generatedValues.get(i), (int) generated.get(i)[1]);
        prefix.add(rows.get(i));
        if (j == probe) {
          // a result in the middle is cached; the next add must invalidate it
          String mid = NextNodeBruteForce.nextNode(forward, spec.base().sqlName(), events, prefix);
          assertEquals(mid, acc.result(), () -> "after " + prefix.size() + " rows: " + where.get());
          assertEquals(mid, acc.result(), () -> "cached, after " + prefix.size() + " rows: " + where.get());
        }
      }
      int a = attempt;
      assertEquals(expected, acc.result(), () -> "add order " + a + ": " + where.get());
      assertEquals(n, acc.rows());
    }

    stats.groups++;
    stats.nonNull += expected != null ? 1 : 0;
    stats.empty += n == 0 ? 1 : 0;
    stats.large += n > 32 ? 1 : 0;
    boolean valueTie = false;
    boolean twins = false;
    boolean negative = false;
    int keep = (1 << (events + 1)) - 1;
    for (int i = 0; i < n; i++) {
      negative |= generated.get(i)[0] < 0;
      for (int j = i + 1; j < n; j++) {
        if (generated.get(i)[0] == generated.get(j)[0]) {
          boolean sameValue = generatedValues.get(i).equals(generatedValues.get(j));
          valueTie |= !sameValue;
          twins |= sameValue && ((generated.get(i)[1] ^ generated.get(j)[1]) & keep) != 0;
        }
      }
    }
    stats.valueTies += valueTie ? 1 : 0;
    stats.twinsWithDifferentMasks += twins ? 1 : 0;
    stats.negative += negative ? 1 : 0;
  }

  /**
   * A random group, in non-decreasing time order: values from a small alphabet; in half of the groups a chain of
   * the event targets (in the direction's time order) is planted at a random place, the other rows often avoiding
   * event1's value so that the chain's first row is the first / last match. Event conditions are mostly
   * "value = target", sometimes independent of the value (as when a condition reads another column), which also
   * creates same-time same-value rows with different masks. Random bits above the event conditions are set, which
   * must be ignored.
   */
  private static void generate(Random r, NextNodeSpec spec, List<long[]> out, List<String> outValues) {
    int events = spec.events();
    int roll = r.nextInt(40);
    int n = roll == 0 ? 0 : roll == 1 ? 33 + r.nextInt(60) : 1 + r.nextInt(roll < 20 ? 6 : 12);
    List<String> pool = new ArrayList<>(List.of(POOL));
    Collections.shuffle(pool, r);
    List<String> alphabet = pool.subList(0, 1 + r.nextInt(4));
    String[] targets = new String[events + 1];
    boolean[] valueBased = new boolean[events + 1];
    for (int k = 1; k <= events; k++) {
      targets[k] = alphabet.get(r.nextInt(alphabet.size()));
      if (k > 1 && alphabet.size() > 1 && r.nextInt(4) != 0) {
        // mostly keep event1's value unique in the chain, so that first / last match can land on the chain
        while (targets[k].equals(targets[1])) {
          targets[k] = alphabet.get(r.nextInt(alphabet.size()));
        }
      }
      valueBased[k] = r.nextInt(6) != 0;
    }
    int baseMode = r.nextInt(4);
    String baseValue = alphabet.get(r.nextInt(alphabet.size()));

    // planted[i] = the value forced on time-order position i, or null for a free row
    String[] planted = new String[n];
    boolean plant = events > 0 && n > events && r.nextBoolean();
    if (plant) {
      int from = r.nextInt(n - events);
      boolean forward = spec.direction() == NextNodeSpec.Direction.FORWARD;
      for (int k = 1; k <= events; k++) {
        planted[forward ? from + k - 1 : from + 1 + events - k] = targets[k];
      }
      if (r.nextBoolean()) {
        baseValue = targets[1];
      }
    }
    List<String> others = new ArrayList<>(alphabet);
    if (events > 0) {
      others.removeIf(v -> v.equals(targets[1]));
    }
    boolean avoidEvent1 = plant && !others.isEmpty() && r.nextInt(3) != 0;

    long[] starts = {0, 0, 0, 3, -7, -20, Long.MIN_VALUE, Long.MAX_VALUE - 200_000};
    long t = starts[r.nextInt(starts.length)] + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      String value;
      if (planted[i] != null && r.nextInt(10) != 0) {
        value = planted[i];
      } else if (avoidEvent1 && r.nextInt(8) != 0) {
        value = others.get(r.nextInt(others.size()));
      } else {
        value = alphabet.get(r.nextInt(alphabet.size()));
      }
      int mask;
      switch (baseMode) {
        case 0:
        case 1:
          mask = 1;
          break;
        case 2:
          mask = value.equals(baseValue) ? 1 : 0;
          break;
        default:
          mask = r.nextInt(3) != 0 ? 1 : 0;
          break;
      }
      for (int k = 1; k <= events; k++) {
        boolean holds = valueBased[k] ? value.equals(targets[k]) : r.nextBoolean();
        mask |= holds ? 1 << k : 0;
      }
      if (r.nextInt(8) == 0) {
        mask |= 1 << (events + 1 + r.nextInt(31 - events));
      }
      out.add(new long[] {t, mask});
      outValues.add(value);
      if (r.nextInt(10) == 0 && i + 1 < n && planted[i + 1] == null) {
        // an exact twin: same time and value; with value-independent conditions its mask may differ
        i++;
        int twinMask = r.nextBoolean() ? mask : mask ^ (1 << r.nextInt(events + 1));
        out.add(new long[] {t, twinMask});
        outValues.add(value);
      }
      boolean inChain = planted[i] != null || (i + 1 < n && planted[i + 1] != null);
      int step = inChain && r.nextInt(4) != 0 ? 1 + r.nextInt(2) : r.nextInt(3);
      t += step == 0 ? 0 : step == 1 ? 1 : 1 + r.nextInt(1_000);
    }
  }

  /** Outcome counters, to check that the random cases are not degenerate. */
  private static final class Stats {
    int groups;
    int nonNull;
    int empty;
    int large;
    int valueTies;
    int twinsWithDifferentMasks;
    int negative;

    void add(Stats o) {
      groups += o.groups;
      nonNull += o.nonNull;
      empty += o.empty;
      large += o.large;
      valueTies += o.valueTies;
      twinsWithDifferentMasks += o.twinsWithDifferentMasks;
      negative += o.negative;
    }

    @Override
    public String toString() {
      return groups + " groups, " + nonNull + " non-NULL, " + empty + " empty, " + large + " with > 32 rows, "
          + valueTies + " with equal-time different-value rows, " + twinsWithDifferentMasks
          + " with equal-time equal-value rows of different masks, " + negative + " with negative timestamps";
    }
  }
}
