package dev.funnelsql.functions.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.functions.path.PathBruteForce.Outcome;
import dev.funnelsql.functions.path.PathBruteForce.Row;
import dev.funnelsql.functions.path.PathBruteForce.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Compares PathAccumulator with PathBruteForce on random stores of owners, every spec combination, any row order. */
class PathRandomizedTest {

  private static final String[] PLAIN = {"a", "b", "c", "d", "e"};
  /** Code point order differs from UTF-16 order between U+FF21 and U+1F600; "other" collides with the bucket. */
  private static final String[] EXOTIC = {"\uFF21", "\uD83D\uDE00", "other", "", "ab"};

  @Test
  void smallStoresAgreeWithBruteForce() {
    Stats stats = runRandom(0x9A7_0001L, 16_000, 0, 30);
    assertCovered(stats);
  }

  /** Owners of 25 to 200 rows: unsorted rows go through the merge passes of the index sort. */
  @Test
  void largerOwnersAgreeWithBruteForce() {
    Stats stats = runRandom(0x9A7_0002L, 1_600, 25, 200);
    assertTrue(stats.owners > 5_000, stats.toString());
    assertTrue(stats.cut > stats.owners / 10, stats.toString());
  }

  /** Many owners and distinct nodes (the count maps grow and rehash) and one owner of 200,000 shuffled rows. */
  @Test
  void largeStoreAgreesWithBruteForce() {
    Random r = new Random(0x9A7_0003L);
    PathSpec spec = PathSpec.of(20, true, 1000, true, false);
    List<List<Row>> store = new ArrayList<>();
    for (int o = 0; o < 40_000; o++) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        rows.add(new Row(r.nextInt(1000), "n" + r.nextInt(r.nextBoolean() ? 20 : 3000), r.nextInt(4) == 0, false));
      }
      store.add(rows);
    }
    List<Row> big = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      big.add(new Row(r.nextLong(), "n" + r.nextInt(50), r.nextInt(1000) == 0, false));
    }
    store.add(big);
    Table expected = PathBruteForce.table(spec, store);
    PathAccumulator acc = new PathAccumulator(spec);
    long t0 = System.nanoTime();
    feed(acc, store, r, false);
    List<PathEdge> edges = acc.edges();
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(expected.owners(), acc.owners());
    assertEquals(expected.edges(), edges);
    assertTrue(edges.size() > 10_000, "edges " + edges.size());
    assertTrue(edges.stream().anyMatch(e -> e.target().endsWith(". other")));
    assertTrue(millis < 20_000, "took " + millis + " ms");
  }

  /**
   * Per group (a user's sessions, the user counted once): random groups of 1 to 4 owners, few nodes kept per depth so
   * that the renaming to "other" merges two edges of one group, groups and rows in any order, against the brute force.
   */
  @Test
  void groupsOfOwnersAgreeWithBruteForce() {
    Random master = new Random(0x9A7_0004L);
    int merged = 0;
    int severalPaths = 0;
    for (int s = 0; s < 4_000; s++) {
      long caseSeed = master.nextLong();
      Random r = new Random(caseSeed);
      int combo = s % 8;
      PathSpec spec = PathSpec.of(2 + r.nextInt(4), (combo & 4) != 0, 1 + r.nextInt(3), (combo & 1) != 0,
          (combo & 2) != 0);
      List<String> pool = new ArrayList<>(Arrays.asList(PLAIN).subList(0, 2 + r.nextInt(4)));
      List<List<List<Row>>> groups = new ArrayList<>();
      for (int g = 1 + r.nextInt(10); g > 0; g--) {
        List<List<Row>> owners = new ArrayList<>();
        for (int o = 1 + r.nextInt(4); o > 0; o--) {
          List<Row> rows = new ArrayList<>();
          for (int i = r.nextInt(8); i > 0; i--) {
            rows.add(new Row(r.nextInt(6), pool.get(r.nextInt(pool.size())), r.nextInt(4) == 0, r.nextInt(4) == 0));
          }
          owners.add(rows);
        }
        groups.add(owners);
      }
      Table expected = PathBruteForce.groupedTable(spec, groups);
      PathAccumulator acc = PathAccumulator.perGroup(spec);
      List<List<List<Row>>> order = new ArrayList<>(groups);
      Collections.shuffle(order, r);
      for (List<List<Row>> owners : order) {
        List<List<Row>> sessions = new ArrayList<>(owners);
        Collections.shuffle(sessions, r);
        int withPath = 0;
        for (List<Row> rows : sessions) {
          List<Row> shuffled = new ArrayList<>(rows);
          Collections.shuffle(shuffled, r);
          shuffled.forEach(row -> acc.add(row.ts(), row.node(), row.start(), row.end()));
          acc.endOwner();
          withPath += PathBruteForce.path(spec, rows).nodes() == null ? 0 : 1;
        }
        acc.endGroup();
        severalPaths += withPath > 1 ? 1 : 0;
      }
      String where = "case seed " + caseSeed + ", " + spec + ", groups " + groups;
      assertEquals(expected.owners(), acc.owners(), where);
      assertEquals(expected.edges(), acc.edges(), where);
      // The same owners each counted on their own: where the two differ, a group's paths shared a counted edge.
      List<List<Row>> flat = new ArrayList<>();
      groups.forEach(flat::addAll);
      long summed = PathBruteForce.table(spec, flat).edges().stream().mapToLong(PathEdge::users).sum();
      merged += summed > expected.edges().stream().mapToLong(PathEdge::users).sum() ? 1 : 0;
    }
    assertTrue(severalPaths > 2_000, "groups with several paths: " + severalPaths);
    assertTrue(merged > 1_000, "stores where a group's paths shared an edge: " + merged);
  }

  @Test
  void endGroupNeedsAnAccumulatorOfGroups() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(false, false));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, acc::endGroup);
  }

  private static void assertCovered(Stats stats) {
    // the generator must produce a healthy mix of outcomes, otherwise the comparison proves little
    long withPath = stats.owners - stats.noRows - stats.noStart - stats.noEnd - stats.endTooFar;
    assertTrue(withPath > stats.owners / 4, stats.toString());
    assertTrue(stats.noRows > stats.owners / 50, stats.toString());
    assertTrue(stats.noStart > stats.owners / 50, stats.toString());
    assertTrue(stats.noEnd > stats.owners / 50, stats.toString());
    assertTrue(stats.endTooFar > stats.owners / 100, stats.toString());
    assertTrue(stats.cut > stats.owners / 20, stats.toString());
    assertTrue(stats.withOther > stats.stores / 5, stats.toString());
    assertTrue(stats.storesWithoutOther > stats.stores / 10, stats.toString());
    assertTrue(stats.collapseChanged > stats.stores / 5, stats.toString());
    assertTrue(stats.topTies > stats.stores / 10, stats.toString());
    assertTrue(stats.sharedEdges > stats.stores / 5, stats.toString());
    assertTrue(stats.emptyTables > stats.stores / 50, stats.toString());
    for (int combo = 0; combo < 8; combo++) {
      assertTrue(stats.nonEmptyByCombo[combo] > stats.stores / 40, combo + ": " + stats);
    }
  }

  private static Stats runRandom(long seed, int stores, int minRows, int maxRows) {
    Random master = new Random(seed);
    Stats stats = new Stats();
    for (int s = 0; s < stores; s++) {
      runCase(seed, master.nextLong(), s % 8, minRows, maxRows, stats);
    }
    System.out.println("seed " + seed + ": " + stats);
    return stats;
  }

  private static void runCase(long seed, long caseSeed, int combo, int minRows, int maxRows, Stats stats) {
    Random r = new Random(caseSeed);
    boolean hasStart = (combo & 1) != 0;
    boolean hasEnd = (combo & 2) != 0;
    boolean collapse = (combo & 4) != 0;
    PathSpec spec = PathSpec.of(2 + r.nextInt(5), collapse, 1 + r.nextInt(4), hasStart, hasEnd);

    List<String> pool = new ArrayList<>(Arrays.asList(PLAIN).subList(0, 2 + r.nextInt(4)));
    if (r.nextInt(4) == 0) {
      pool.add(EXOTIC[r.nextInt(EXOTIC.length)]);
      pool.add(EXOTIC[r.nextInt(EXOTIC.length)]);
    }
    int owners = 1 + r.nextInt(12);
    int rowCap = minRows + r.nextInt(maxRows - minRows + 1);
    int timeRange = 1 + r.nextInt(r.nextBoolean() ? 4 : 40);
    double pStart = new double[] {0.03, 0.1, 0.3}[r.nextInt(3)];
    double pEnd = new double[] {0.03, 0.1, 0.3}[r.nextInt(3)];
    List<List<Row>> store = new ArrayList<>();
    for (int o = 0; o < owners; o++) {
      int n = r.nextInt(12) == 0 ? 0 : minRows + r.nextInt(rowCap - minRows + 1);
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // sticky nodes make consecutive repeats, so collapse has something to merge
        String node = i > 0 && r.nextInt(3) == 0 ? rows.get(i - 1).node() : pool.get(r.nextInt(pool.size()));
        long ts = r.nextInt(5) == 0 ? Long.MIN_VALUE + r.nextInt(3) : r.nextInt(timeRange) - 3;
        rows.add(new Row(ts, node, r.nextDouble() < pStart, r.nextDouble() < pEnd));
      }
      store.add(rows);
    }

    Table expected = PathBruteForce.table(spec, store);
    Supplier<String> where = () -> "seed " + seed + ", case seed " + caseSeed + ", " + spec + ", owners " + store;

    PathAccumulator acc = new PathAccumulator(spec);
    feed(acc, store, r);
    assertEquals(expected.owners(), acc.owners(), where);
    assertEquals(expected.edges(), acc.edges(), where);
    assertSame(acc.edges(), acc.edges(), where);

    // reuse after reset, with another order of owners and rows
    acc.reset();
    assertEquals(0, acc.owners());
    assertEquals(List.of(), acc.edges());
    feed(acc, store, r);
    assertEquals(expected.owners(), acc.owners(), () -> "after reset and shuffle: " + where.get());
    assertEquals(expected.edges(), acc.edges(), () -> "after reset and shuffle: " + where.get());

    // statistics
    stats.stores++;
    stats.owners += owners;
    Map<Integer, Map<String, Integer>> depthCounts = new HashMap<>();
    for (List<Row> rows : store) {
      PathBruteForce.OwnerPath p = PathBruteForce.path(spec, rows);
      switch (p.outcome()) {
        case NO_ROWS:
          stats.noRows++;
          break;
        case NO_START:
          stats.noStart++;
          break;
        case NO_END:
          stats.noEnd++;
          break;
        case END_TOO_FAR:
          stats.endTooFar++;
          break;
        case CUT_BY_STEPS:
          stats.cut++;
          break;
        default:
          break;
      }
      if (p.outcome() == Outcome.WHOLE || p.outcome() == Outcome.CUT_BY_STEPS) {
        for (int k = 0; k < p.nodes().size(); k++) {
          depthCounts.computeIfAbsent(k, x -> new HashMap<>()).merge(p.nodes().get(k), 1, Integer::sum);
        }
      }
    }
    for (Map<String, Integer> counts : depthCounts.values()) {
      List<Integer> c = new ArrayList<>(counts.values());
      c.sort(Collections.reverseOrder());
      if (c.size() > spec.top() && c.get(spec.top() - 1).equals(c.get(spec.top()))) {
        stats.topTies++;
        break;
      }
    }
    boolean other = expected.edges().stream().anyMatch(e -> e.source().endsWith(". other")
        || e.target().endsWith(". other"));
    stats.withOther += other ? 1 : 0;
    stats.storesWithoutOther += !other && !expected.edges().isEmpty() ? 1 : 0;
    stats.sharedEdges += expected.edges().stream().anyMatch(e -> e.users() > 1) ? 1 : 0;
    stats.emptyTables += expected.edges().isEmpty() ? 1 : 0;
    stats.nonEmptyByCombo[combo] += expected.edges().isEmpty() ? 0 : 1;
    PathSpec flipped = PathSpec.of(spec.steps(), !collapse, spec.top(), hasStart, hasEnd);
    stats.collapseChanged += PathBruteForce.table(flipped, store).equals(expected) ? 0 : 1;
  }

  private static void feed(PathAccumulator acc, List<List<Row>> store, Random r) {
    feed(acc, store, r, true);
  }

  /**
   * Feeds the owners in a random order, each owner's rows mostly shuffled, with stray endOwner calls and (if
   * {@code peek}) edges() calls in between, which must not disturb the counts.
   */
  private static void feed(PathAccumulator acc, List<List<Row>> store, Random r, boolean peek) {
    List<List<Row>> owners = new ArrayList<>(store);
    Collections.shuffle(owners, r);
    for (List<Row> rows : owners) {
      List<Row> shuffled = new ArrayList<>(rows);
      if (r.nextInt(4) != 0) {
        Collections.shuffle(shuffled, r);
      }
      for (Row row : shuffled) {
        acc.add(row.ts(), row.node(), row.start(), row.end());
      }
      acc.endOwner();
      if (r.nextInt(5) == 0) {
        acc.endOwner();
      }
      if (peek && r.nextInt(7) == 0) {
        acc.edges();
      }
    }
  }

  private static final class Stats {
    long stores;
    long owners;
    long noRows;
    long noStart;
    long noEnd;
    long endTooFar;
    long cut;
    long withOther;
    long storesWithoutOther;
    long collapseChanged;
    long topTies;
    long sharedEdges;
    long emptyTables;
    final long[] nonEmptyByCombo = new long[8];

    @Override
    public String toString() {
      return "stores " + stores + ", owners " + owners + ", no rows " + noRows + ", no start " + noStart
          + ", no end " + noEnd + ", end too far " + endTooFar + ", cut by steps " + cut + ", with other "
          + withOther + ", non-empty without other " + storesWithoutOther + ", collapse changed "
          + collapseChanged + ", top ties " + topTies + ", edges with users > 1 " + sharedEdges + ", empty tables "
          + emptyTables + ", non-empty by (collapse, end, start) " + Arrays.toString(nonEmptyByCombo);
    }
  }
}
