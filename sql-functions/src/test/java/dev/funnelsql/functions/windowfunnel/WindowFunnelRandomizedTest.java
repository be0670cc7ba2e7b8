package dev.funnelsql.functions.windowfunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compares {@link WindowFunnelAccumulator} with {@link WindowFunnelBruteForce} on random groups for the four Doris
 * modes and the eight StarRocks modes: ties, repeated events, rows with several or no conditions, mask bits beyond
 * the steps, windows of 0 and exactly a gap, negative and extreme times, empty groups. Each group is fed in several
 * orders (shuffled twice, sorted), with a query after a random prefix, to check that the answer does not depend on
 * the input order. Each case has its own seed, printed in failure messages; rerun one with
 * {@link #runCase(long, WindowFunnelSpec.Dialect, int)}.
 */
class WindowFunnelRandomizedTest {
  private static final long BASE_SEED = 0x0F0E_55E5L;
  private static final int DORIS_CASES_PER_MODE = 5000;
  private static final int STARROCKS_CASES_PER_MODE = 3000;
  private static final String[] DORIS_MODES = {"default", "deduplication", "fixed", "increase"};

  /** The answer of one case and the answer of the same rows in the dialect's plain mode. */
  private static final class Outcome {
    final int steps;
    final int level;
    final int plainLevel;

    Outcome(int steps, int level, int plainLevel) {
      this.steps = steps;
      this.level = level;
      this.plainLevel = plainLevel;
    }
  }

  /** Counts of outcomes of one mode, to check that the generator covers what matters. */
  private static final class Mix {
    int cases;
    int zero;
    int partial;
    int full;
    int differsFromPlain;

    void add(Outcome o) {
      cases++;
      if (o.level == 0) {
        zero++;
      } else if (o.level < o.steps) {
        partial++;
      } else if (o.steps >= 2) {
        full++;
      }
      if (o.level != o.plainLevel) {
        differsFromPlain++;
      }
    }

    void check(String mode, boolean plain) {
      final String what = mode + ": " + this;
      assertTrue(zero * 20 >= cases, "at least 5% of level 0, " + what);
      assertTrue(partial * 5 >= cases, "at least 20% of levels between 1 and steps - 1, " + what);
      assertTrue(full * 20 >= cases, "at least 5% of complete funnels of 2+ steps, " + what);
      if (!plain) {
        assertTrue(differsFromPlain * 50 >= cases, "at least 2% of answers that the mode changes, " + what);
      }
    }

    @Override public String toString() {
      return "cases=" + cases + " zero=" + zero + " partial=" + partial + " full=" + full + " differsFromPlain="
          + differsFromPlain;
    }
  }

  @Test void dorisAgreesWithBruteForce() {
    final long started = System.nanoTime();
    int cases = 0;
    for (int mode = 0; mode < DORIS_MODES.length; mode++) {
      final Mix mix = new Mix();
      for (int i = 0; i < DORIS_CASES_PER_MODE; i++) {
        mix.add(runCase(BASE_SEED + mode * 1_000_003L + i, WindowFunnelSpec.Dialect.DORIS, mode));
        cases++;
      }
      System.out.printf("WindowFunnelRandomizedTest doris:%s %s%n", DORIS_MODES[mode], mix);
      mix.check("doris:" + DORIS_MODES[mode], mode == 0);
    }
    assertEquals(20_000, cases);
    System.out.printf("WindowFunnelRandomizedTest (Doris): %d random groups in %d ms%n", cases,
        (System.nanoTime() - started) / 1_000_000);
  }

  @Test void starRocksAgreesWithBruteForce() {
    final long started = System.nanoTime();
    int cases = 0;
    for (int mode = 0; mode <= 7; mode++) {
      final Mix mix = new Mix();
      for (int i = 0; i < STARROCKS_CASES_PER_MODE; i++) {
        mix.add(runCase(BASE_SEED + (10 + mode) * 1_000_003L + i, WindowFunnelSpec.Dialect.STARROCKS, mode));
        cases++;
      }
      System.out.printf("WindowFunnelRandomizedTest starrocks:%d %s%n", mode, mix);
      mix.check("starrocks:" + mode, mode == 0);
    }
    assertEquals(24_000, cases);
    System.out.printf("WindowFunnelRandomizedTest (StarRocks): %d random groups in %d ms%n", cases,
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Groups of 200,000 rows in every mode, shuffled, with close and with far-apart times: they finish fast (the
   * algorithms are O(n log n) + O(n·steps); a quadratic one would hit the timeout), agree with the same rows in time
   * order, and a cycle of the steps gives the full level.
   */
  @Test @Timeout(value = 60, unit = TimeUnit.SECONDS) void largeGroups() {
    final int n = 200_000;
    final int steps = 8;
    final long started = System.nanoTime();
    final List<WindowFunnelSpec> specs = new ArrayList<>();
    for (String mode : DORIS_MODES) {
      specs.add(WindowFunnelSpec.doris(steps, 1_000, mode));
    }
    for (int mode = 0; mode <= 7; mode++) {
      specs.add(WindowFunnelSpec.starRocks(steps, 1_000, mode));
    }
    final Random random = new Random(BASE_SEED);
    for (boolean far : new boolean[] {false, true}) {
      final long[] ts = new long[n];
      final int[] masks = new int[n];
      final int[] cycle = new int[n];
      for (int i = 0; i < n; i++) {
        // Close: a tick per row, a few ties. Far: 2^33 per row, so the times do not fit a packed sort key.
        ts[i] = far ? (i - n / 2L) << 33 : i / 2 + random.nextInt(2);
        // Never the last step, so that no algorithm can stop early: each reads the whole group.
        masks[i] = random.nextInt(4) == 0 ? random.nextInt(1 << (steps - 1)) : 1 << random.nextInt(steps - 1);
        cycle[i] = 1 << (i % steps);
      }
      final long[] cycleTs = new long[n];
      for (int i = 0; i < n; i++) {
        cycleTs[i] = far ? (long) i << 33 : i;
      }
      final Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Collections.shuffle(Arrays.asList(order), random);
      for (WindowFunnelSpec spec : specs) {
        final WindowFunnelSpec wide = far ? spec(spec.dialect(), modeIndex(spec), steps, Long.MAX_VALUE) : spec;
        final WindowFunnelAccumulator shuffled = new WindowFunnelAccumulator(wide);
        final WindowFunnelAccumulator inOrder = new WindowFunnelAccumulator(wide);
        final WindowFunnelAccumulator cycled = new WindowFunnelAccumulator(wide);
        for (int i = 0; i < n; i++) {
          shuffled.add(ts[order[i]], masks[order[i]]);
          inOrder.add(ts[i], masks[i]);
          cycled.add(cycleTs[order[i]], cycle[order[i]]);
        }
        final int level = shuffled.level();
        assertTrue(level >= 1 && level < steps, wide + " far=" + far);
        assertEquals(level, inOrder.level(), wide + " far=" + far);
        assertEquals(steps, cycled.level(), wide + " far=" + far);
      }
    }
    System.out.printf("WindowFunnelRandomizedTest: %d groups of %d rows in %d ms%n", 2 * specs.size(), n,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static int modeIndex(WindowFunnelSpec spec) {
    return spec.dialect() == WindowFunnelSpec.Dialect.DORIS ? Arrays.asList(DORIS_MODES).indexOf(spec.modeName())
        : spec.modeBits();
  }

  @Test void rerunOneCase() {
    // Handy for debugging a failure: paste its seed, dialect and mode here.
    runCase(BASE_SEED, WindowFunnelSpec.Dialect.DORIS, 1);
  }

  private static WindowFunnelSpec spec(WindowFunnelSpec.Dialect dialect, int mode, int steps, long window) {
    return dialect == WindowFunnelSpec.Dialect.DORIS ? WindowFunnelSpec.doris(steps, window, DORIS_MODES[mode])
        : WindowFunnelSpec.starRocks(steps, window, mode);
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

  /**
   * Runs one random case; {@code mode} is an index into the Doris modes or the StarRocks mode bits. Doris
   * {@code default} and {@code increase} are brute-forced by enumerating chains, so their groups stay small.
   */
  static Outcome runCase(long seed, WindowFunnelSpec.Dialect dialect, int mode) {
    final Random random = new Random(seed);
    final boolean enumerates = dialect == WindowFunnelSpec.Dialect.DORIS && (mode == 0 || mode == 3);
    final boolean big = !enumerates && random.nextInt(8) == 0;
    final int steps = random.nextInt(40) == 0 ? 32 : random.nextInt(10) == 0 ? 6 + random.nextInt(3)
        : 1 + random.nextInt(5);
    final int n = big ? 20 + random.nextInt(60) : random.nextInt(14);
    final long span = big ? new long[] {10, 30, 100}[random.nextInt(3)]
        : new long[] {0, 1, 2, 3, 4, 6, 10, 30}[random.nextInt(8)];
    final long base = new long[] {0, 0, 0, -7, -1_000_003, 1_700_000_000L, Long.MAX_VALUE - 40, Long.MIN_VALUE,
        Long.MIN_VALUE + 3}[random.nextInt(9)];
    final boolean wide = random.nextInt(12) == 0; // times far apart: more than 2^32 between some rows
    // Steady times: about one row per tick, few ties, so that increase completes funnels too.
    final boolean increase = dialect == WindowFunnelSpec.Dialect.DORIS ? mode == 3 : (mode & 4) != 0;
    final boolean steady = !wide && random.nextInt(increase ? 2 : 5) == 0;
    final long extent = steady ? n + 1 : span;
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
    final boolean junk = random.nextInt(6) == 0; // bits beyond the steps, which must be ignored
    for (int i = 0; i < n; i++) {
      ts[i] = wide ? new long[] {Long.MIN_VALUE, -5_000_000_000L, -1, 0, 1, 7_000_000_000L, Long.MAX_VALUE - 1,
          Long.MAX_VALUE}[random.nextInt(8)] : steady ? base + i + random.nextInt(2)
          : base + (span == 0 ? 0 : random.nextInt((int) span + 1));
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
          case 3: // runs of consecutive steps, as with overlapping conditions
            mask = run(steps, random.nextInt(steps), random);
            break;
          default: // a progressing user: later rows tend to match later steps, in short runs
            mask = run(steps, Math.max(0, Math.min(steps - 1, i * steps / n + random.nextInt(3) - 1)), random);
            break;
        }
      }
      if (junk && steps < 32) {
        mask |= random.nextInt() & ~full;
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
      case 2: // exactly a gap between two rows (if it fits a long)
        final long gap = n < 2 ? 1 : ts[random.nextInt(n)] - ts[random.nextInt(n)];
        window = gap == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(gap);
        break;
      default:
        window = random.nextInt((int) extent + 2);
        break;
    }
    final WindowFunnelSpec spec = spec(dialect, mode, steps, window);
    final long[][] rows = new long[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new long[] {ts[i], masks[i]};
    }
    final String what = "seed=" + seed + "L, " + spec + ", steps=" + steps + ", window=" + window + ", rows="
        + describe(rows);
    final int expected = WindowFunnelBruteForce.evaluate(spec, ts, masks);
    // The plain mode's answer, only for the statistics: from the accumulator, which the plain mode's own cases check
    // (brute-forcing Doris default would take exponential time on the big groups of the other modes).
    final WindowFunnelAccumulator plainAcc = new WindowFunnelAccumulator(spec(dialect, 0, steps, window));
    for (int i = 0; i < n; i++) {
      plainAcc.add(ts[i], masks[i]);
    }
    final int plain = plainAcc.level();

    // Shuffled input.
    final List<long[]> shuffled = new ArrayList<>(Arrays.asList(rows));
    Collections.shuffle(shuffled, random);
    final WindowFunnelAccumulator acc = new WindowFunnelAccumulator(spec);
    for (long[] r : shuffled) {
      acc.add(r[0], (int) r[1]);
    }
    assertEquals(expected, acc.level(), "shuffled, " + what);
    assertEquals(expected, acc.level(), "asked twice, " + what);

    // Reused after reset, another shuffle, with a query after a random prefix.
    acc.reset();
    assertEquals(0, acc.level(), "after reset, " + what);
    Collections.shuffle(shuffled, random);
    final int prefix = n == 0 ? 0 : random.nextInt(n + 1);
    for (int i = 0; i < n; i++) {
      if (i == prefix) {
        final long[] prefixTs = new long[prefix];
        final int[] prefixMasks = new int[prefix];
        for (int j = 0; j < prefix; j++) {
          prefixTs[j] = shuffled.get(j)[0];
          prefixMasks[j] = (int) shuffled.get(j)[1];
        }
        assertEquals(WindowFunnelBruteForce.evaluate(spec, prefixTs, prefixMasks), acc.level(),
            "after " + prefix + " rows, " + what);
      }
      acc.add(shuffled.get(i)[0], (int) shuffled.get(i)[1]);
    }
    assertEquals(expected, acc.level(), "reshuffled after reset, " + what);

    // Sorted input (no sort needed) in a fresh accumulator.
    final WindowFunnelAccumulator fresh = new WindowFunnelAccumulator(spec);
    for (long[] r : rows) {
      fresh.add(r[0], (int) r[1]);
    }
    assertEquals(expected, fresh.level(), "time order, " + what);
    return new Outcome(steps, expected, plain);
  }

  private static String describe(long[][] rows) {
    final StringBuilder sb = new StringBuilder("[");
    for (long[] r : rows) {
      sb.append(sb.length() > 1 ? ", " : "").append(r[0]).append(':').append(Integer.toBinaryString((int) r[1]));
    }
    return sb.append(']').toString();
  }
}
