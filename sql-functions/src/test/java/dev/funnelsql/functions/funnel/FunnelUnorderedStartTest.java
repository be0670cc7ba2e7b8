package dev.funnelsql.functions.funnel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An {@code unordered} funnel whose rows may or may not start a chain (a date scope: only the rows in its range start
 * one, later rows still count as steps) agrees with brute force on thousands of random groups: ties on equal
 * timestamps, repeated steps, rows that may not start at the window's edges, unsorted input, groups where no row may
 * start. Brute force: for each time {@code s} of a step row that may start, the instance is the step rows in {@code
 * [s, s + window]}; the level is the most distinct steps of an instance, the chain the first appearances in the
 * earliest instance of that level.
 */
class FunnelUnorderedStartTest {
  private static final int CASES = 5000;

  private record Row(long ts, int mask, boolean mayStart) {
  }

  @Test
  void onlyRowsThatMayStartBeginAnInstance() {
    int restricted = 0;
    for (int c = 0; c < CASES; c++) {
      final SplittableRandom random = new SplittableRandom(77_000L + c);
      final int steps = 2 + random.nextInt(4);
      final long window = random.nextInt(12);
      final List<Row> rows = new ArrayList<>();
      final int count = random.nextInt(14);
      final long cut = random.nextInt(20);
      for (int i = 0; i < count; i++) {
        final long ts = random.nextInt(24);
        final int mask = random.nextInt(5) == 0 ? (1 << random.nextInt(steps)) | (1 << random.nextInt(steps))
            : 1 << random.nextInt(steps);
        // A date scope: rows up to the cut may start, later ones may not (and a few random ones).
        rows.add(new Row(ts, mask, ts <= cut && random.nextInt(6) != 0));
      }
      final FunnelSpec spec = FunnelSpec.of(steps, window, EnumSet.of(FunnelMode.UNORDERED));
      final FunnelAccumulator accumulator = new FunnelAccumulator(spec);
      for (Row row : rows) {
        accumulator.add(row.ts(), row.mask(), row.mayStart());
      }
      final long[] expected = bruteForce(rows, window);
      final String where = "case " + c + ": " + rows + ", window " + window;
      assertEquals(expected.length, accumulator.level(), where);
      assertArrayEquals(expected, Arrays.copyOf(accumulator.times(), expected.length), where);
      rows.sort((a, b) -> Long.compare(a.ts(), b.ts()));
      final FunnelStateMachine machine = new FunnelStateMachine(spec, true);
      rows.forEach(row -> machine.accept(row.ts(), row.mask(), row.mayStart()));
      final long[] chain = new long[steps];
      machine.chainTimes(chain);
      assertEquals(expected.length, machine.level(), where + " (machine)");
      assertArrayEquals(expected, Arrays.copyOf(chain, expected.length), where + " (machine)");
      if (rows.stream().anyMatch(row -> !row.mayStart())) {
        restricted++;
      }
    }
    assertTrue(restricted > CASES / 2, "groups with rows that may not start: " + restricted);
  }

  private static long[] bruteForce(List<Row> rows, long window) {
    final List<Row> sorted = new ArrayList<>(rows);
    sorted.sort((a, b) -> Long.compare(a.ts(), b.ts()));
    long[] best = new long[0];
    for (Row start : sorted) {
      if (!start.mayStart()) {
        continue;
      }
      final long s = start.ts();
      final Set<Integer> seen = new HashSet<>();
      final List<Long> times = new ArrayList<>();
      for (Row row : sorted) {
        if (row.ts() >= s && row.ts() - s <= window) {
          for (int k = 0; k < 32; k++) {
            if ((row.mask() >>> k & 1) != 0 && seen.add(k)) {
              times.add(row.ts());
            }
          }
        }
      }
      if (times.size() > best.length) {
        best = times.stream().mapToLong(Long::longValue).toArray();
      }
    }
    return best;
  }
}
