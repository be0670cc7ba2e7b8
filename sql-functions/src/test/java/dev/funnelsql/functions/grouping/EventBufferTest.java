package dev.funnelsql.functions.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventBufferTest {
  private record Row(int group, long time, int mask) {
  }

  /** The brute force: each group's accepted rows sorted by time, then mask as an unsigned number. */
  private static List<List<Row>> expected(List<Row> accepted, int groupCount) {
    final List<List<Row>> groups = new ArrayList<>();
    for (int g = 0; g < groupCount; g++) {
      groups.add(new ArrayList<>());
    }
    accepted.forEach(row -> groups.get(row.group()).add(row));
    groups.forEach(rows -> rows.sort(Comparator.comparingLong(Row::time)
        .thenComparing(row -> Integer.toUnsignedLong(row.mask()))));
    return groups;
  }

  private static boolean packable(long base, long time, int maskBits) {
    final BigInteger offset = BigInteger.valueOf(time).subtract(BigInteger.valueOf(base)).abs();
    return offset.compareTo(BigInteger.ONE.shiftLeft(62 - maskBits)) < 0;
  }

  @Test
  void groupsAndOrdersRowsLikeTheBruteForceOnRandomInput() {
    final Random random = new Random(7);
    for (int round = 0; round < 5_000; round++) {
      final int maskBits = random.nextInt(33);
      final int groupCount = 1 + random.nextInt(round % 50 == 0 ? 2_000 : 12);
      final int n = random.nextInt(round % 50 == 0 ? 20_000 : 80);
      final long origin = random.nextBoolean() ? 1_700_000_000_000L : random.nextLong();
      final int spread = 1 + random.nextInt(random.nextBoolean() ? 5 : 1_000_000);
      final EventBuffer buffer = new EventBuffer(maskBits);
      final List<Row> accepted = new ArrayList<>();
      Long base = null;
      for (int i = 0; i < n; i++) {
        final long time = random.nextInt(20) == 0 ? random.nextLong() : origin + random.nextInt(spread)
            - (spread / 3);
        final int fullMask = random.nextInt(4) == 0 ? 0 : random.nextInt();
        final int mask = maskBits == 32 ? fullMask : fullMask & ((1 << maskBits) - 1);
        final Row row = new Row(random.nextInt(groupCount), time, mask);
        if (base == null) {
          base = time;
        }
        final boolean fits = packable(base, time, maskBits);
        assertEquals(fits, buffer.add(row.group(), row.time(), fullMask), "row " + row + " base " + base);
        if (fits) {
          accepted.add(row);
        }
      }
      assertEquals(accepted.size(), buffer.size());
      final GroupedEvents grouped = buffer.groupBy(groupCount);
      assertEquals(0, buffer.size());
      assertEquals(accepted.size(), grouped.size());
      final List<List<Row>> expected = expected(accepted, groupCount);
      for (int g = 0; g < groupCount; g++) {
        grouped.sortGroup(g);
        final List<Row> actual = new ArrayList<>();
        for (int i = grouped.from(g); i < grouped.to(g); i++) {
          actual.add(new Row(g, grouped.time(i), grouped.mask(i)));
        }
        assertEquals(expected.get(g), actual, "group " + g + " of round " + round);
      }
    }
  }

  @Test
  void spansChunksWithoutLosingRows() {
    final EventBuffer buffer = new EventBuffer(4);
    final int n = 300_000;
    for (int i = 0; i < n; i++) {
      buffer.add(i % 7, n - i, i & 15);
    }
    final GroupedEvents grouped = buffer.groupBy(7);
    int total = 0;
    for (int g = 0; g < 7; g++) {
      grouped.sortGroup(g);
      for (int i = grouped.from(g) + 1; i < grouped.to(g); i++) {
        assertEquals(true, grouped.time(i - 1) <= grouped.time(i));
      }
      total += grouped.to(g) - grouped.from(g);
    }
    assertEquals(n, total);
  }

  private record ValuedRow(long time, int mask, int value) {
  }

  /** With values, rows keep their value ids through bucketing and sorting, ties in (time, mask) ordered by them. */
  @Test
  void carriesValueIdsWithTheirRows() {
    final Random random = new Random(9);
    for (int round = 0; round < 2_000; round++) {
      final int maskBits = 1 + random.nextInt(8);
      final int groupCount = 1 + random.nextInt(round % 50 == 0 ? 500 : 6);
      final int n = random.nextInt(round % 50 == 0 ? 20_000 : 120);
      final EventBuffer buffer = new EventBuffer(maskBits, true);
      final List<List<ValuedRow>> expected = new ArrayList<>();
      for (int g = 0; g < groupCount; g++) {
        expected.add(new ArrayList<>());
      }
      for (int i = 0; i < n; i++) {
        final int group = random.nextInt(groupCount);
        final ValuedRow row = new ValuedRow(1_700_000_000_000L + random.nextInt(1 + random.nextInt(50)),
            random.nextInt(1 << maskBits), random.nextInt(6) - 1);
        assertEquals(true, buffer.add(group, row.time(), row.mask(), row.value()));
        expected.get(group).add(row);
      }
      assertEquals(n * 28L, buffer.bytes());
      final GroupedEvents grouped = buffer.groupBy(groupCount);
      assertEquals(true, grouped.hasValues());
      for (int g = 0; g < groupCount; g++) {
        expected.get(g).sort(Comparator.comparingLong(ValuedRow::time).thenComparingInt(ValuedRow::mask)
            .thenComparingInt(ValuedRow::value));
        grouped.sortGroup(g);
        final List<ValuedRow> actual = new ArrayList<>();
        for (int i = grouped.from(g); i < grouped.to(g); i++) {
          actual.add(new ValuedRow(grouped.time(i), grouped.mask(i), grouped.value(i)));
        }
        assertEquals(expected.get(g), actual, "group " + g + " of round " + round);
      }
    }
  }

  @Test
  void refusesAnImpossibleMaskWidth() {
    assertThrows(IllegalArgumentException.class, () -> new EventBuffer(33));
  }
}
