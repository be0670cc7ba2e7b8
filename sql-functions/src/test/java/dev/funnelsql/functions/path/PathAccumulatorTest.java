package dev.funnelsql.functions.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked examples of each rule of the path definition and of the table. */
class PathAccumulatorTest {

  private static final boolean S = true;
  private static final boolean E = true;
  private static final boolean NO = false;

  @Test
  void labelsAndFirstStepsNodes() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(3, true, 10, false, false));
    // cut to the first 3 nodes: a, b, c (d is dropped)
    acc.add(1, "a", NO, NO);
    acc.add(2, "b", NO, NO);
    acc.add(3, "c", NO, NO);
    acc.add(4, "d", NO, NO);
    acc.endOwner();
    acc.add(1, "a", NO, NO);
    acc.add(2, "c", NO, NO);
    acc.endOwner();
    assertEquals(2, acc.owners());
    assertEquals(List.of(
        edge(1, "1. a", "2. b", 1, 2),
        edge(1, "1. a", "2. c", 1, 2),
        edge(2, "2. b", "3. c", 1, 2)), acc.edges());
    assertEquals("2. checkout_started", PathAccumulator.label(2, "checkout_started"));
    assertEquals("PathEdge[depth=1, 1. a -> 2. b, users=1, shareOfStart=0.5]", acc.edges().get(0).toString());
  }

  @Test
  void collapseMergesConsecutiveRepeats() {
    // a a b b a: collapsed a, b, a; not collapsed (first 3 rows) a, a, b
    assertEquals(List.of(edge(1, "1. a", "2. b", 1, 1), edge(2, "2. b", "3. a", 1, 1)),
        edgesOf(PathSpec.of(3, true, 10, false, false), "a", "a", "b", "b", "a"));
    assertEquals(List.of(edge(1, "1. a", "2. a", 1, 1), edge(2, "2. a", "3. b", 1, 1)),
        edgesOf(PathSpec.of(3, false, 10, false, false), "a", "a", "b", "b", "a"));
    // only consecutive repeats merge: a b a stays a b a
    assertEquals(3, edgesOf(PathSpec.of(5, true, 10, false, false), "a", "b", "a", "b").size());
  }

  @Test
  void collapsedNodeIsAStartIfAnyMergedRowIs() {
    PathSpec collapsed = PathSpec.of(5, true, 10, true, false);
    PathAccumulator acc = new PathAccumulator(collapsed);
    acc.add(0, "x", NO, NO);
    acc.add(1, "a", NO, NO);
    acc.add(2, "a", S, NO);
    acc.add(3, "b", NO, NO);
    acc.endOwner();
    // nodes x, a (start: its second row is), b: the path begins at the merged a
    assertEquals(List.of(edge(1, "1. a", "2. b", 1, 1)), acc.edges());

    PathAccumulator plain = new PathAccumulator(PathSpec.of(5, false, 10, true, false));
    plain.add(0, "x", NO, NO);
    plain.add(1, "a", NO, NO);
    plain.add(2, "a", S, NO);
    plain.add(3, "b", NO, NO);
    plain.endOwner();
    // without collapse the path begins at the start row itself (the second a)
    assertEquals(List.of(edge(1, "1. a", "2. b", 1, 1)), plain.edges());

    PathAccumulator ends = new PathAccumulator(PathSpec.of(5, true, 10, false, true));
    ends.add(1, "a", NO, NO);
    ends.add(2, "b", NO, E);
    ends.add(3, "b", NO, NO);
    ends.add(4, "c", NO, E);
    ends.endOwner();
    // the merged b is the first end node: the path is a, b
    assertEquals(List.of(edge(1, "1. a", "2. b", 1, 1)), ends.edges());
  }

  @Test
  void pathBeginsAtTheFirstStart() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(5, true, 10, true, false));
    acc.add(1, "a", NO, NO);
    acc.add(2, "b", S, NO);
    acc.add(3, "c", NO, NO);
    acc.add(4, "b", S, NO);
    acc.add(5, "d", NO, NO);
    acc.endOwner();
    // an owner without a start row has no path and is not counted
    acc.add(1, "a", NO, NO);
    acc.add(2, "b", NO, NO);
    acc.endOwner();
    assertEquals(1, acc.owners());
    assertEquals(List.of(
        edge(1, "1. b", "2. c", 1, 1),
        edge(2, "2. c", "3. b", 1, 1),
        edge(3, "3. b", "4. d", 1, 1)), acc.edges());
  }

  @Test
  void endOnlyGivesWhereTheyCameFrom() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(3, true, 10, false, true));
    // the last 3 nodes up to and including the first end: b, c, d
    acc.add(1, "a", NO, NO);
    acc.add(2, "b", NO, NO);
    acc.add(3, "c", NO, NO);
    acc.add(4, "d", NO, E);
    acc.add(5, "e", NO, NO);
    acc.add(6, "f", NO, E);
    acc.endOwner();
    // no end row: no path
    acc.add(1, "a", NO, NO);
    acc.add(2, "d", NO, NO);
    acc.endOwner();
    // the first row is the end: a path of one node, counted but without edges
    acc.add(1, "d", NO, E);
    acc.add(2, "a", NO, NO);
    acc.endOwner();
    // fewer nodes than steps before the end: c, d
    acc.add(1, "c", NO, NO);
    acc.add(2, "d", NO, E);
    acc.endOwner();
    assertEquals(3, acc.owners());
    assertEquals(List.of(
        edge(1, "1. b", "2. c", 1, 3),
        edge(1, "1. c", "2. d", 1, 3),
        edge(2, "2. c", "3. d", 1, 3)), acc.edges());
  }

  @Test
  void startAndEndMustFitInSteps() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(3, true, 10, true, true));
    // start b, end d, 3 nodes: fits
    acc.add(1, "a", NO, NO);
    acc.add(2, "b", S, NO);
    acc.add(3, "c", NO, NO);
    acc.add(4, "d", NO, E);
    acc.endOwner();
    // start b, end e is the 4th node: the end is not reached within 3 nodes, no path
    acc.add(2, "b", S, NO);
    acc.add(3, "c", NO, NO);
    acc.add(4, "d", NO, NO);
    acc.add(5, "e", NO, E);
    acc.endOwner();
    // an end before the start does not count; the end after it does: b, c
    acc.add(1, "a", NO, E);
    acc.add(2, "b", S, NO);
    acc.add(3, "c", NO, E);
    acc.endOwner();
    // a later start is not tried when the first start's end is too far
    acc.add(1, "b", S, NO);
    acc.add(2, "x", NO, NO);
    acc.add(3, "y", NO, NO);
    acc.add(4, "b", S, NO);
    acc.add(5, "c", NO, E);
    acc.endOwner();
    // the start row is also the end: a path of one node
    acc.add(1, "z", S, E);
    acc.add(2, "c", NO, E);
    acc.endOwner();
    assertEquals(3, acc.owners());
    assertEquals(List.of(
        edge(1, "1. b", "2. c", 2, 3),
        edge(2, "2. c", "3. d", 1, 3)), acc.edges());
  }

  @Test
  void topNodesPerDepthAndOther() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(2, true, 1, false, false));
    String[][] paths = {{"a", "x"}, {"a", "y"}, {"b", "x"}, {"c", "y"}, {"a", "x"}};
    for (String[] p : paths) {
      acc.add(1, p[0], NO, NO);
      acc.add(2, p[1], NO, NO);
      acc.endOwner();
    }
    // depth 1: a (3) is kept, b and c become other; depth 2: x (3) is kept, y (2) becomes other
    assertEquals(5, acc.owners());
    assertEquals(List.of(
        edge(1, "1. a", "2. x", 2, 5),
        edge(1, "1. a", "2. other", 1, 5),
        edge(1, "1. other", "2. other", 1, 5),
        edge(1, "1. other", "2. x", 1, 5)), acc.edges());
  }

  @Test
  void topTiesAreBrokenByCodePointOrder() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(2, true, 1, false, false));
    feedPath(acc, "b", "x");
    feedPath(acc, "a", "x");
    assertEquals(List.of(edge(1, "1. a", "2. x", 1, 2), edge(1, "1. other", "2. x", 1, 2)), acc.edges());

    // U+FF21 sorts before U+1F600 by code point, though after it in UTF-16 (String.compareTo) order
    PathAccumulator exotic = new PathAccumulator(PathSpec.of(2, true, 1, false, false));
    String emoji = "\uD83D\uDE00";
    String wide = "\uFF21";
    assertTrue(emoji.compareTo(wide) < 0);
    feedPath(exotic, emoji, "x");
    feedPath(exotic, wide, "x");
    // the kept node is the wide A; rows are then ordered by source ("1. other" before "1. \uFF21")
    assertEquals(List.of(edge(1, "1. other", "2. x", 1, 2), edge(1, "1. " + wide, "2. x", 1, 2)),
        exotic.edges());
  }

  @Test
  void aRealNodeNamedOtherSharesTheBucketLabel() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(2, true, 1, false, false));
    feedPath(acc, "other", "x");
    feedPath(acc, "other", "x");
    feedPath(acc, "b", "x");
    // "other" is the top node of depth 1 and b is renamed to other: one edge of 3 owners
    assertEquals(List.of(edge(1, "1. other", "2. x", 3, 3)), acc.edges());
  }

  @Test
  void shareOfStartDividesByOwnersWithAPath() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(2, true, 10, true, false));
    for (int i = 0; i < 3; i++) {
      acc.add(1, "a", S, NO);
      acc.add(2, "b", NO, NO);
      acc.endOwner();
    }
    acc.add(1, "a", S, NO);
    acc.endOwner();
    acc.add(1, "a", NO, NO);
    acc.add(2, "b", NO, NO);
    acc.endOwner();
    assertEquals(4, acc.owners());
    assertEquals(List.of(edge(1, "1. a", "2. b", 3, 4)), acc.edges());
    assertEquals(0.75, acc.edges().get(0).shareOfStart());
  }

  @Test
  void rowsOrderByTimeThenNodeThenFlags() {
    PathSpec spec = PathSpec.of(5, false, 10, true, true);
    // equal times: a before b; negative times first
    PathAccumulator acc = new PathAccumulator(PathSpec.of(5, true, 10, false, false));
    acc.add(1, "b", NO, NO);
    acc.add(1, "a", NO, NO);
    acc.add(-5, "z", NO, NO);
    acc.endOwner();
    assertEquals(List.of(edge(1, "1. z", "2. a", 1, 1), edge(2, "2. a", "3. b", 1, 1)), acc.edges());

    // identical twins: the start row sorts first and the end row last, so the twins stay inside the path
    PathAccumulator twins = new PathAccumulator(spec);
    twins.add(2, "b", NO, NO);
    twins.add(2, "b", NO, E);
    twins.add(1, "a", NO, NO);
    twins.add(1, "a", S, NO);
    twins.endOwner();
    assertEquals(List.of(
        edge(1, "1. a", "2. a", 1, 1),
        edge(2, "2. a", "3. b", 1, 1),
        edge(3, "3. b", "4. b", 1, 1)), twins.edges());
  }

  @Test
  void edgesAreSortedByDepthUsersSourceTarget() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(3, true, 10, false, false));
    feedPath(acc, "b", "c", "d");
    feedPath(acc, "a", "c", "e");
    feedPath(acc, "b", "c", "e");
    feedPath(acc, "b", "a");
    assertEquals(List.of(
        edge(1, "1. b", "2. c", 2, 4),
        edge(1, "1. a", "2. c", 1, 4),
        edge(1, "1. b", "2. a", 1, 4),
        edge(2, "2. c", "3. e", 2, 4),
        edge(2, "2. c", "3. d", 1, 4)), acc.edges());

    // sources in code point order: U+FF21 before U+1F600 (String.compareTo would put the emoji first)
    PathAccumulator exotic = new PathAccumulator(PathSpec.of(2, true, 10, false, false));
    feedPath(exotic, "\uD83D\uDE00", "x");
    feedPath(exotic, "\uFF21", "x");
    assertEquals(List.of(edge(1, "1. \uFF21", "2. x", 1, 2), edge(1, "1. \uD83D\uDE00", "2. x", 1, 2)),
        exotic.edges());
  }

  @Test
  void emptyOwnersResetAndNullNodes() {
    PathAccumulator acc = new PathAccumulator(PathSpec.of(true, false));
    acc.endOwner();
    assertEquals(0, acc.owners());
    assertEquals(List.of(), acc.edges());
    // rows not closed by endOwner are not counted yet
    acc.add(1, "a", S, NO);
    acc.add(2, "b", NO, NO);
    assertEquals(List.of(), acc.edges());
    acc.endOwner();
    assertEquals(List.of(edge(1, "1. a", "2. b", 1, 1)), acc.edges());
    acc.add(1, "q", S, NO);
    acc.reset();
    acc.add(1, "c", S, NO);
    acc.add(2, "d", NO, NO);
    acc.endOwner();
    assertEquals(1, acc.owners());
    assertEquals(List.of(edge(1, "1. c", "2. d", 1, 1)), acc.edges());
    assertThrows(NullPointerException.class, () -> acc.add(1, null, NO, NO));
    assertThrows(UnsupportedOperationException.class, () -> acc.edges().clear());
  }

  private static List<PathEdge> edgesOf(PathSpec spec, String... nodes) {
    PathAccumulator acc = new PathAccumulator(spec);
    feedPath(acc, nodes);
    return acc.edges();
  }

  /** Adds one owner whose rows are the nodes at times 1, 2, ... (added in reverse) and closes it. */
  private static void feedPath(PathAccumulator acc, String... nodes) {
    for (int i = nodes.length - 1; i >= 0; i--) {
      acc.add(i + 1, nodes[i], NO, NO);
    }
    acc.endOwner();
  }

  private static PathEdge edge(int depth, String source, String target, long users, long owners) {
    return new PathEdge(source, target, depth, users, users / (double) owners);
  }
}
