package dev.funnelsql.functions.funnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Test helper: runs one funnel through every implementation and asserts they agree with the expected answer. */
final class FunnelCheck {
  private FunnelCheck() {
  }

  /** A row: time and condition letters, 'A' = step 1 ... ("" = matches no step). */
  static long[] row(long ts, String letters) {
    int mask = 0;
    for (char c : letters.toCharArray()) {
      mask |= 1 << (Character.toUpperCase(c) - 'A');
    }
    return new long[] {ts, mask};
  }

  /** Rows at times 0, 1, 2, ... from words of letters separated by blanks ("-" = matches no step). */
  static long[][] sequence(String words) {
    final String[] parts = words.trim().split("\\s+");
    final long[][] rows = new long[parts.length][];
    for (int i = 0; i < parts.length; i++) {
      rows[i] = row(i, parts[i].equals("-") ? "" : parts[i]);
    }
    return rows;
  }

  static FunnelSpec spec(int steps, long window, String modes) {
    return FunnelSpec.of(steps, window, FunnelSpec.parseModes(modes));
  }

  /**
   * Asserts the level (and, if {@code expectedTimes} is not null, the times) of a funnel, computed by the brute
   * force, the accumulator (several input orders) and the state machine (sorted input, with and without tracking).
   */
  static void check(FunnelSpec spec, int expectedLevel, long[] expectedTimes, long[]... rows) {
    final String what = spec + " rows=" + describe(rows);
    final long[] ts = new long[rows.length];
    final int[] masks = new int[rows.length];
    for (int i = 0; i < rows.length; i++) {
      ts[i] = rows[i][0];
      masks[i] = (int) rows[i][1];
    }
    final FunnelBruteForce.Result brute = FunnelBruteForce.evaluate(spec, ts, masks);
    assertEquals(expectedLevel, brute.level, "brute force level, " + what);
    if (expectedTimes != null) {
      assertArrayEquals(expectedTimes, brute.times, "brute force times, " + what);
    }
    final Random random = new Random(42);
    final List<long[]> order = new ArrayList<>(Arrays.asList(rows));
    for (int round = 0; round < 4; round++) {
      if (round == 1) {
        Collections.reverse(order);
      } else if (round > 1) {
        Collections.shuffle(order, random);
      }
      final FunnelAccumulator acc = new FunnelAccumulator(spec);
      for (long[] r : order) {
        acc.add(r[0], (int) r[1]);
      }
      assertEquals(expectedLevel, acc.level(), "accumulator level, " + what);
      assertArrayEquals(padded(spec, brute), acc.times(), "accumulator times, " + what);
    }
    order.sort((a, b) -> Long.compare(a[0], b[0]));
    for (boolean track : new boolean[] {false, true}) {
      final FunnelStateMachine machine = new FunnelStateMachine(spec, track);
      for (long[] r : order) {
        machine.accept(r[0], (int) r[1]);
      }
      assertEquals(expectedLevel, machine.level(), "state machine level, " + what);
      if (track) {
        final long[] out = new long[spec.steps()];
        assertEquals(expectedLevel > 0, machine.chainTimes(out), what);
        assertArrayEquals(brute.times, Arrays.copyOf(out, expectedLevel), "state machine times, " + what);
      }
    }
  }

  static long[] padded(FunnelSpec spec, FunnelBruteForce.Result result) {
    final long[] out = new long[spec.steps()];
    Arrays.fill(out, FunnelAccumulator.NOT_REACHED);
    System.arraycopy(result.times, 0, out, 0, result.level);
    return out;
  }

  static String describe(long[][] rows) {
    final StringBuilder sb = new StringBuilder("[");
    for (long[] r : rows) {
      sb.append(sb.length() > 1 ? ", " : "").append(r[0]).append(':');
      final int mask = (int) r[1];
      if (mask == 0) {
        sb.append('-');
      }
      for (int k = 0; k < 32; k++) {
        if ((mask & (1 << k)) != 0) {
          sb.append((char) ('A' + k));
        }
      }
    }
    return sb.append(']').toString();
  }
}
