package dev.funnelsql.functions.path;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An obviously-correct, slow reference for the paths table, written from the definition in PathAccumulator's
 * Javadoc without using the accumulator: every owner's full path is built as a list, then counted with plain maps.
 */
final class PathBruteForce {

  /** One input row of an owner. */
  record Row(long ts, String node, boolean start, boolean end) {
  }

  /** Why an owner has a path or not. */
  enum Outcome {
    NO_ROWS, NO_START, NO_END, END_TOO_FAR, CUT_BY_STEPS, WHOLE
  }

  /** The path of one owner (null if none) and how it came about. */
  record OwnerPath(List<String> nodes, Outcome outcome) {
  }

  /** The expected table. */
  record Table(long owners, List<PathEdge> edges) {
  }

  private PathBruteForce() {
  }

  /** Code point order, by comparing the arrays of code points. */
  static int compareCodePoints(String a, String b) {
    return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  private static final class Node {
    final String name;
    boolean start;
    boolean end;

    Node(String name, boolean start, boolean end) {
      this.name = name;
      this.start = start;
      this.end = end;
    }
  }

  static OwnerPath path(PathSpec spec, List<Row> input) {
    if (input.isEmpty()) {
      return new OwnerPath(null, Outcome.NO_ROWS);
    }
    List<Row> rows = new ArrayList<>();
    for (Row r : input) {
      rows.add(new Row(r.ts(), r.node(), spec.hasStart() && r.start(), spec.hasEnd() && r.end()));
    }
    rows.sort(Comparator.comparingLong(Row::ts)
        .thenComparing(Row::node, PathBruteForce::compareCodePoints)
        .thenComparing(r -> r.start() ? 0 : 1)
        .thenComparing(r -> r.end() ? 1 : 0));
    List<Node> nodes = new ArrayList<>();
    for (Row r : rows) {
      Node last = nodes.isEmpty() ? null : nodes.get(nodes.size() - 1);
      if (spec.collapse() && last != null && last.name.equals(r.node())) {
        last.start |= r.start();
        last.end |= r.end();
      } else {
        nodes.add(new Node(r.node(), r.start(), r.end()));
      }
    }
    int begin = 0;
    if (spec.hasStart()) {
      begin = -1;
      for (int i = 0; i < nodes.size() && begin < 0; i++) {
        if (nodes.get(i).start) {
          begin = i;
        }
      }
      if (begin < 0) {
        return new OwnerPath(null, Outcome.NO_START);
      }
    }
    List<Node> path;
    Outcome outcome;
    if (spec.hasEnd()) {
      int end = -1;
      for (int i = begin; i < nodes.size() && end < 0; i++) {
        if (nodes.get(i).end) {
          end = i;
        }
      }
      if (end < 0) {
        return new OwnerPath(null, Outcome.NO_END);
      }
      if (spec.hasStart()) {
        path = nodes.subList(begin, end + 1);
        if (path.size() > spec.steps()) {
          return new OwnerPath(null, Outcome.END_TOO_FAR);
        }
        outcome = Outcome.WHOLE;
      } else {
        List<Node> upToEnd = nodes.subList(0, end + 1);
        path = upToEnd.subList(Math.max(0, upToEnd.size() - spec.steps()), upToEnd.size());
        outcome = upToEnd.size() > spec.steps() ? Outcome.CUT_BY_STEPS : Outcome.WHOLE;
      }
    } else {
      List<Node> fromBegin = nodes.subList(begin, nodes.size());
      path = fromBegin.subList(0, Math.min(spec.steps(), fromBegin.size()));
      outcome = fromBegin.size() > spec.steps() ? Outcome.CUT_BY_STEPS : Outcome.WHOLE;
    }
    List<String> names = new ArrayList<>();
    for (Node n : path) {
      names.add(n.name);
    }
    return new OwnerPath(names, outcome);
  }

  static Table table(PathSpec spec, List<List<Row>> owners) {
    List<List<String>> paths = new ArrayList<>();
    for (List<Row> rows : owners) {
      List<String> p = path(spec, rows).nodes();
      if (p != null) {
        paths.add(p);
      }
    }
    // depth (from 1) -> node -> owners with that node at that depth
    Map<Integer, Map<String, Long>> counts = new TreeMap<>();
    for (List<String> p : paths) {
      for (int k = 1; k <= p.size(); k++) {
        counts.computeIfAbsent(k, x -> new HashMap<>()).merge(p.get(k - 1), 1L, Long::sum);
      }
    }
    Map<Integer, Set<String>> kept = new HashMap<>();
    for (Map.Entry<Integer, Map<String, Long>> e : counts.entrySet()) {
      List<Map.Entry<String, Long>> ranked = new ArrayList<>(e.getValue().entrySet());
      ranked.sort((x, y) -> x.getValue().equals(y.getValue())
          ? compareCodePoints(x.getKey(), y.getKey()) : Long.compare(y.getValue(), x.getValue()));
      Set<String> keep = new HashSet<>();
      for (int i = 0; i < Math.min(spec.top(), ranked.size()); i++) {
        keep.add(ranked.get(i).getKey());
      }
      kept.put(e.getKey(), keep);
    }
    // (depth, source label, target label) -> the owners (by index) whose labelled path has the edge
    Map<List<Object>, Set<Integer>> edgeOwners = new HashMap<>();
    for (int o = 0; o < paths.size(); o++) {
      List<String> p = paths.get(o);
      List<String> labels = new ArrayList<>();
      for (int k = 1; k <= p.size(); k++) {
        String name = kept.get(k).contains(p.get(k - 1)) ? p.get(k - 1) : "other";
        labels.add(k + ". " + name);
      }
      for (int k = 1; k < labels.size(); k++) {
        edgeOwners.computeIfAbsent(List.of(k, labels.get(k - 1), labels.get(k)), x -> new HashSet<>()).add(o);
      }
    }
    List<PathEdge> edges = new ArrayList<>();
    for (Map.Entry<List<Object>, Set<Integer>> e : edgeOwners.entrySet()) {
      long users = e.getValue().size();
      edges.add(new PathEdge((String) e.getKey().get(1), (String) e.getKey().get(2), (Integer) e.getKey().get(0),
          users, users / (double) paths.size()));
    }
    edges.sort(Comparator.comparingInt(PathEdge::depth)
        .thenComparing(PathEdge::users, Comparator.reverseOrder())
        .thenComparing(PathEdge::source, PathBruteForce::compareCodePoints)
        .thenComparing(PathEdge::target, PathBruteForce::compareCodePoints));
    return new Table(paths.size(), edges);
  }

  /**
   * The table of groups of owners (each user's sessions), from the definition of {@link PathAccumulator#perGroup}:
   * every owner's path built as above, and every count a set of groups.
   */
  static Table groupedTable(PathSpec spec, List<List<List<Row>>> groups) {
    // the paths of each group with at least one
    List<List<List<String>>> grouped = new ArrayList<>();
    for (List<List<Row>> owners : groups) {
      List<List<String>> paths = new ArrayList<>();
      for (List<Row> rows : owners) {
        List<String> p = path(spec, rows).nodes();
        if (p != null) {
          paths.add(p);
        }
      }
      if (!paths.isEmpty()) {
        grouped.add(paths);
      }
    }
    // depth (from 1) -> node -> the groups (by index) with that node at that depth in one of their paths
    Map<Integer, Map<String, Set<Integer>>> holders = new TreeMap<>();
    for (int g = 0; g < grouped.size(); g++) {
      for (List<String> p : grouped.get(g)) {
        for (int k = 1; k <= p.size(); k++) {
          holders.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(p.get(k - 1), x -> new HashSet<>())
              .add(g);
        }
      }
    }
    Map<Integer, Set<String>> kept = new HashMap<>();
    for (Map.Entry<Integer, Map<String, Set<Integer>>> e : holders.entrySet()) {
      List<Map.Entry<String, Set<Integer>>> ranked = new ArrayList<>(e.getValue().entrySet());
      ranked.sort((x, y) -> x.getValue().size() == y.getValue().size()
          ? compareCodePoints(x.getKey(), y.getKey()) : Integer.compare(y.getValue().size(), x.getValue().size()));
      Set<String> keep = new HashSet<>();
      for (int i = 0; i < Math.min(spec.top(), ranked.size()); i++) {
        keep.add(ranked.get(i).getKey());
      }
      kept.put(e.getKey(), keep);
    }
    Map<List<Object>, Set<Integer>> edgeGroups = new HashMap<>();
    for (int g = 0; g < grouped.size(); g++) {
      for (List<String> p : grouped.get(g)) {
        List<String> labels = new ArrayList<>();
        for (int k = 1; k <= p.size(); k++) {
          labels.add(k + ". " + (kept.get(k).contains(p.get(k - 1)) ? p.get(k - 1) : "other"));
        }
        for (int k = 1; k < labels.size(); k++) {
          edgeGroups.computeIfAbsent(List.of(k, labels.get(k - 1), labels.get(k)), x -> new HashSet<>()).add(g);
        }
      }
    }
    List<PathEdge> edges = new ArrayList<>();
    for (Map.Entry<List<Object>, Set<Integer>> e : edgeGroups.entrySet()) {
      long users = e.getValue().size();
      edges.add(new PathEdge((String) e.getKey().get(1), (String) e.getKey().get(2), (Integer) e.getKey().get(0),
          users, users / (double) grouped.size()));
    }
    edges.sort(Comparator.comparingInt(PathEdge::depth)
        .thenComparing(PathEdge::users, Comparator.reverseOrder())
        .thenComparing(PathEdge::source, PathBruteForce::compareCodePoints)
        .thenComparing(PathEdge::target, PathBruteForce::compareCodePoints));
    return new Table(grouped.size(), edges);
  }
}
