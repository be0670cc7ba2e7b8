package dev.funnelsql.functions.funnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compares the accumulator (shuffled input) and the state machine (time-sorted input, ties shuffled, with queries in
 * the middle) with {@link FunnelBruteForce} on random groups, for every valid mode combination and for
 * {@code unordered}. Each case has its own seed, printed in failure messages; rerun one with
 * {@link #runCase(long, EnumSet)}.
 */
class FunnelRandomizedTest {
  private static final long BASE_SEED = 0x5EED_F00DL;
  private static final int CASES_PER_MODE_SET = 1000;
  private static final int UNORDERED_CASES = 5000;

  /** Every subset of the modes but unordered in which allow_reentry comes with strict_order: 24 sets. */
  static List<EnumSet<FunnelMode>> validModeSets() {
    final FunnelMode[] all = FunnelMode.values();
    final List<EnumSet<FunnelMode>> sets = new ArrayList<>();
    for (int bits = 0; bits < 1 << all.length; bits++) {
      final EnumSet<FunnelMode> set = EnumSet.noneOf(FunnelMode.class);
      for (int i = 0; i < all.length; i++) {
        if ((bits & (1 << i)) != 0) {
          set.add(all[i]);
        }
      }
      if (!set.contains(FunnelMode.UNORDERED)
          && (!set.contains(FunnelMode.ALLOW_REENTRY) || set.contains(FunnelMode.STRICT_ORDER))) {
        sets.add(set);
      }
    }
    return sets;
  }

  @Test void agreesWithBruteForceOnEveryModeCombination() {
    final List<EnumSet<FunnelMode>> sets = validModeSets();
    assertEquals(24, sets.size());
    final long started = System.nanoTime();
    int cases = 0;
    for (int s = 0; s < sets.size(); s++) {
      for (int i = 0; i < CASES_PER_MODE_SET; i++) {
        runCase(BASE_SEED + s * 1_000_003L + i, sets.get(s));
        cases++;
      }
    }
    assertTrue(cases >= 20_000);
    System.out.printf("FunnelRandomizedTest: %d random groups in %d ms%n", cases,
        (System.nanoTime() - started) / 1_000_000);
  }

  @Test void unorderedAgreesWithBruteForce() {
    // unordered stands alone (FunnelSpec.of rejects any combination), so it is one more mode set.
    final EnumSet<FunnelMode> unordered = EnumSet.of(FunnelMode.UNORDERED);
    final long started = System.nanoTime();
    int cases = 0;
    for (int i = 0; i < UNORDERED_CASES; i++) {
      runCase(BASE_SEED + 99 * 1_000_003L + i, unordered);
      cases++;
    }
    assertTrue(cases >= 3_000);
    System.out.printf("FunnelRandomizedTest (unordered): %d random groups in %d ms%n", cases,
        (System.nanoTime() - started) / 1_000_000);
  }

  @Test void rerunOneCase() {
    // Handy for debugging a failure: paste its seed and modes here.
    runCase(BASE_SEED, EnumSet.of(FunnelMode.STRICT_ONCE, FunnelMode.STRICT_DEDUPLICATION));
  }

  /** Steps from+1 .. from+length for a random length of 1 to 3 (bits from .. from+length-1). */
  private static int run(int steps, int from, Random random) {
    final int length = Math.min(1 + random.nextInt(3), steps - from);
    int mask = 0;
    for (int k = from; k < from + length; k++) {
      mask |= 1 << k;
    }
    return mask;
  }

  static void runCase(long seed, EnumSet<FunnelMode> modes) {
    final Random random = new Random(seed);
    // unordered is cheap to brute-force: some bigger groups over longer spans, with more steps so that the funnel is
    // rarely complete early, make its ring buffer grow and wrap.
    final boolean big = modes.contains(FunnelMode.UNORDERED) && random.nextInt(5) == 0;
    final int steps = big ? 4 + random.nextInt(13) : random.nextInt(12) == 0 ? 6 + random.nextInt(3)
        : 1 + random.nextInt(5);
    final int n = big ? 20 + random.nextInt(60) : random.nextInt(steps > 5 ? 10 : 13);
    final long span = big ? new long[] {10, 30, 100, 1000}[random.nextInt(4)]
        : new long[] {0, 1, 2, 3, 4, 6, 10, 30}[random.nextInt(8)];
    final long base = new long[] {0, 0, 0, -7, 1_700_000_000L, Long.MAX_VALUE - 40, Long.MIN_VALUE}[random.nextInt(7)];
    final long[] ts = new long[n];
    final int[] masks = new int[n];
    final int full = steps == 32 ? -1 : (1 << steps) - 1;
    final int style = random.nextInt(5);
    final int[] pool = new int[1 + random.nextInt(3)];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = random.nextInt() & full;
    }
    final double density = new double[] {0.15, 0.3, 0.5, 0.8}[random.nextInt(4)];
    final double empty = new double[] {0, 0.1, 0.3}[random.nextInt(3)];
    // Big groups may get denser over time, so that the ring buffer grows after its window has slid.
    final boolean denser = big && random.nextBoolean();
    for (int i = 0; i < n; i++) {
      ts[i] = base + (denser ? (long) (span * Math.sqrt(random.nextDouble()))
          : span == 0 ? 0 : (long) random.nextInt((int) span + 1));
    }
    Arrays.sort(ts);
    for (int i = 0; i < n; i++) {
      int mask = 0;
      if (random.nextDouble() >= empty) {
        switch (style) {
          case 0: // independent bits
            for (int k = 0; k < steps; k++) {
              if (random.nextDouble() < density) {
                mask |= 1 << k;
              }
            }
            break;
          case 1: // repeated events from a small pool
            mask = pool[random.nextInt(pool.length)];
            break;
          case 2: // one step per row, as with event = 'x' conditions
            mask = 1 << random.nextInt(steps);
            break;
          case 3: // runs of consecutive steps, as with repeated identical conditions
            mask = run(steps, random.nextInt(steps), random);
            break;
          default: // a progressing user: later rows tend to match later steps, in short runs
            mask = run(steps, Math.max(0, Math.min(steps - 1, i * steps / n + random.nextInt(3) - 1)), random);
            break;
        }
      }
      masks[i] = mask;
    }
    final long window;
    switch (random.nextInt(6)) {
      case 0:
        window = 0;
        break;
      case 1:
        window = Long.MAX_VALUE;
        break;
      case 2: // exactly a gap between two rows
        window = n < 2 ? 1 : Math.abs(ts[random.nextInt(n)] - ts[random.nextInt(n)]);
        break;
      default:
        window = random.nextInt((int) span + 2);
        break;
    }
    final FunnelSpec spec = FunnelSpec.of(steps, window, modes);
    final long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new long[] {ts[i], masks[i]};
    }
    final String what = "seed=" + seed + "L, " + spec + ", rows=" + FunnelCheck.describe(rows);
    final FunnelBruteForce.Result expected = FunnelBruteForce.evaluate(spec, ts, masks);

    // Accumulator, shuffled input.
    final List<long[]> shuffled = new ArrayList<>(Arrays.asList(rows));
    Collections.shuffle(shuffled, random);
    final FunnelAccumulator acc = new FunnelAccumulator(spec);
    for (long[] r : shuffled) {
      acc.add(r[0], (int) r[1]);
    }
    if (random.nextBoolean()) {
      assertEquals(expected.level, acc.level(), "accumulator level, " + what);
      assertArrayEquals(FunnelCheck.padded(spec, expected), acc.times(), "accumulator times, " + what);
    } else {
      assertArrayEquals(FunnelCheck.padded(spec, expected), acc.times(), "accumulator times, " + what);
      assertEquals(expected.level, acc.level(), "accumulator level, " + what);
    }

    // State machines, time-sorted input with ties in random order (the shuffle above, stably sorted by time).
    final List<long[]> sorted = new ArrayList<>(shuffled);
    sorted.sort((a, b) -> Long.compare(a[0], b[0]));
    final FunnelStateMachine lean = new FunnelStateMachine(spec, false);
    final FunnelStateMachine timed = new FunnelStateMachine(spec, true);
    lean.reset();
    final boolean queries = random.nextInt(4) == 0;
    final long[] out = new long[steps];
    for (int i = 0; i < sorted.size(); i++) {
      final long[] r = sorted.get(i);
      lean.accept(r[0], (int) r[1]);
      timed.accept(r[0], (int) r[1]);
      if (queries && random.nextInt(3) == 0) {
        // A query in the middle, possibly inside a tie group, answers for the rows so far.
        final long[] prefixTs = new long[i + 1];
        final int[] prefixMasks = new int[i + 1];
        for (int j = 0; j <= i; j++) {
          prefixTs[j] = sorted.get(j)[0];
          prefixMasks[j] = (int) sorted.get(j)[1];
        }
        final FunnelBruteForce.Result partial = FunnelBruteForce.evaluate(spec, prefixTs, prefixMasks);
        assertEquals(partial.level, timed.level(), "state machine level after " + (i + 1) + " rows, " + what);
        timed.chainTimes(out);
        assertArrayEquals(partial.times, Arrays.copyOf(out, partial.level),
            "state machine times after " + (i + 1) + " rows, " + what);
      }
    }
    assertEquals(expected.level, lean.level(), "state machine (no times) level, " + what);
    assertEquals(expected.level, timed.level(), "state machine level, " + what);
    assertEquals(expected.level > 0, timed.chainTimes(out), what);
    assertArrayEquals(expected.times, Arrays.copyOf(out, expected.level), "state machine times, " + what);

    // Reuse after reset gives the same answer.
    timed.reset();
    for (long[] r : sorted) {
      timed.accept(r[0], (int) r[1]);
    }
    assertEquals(expected.level, timed.level(), "state machine level after reset, " + what);
  }
}
