package dev.funnelsql.functions.path;

import dev.funnelsql.functions.grouping.IndexSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * Computes the Sankey "paths" table: fed the rows of one owner (a user) at a time, it cuts each owner's path of
 * nodes and counts nodes and edges per depth, so that the table of where owners go after a start event (or came
 * from before an end event) needs memory for counts, not for every path.
 *
 * <h2>Rows</h2>
 * {@link #add} takes one row of the current owner: a time, a node (the event name) and whether the row satisfies
 * the start and the end condition (a NULL condition is passed as false; a condition the {@link PathSpec} does not
 * have is ignored). The caller drops rows whose time or node is NULL. {@link #endOwner()} closes the owner: its path
 * is computed and counted, and the next {@link #add} begins the next owner. Each owner must be fed in one go,
 * between two {@link #endOwner()} calls; its rows may arrive in any order.
 *
 * <h2>The path of one owner</h2>
 * With {@code steps}, {@code collapse}, {@code hasStart} and {@code hasEnd} from the {@link PathSpec}:
 * <ol>
 *   <li><b>Order.</b> The owner's rows are sorted by time (ascending, as a signed 64-bit value), then node in
 *       Unicode code point order (which is UTF-8 byte order, not {@link String#compareTo}), then rows carrying the
 *       start condition before rows not carrying it, then rows not carrying the end condition before rows carrying
 *       it. Rows equal in all four keys are indistinguishable, so the result never depends on the order rows
 *       arrive in. (The flag keys matter only without collapse: among identical twins the start row comes first
 *       and the end row last, so the twins stay inside the path.)</li>
 *   <li><b>Nodes.</b> With {@code collapse}, each maximal run of consecutive sorted rows with the same node
 *       becomes one node, which is a start node (an end node) if any row of the run carries the start (end)
 *       condition; without {@code collapse} each row is a node. Collapsing comes before the start and end are
 *       chosen. Call the nodes {@code n[0..m-1]}.</li>
 *   <li><b>Beginning.</b> With a start condition, {@code b} is the smallest i such that {@code n[i]} is a start
 *       node (the owner's first start); an owner without one has no path. Without a start condition,
 *       {@code b = 0}.</li>
 *   <li><b>The path.</b>
 *     <ul>
 *       <li>without an end condition: {@code n[b .. min(m, b + steps) - 1]}, the first {@code steps} nodes from
 *           the beginning;</li>
 *       <li>with an end condition, let {@code e} be the smallest i &ge; b such that {@code n[i]} is an end node
 *           (the beginning itself may be the end); an owner without one has no path. With a start condition too,
 *           the path is {@code n[b .. e]} if {@code e - b + 1 <= steps} and otherwise the owner has no path: the
 *           end must be reached within {@code steps} nodes. Without a start condition the path is
 *           {@code n[max(0, e - steps + 1) .. e]}, the last {@code steps} nodes up to and including the owner's
 *           first end ("where did they come from").</li>
 *     </ul>
 *   </li>
 *   <li><b>Labels.</b> Node k of the path (k = 1 .. its length) is at depth k and has the label
 *       {@code k + ". " + node}, see {@link #label}.</li>
 * </ol>
 * An owner with no rows has no path; every path has at least one node. A path of one node counts in
 * {@link #owners()} and at depth 1 but has no edge.
 *
 * <h2>The table</h2>
 * <ul>
 *   <li>{@link #owners()} is the number of owners with a path.</li>
 *   <li>At each depth k the nodes are ranked by the number of owners whose path has them at depth k, descending,
 *       ties broken by node in code point order; the first {@code top} keep their name and every other node of
 *       that depth becomes {@value #OTHER} (label {@code k. other}). A real node named {@value #OTHER} shares its
 *       label with that bucket, so both are one node of the diagram.</li>
 *   <li>Each pair of consecutive nodes (depth k, k + 1) of a path, after that renaming, is an edge
 *       {@code (k, label of node k, label of node k + 1)}; {@link PathEdge#users()} is the number of owners whose
 *       path has the edge (an owner has one node per depth, hence at most one edge per depth, so it counts once),
 *       {@link PathEdge#depth()} is k and {@link PathEdge#shareOfStart()} is users / {@link #owners()} as a
 *       double.</li>
 *   <li>{@link #edges()} sorts the rows by depth ascending, then users descending, then source and then target in
 *       code point order.</li>
 * </ul>
 *
 * <h2>Owners counted per group</h2>
 * An accumulator made with {@link #perGroup} counts groups of owners instead of owners: a user's sessions, each a
 * path of its own, with the user counted once. {@link #endOwner()} closes a session (its path is cut as above) and
 * {@link #endGroup()} closes the user. Every count is then of groups: {@link #owners()} is the number of groups with
 * at least one path, a node at a depth counts the groups with that node at that depth in any of their paths, and an
 * edge counts the groups with that edge (after the renaming to {@value #OTHER}) in any of their paths, each once;
 * {@link PathEdge#shareOfStart()} divides by {@link #owners()}. The owners of a group may come in any order.
 *
 * <h2>Cost</h2>
 * {@link #add} appends to growable primitive arrays (amortised O(1), no boxing); the owner's rows are sorted (a
 * merge sort of indexes) only if they did not arrive in order, so {@link #endOwner()} costs O(r log r) for r rows
 * plus O(steps) hash updates. Across owners the accumulator keeps only a dictionary of the distinct nodes that are
 * on some path, one count per (depth, node) and one per (depth, source node, target node), never the paths; the top
 * {@code top} ranking and the renaming to {@value #OTHER} happen in {@link #edges()}, which is valid because an
 * owner has exactly one node per depth. At most 2<sup>29</sup> distinct nodes may be on paths. {@link #edges()}
 * costs O(N log N + E log E) for N (depth, node) counts and E edge counts, so it is meant to be called once, after
 * the last owner; its result is cached until the next counted owner or {@link #reset()}.
 *
 * <p>Instances are not thread-safe.
 */
public final class PathAccumulator {

  /** The node that replaces, at each depth, the nodes outside the top {@code top}. */
  public static final String OTHER = "other";

  private static final byte START = 1;
  private static final byte END = 2;
  private static final int INITIAL_CAPACITY = 16;
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;
  private static final int ID_BITS = 29;
  private static final long ID_MASK = (1L << ID_BITS) - 1;
  private static final int MAX_NODES = 1 << ID_BITS;
  /** Dictionary id of {@link #OTHER}, interned first. */
  private static final int OTHER_ID = 0;

  private final PathSpec spec;
  private final int steps;
  private final boolean collapse;
  private final int top;
  private final boolean hasStart;
  private final boolean hasEnd;
  private final IndexSort.Comparator rowOrder = this::compareRows;

  // the rows of the current owner
  private long[] times = new long[0];
  private String[] nodes = new String[0];
  private byte[] flags = new byte[0];
  private int size;
  private boolean sorted = true;

  // scratch space of endOwner, as long as the row arrays
  private int[] order = new int[0];
  private int[] scratch = new int[0];
  private byte[] runFlags = new byte[0];
  private final int[] pathIds;

  // the counts across owners
  private final HashMap<String, Integer> ids = new HashMap<>();
  private final ArrayList<String> names = new ArrayList<>();
  /** Key {@code depthIndex << 32 | id}: owners with that node at that depth (depth index = depth - 1). */
  private final LongCountMap nodeCounts = new LongCountMap();
  /** Key {@code depthIndex << 58 | source id << 29 | target id}: owners with that edge. */
  private final LongCountMap edgeCounts = new LongCountMap();
  private long owners;
  private List<PathEdge> cachedEdges;

  // per group (perGroup only): the current group's paths, node keys and edge keys
  private final boolean grouped;
  private int groupPaths;
  private long[] groupNodes = new long[0];
  private int groupNodeCount;
  private long[] groupEdges = new long[0];
  private int groupEdgeCount;
  /**
   * The edges of each group with two paths or more, which the renaming to {@value #OTHER} may merge: the group's
   * count of distinct edge keys, then the keys, one group after another. (A group of one path has at most one edge
   * per depth, so its edges go straight into {@link #edgeCounts}.)
   */
  private long[] sharedEdges = new long[0];
  private int sharedEdgeCount;

  /**
   * Creates an empty accumulator.
   *
   * @param spec the parameters, not null
   */
  public PathAccumulator(PathSpec spec) {
    this(spec, false);
  }

  private PathAccumulator(PathSpec spec, boolean grouped) {
    this.grouped = grouped;
    this.spec = Objects.requireNonNull(spec, "spec");
    this.steps = spec.steps();
    this.collapse = spec.collapse();
    this.top = spec.top();
    this.hasStart = spec.hasStart();
    this.hasEnd = spec.hasEnd();
    this.pathIds = new int[steps];
    intern(OTHER);
  }

  /**
   * Creates an empty accumulator that counts groups of owners (a user's sessions), each group once; see the class
   * documentation.
   *
   * @param spec the parameters, not null
   * @return the accumulator
   */
  public static PathAccumulator perGroup(PathSpec spec) {
    return new PathAccumulator(spec, true);
  }

  /** Returns the parameters. */
  public PathSpec spec() {
    return spec;
  }

  /**
   * Returns the label of a node at a depth, e.g. {@code 2. checkout_started}.
   *
   * @param depth the depth, from 1
   * @param node  the node
   * @return {@code depth + ". " + node}
   */
  public static String label(int depth, String node) {
    return depth + ". " + node;
  }

  /**
   * Adds one row of the current owner.
   *
   * @param ts    the row's time (rows with a NULL time must not be added)
   * @param node  the row's node, not null (rows with a NULL node must not be added)
   * @param start whether the row satisfies the start condition (ignored without one)
   * @param end   whether the row satisfies the end condition (ignored without one)
   * @throws NullPointerException if {@code node} is null
   */
  public void add(long ts, String node, boolean start, boolean end) {
    Objects.requireNonNull(node, "node");
    byte f = (byte) ((start && hasStart ? START : 0) | (end && hasEnd ? END : 0));
    if (size == times.length) {
      grow();
    }
    times[size] = ts;
    nodes[size] = node;
    flags[size] = f;
    if (sorted && size > 0 && compareRows(size - 1, size) > 0) {
      sorted = false;
    }
    size++;
  }

  /** Closes the current owner: computes its path (see the class documentation) and counts it if there is one. */
  public void endOwner() {
    int n = size;
    if (n == 0) {
      return;
    }
    try {
      countPath(n);
    } finally {
      Arrays.fill(nodes, 0, n, null);
      size = 0;
      sorted = true;
    }
  }

  /**
   * Closes the current group of an accumulator made with {@link #perGroup}: counts it if one of its owners has a
   * path (the current owner must have been closed with {@link #endOwner()}).
   *
   * @throws IllegalStateException if the accumulator does not count groups
   */
  public void endGroup() {
    if (!grouped) {
      throw new IllegalStateException("paths: this accumulator counts owners, not groups");
    }
    if (groupPaths == 0) {
      return;
    }
    try {
      for (int i = 0; i < groupNodeCount; i++) {
        nodeCounts.add(groupNodes[i], 1);
      }
      if (groupPaths == 1) {
        for (int i = 0; i < groupEdgeCount; i++) {
          edgeCounts.add(groupEdges[i], 1);
        }
      } else {
        ensureShared(sharedEdgeCount + 1 + groupEdgeCount);
        sharedEdges[sharedEdgeCount++] = groupEdgeCount;
        System.arraycopy(groupEdges, 0, sharedEdges, sharedEdgeCount, groupEdgeCount);
        sharedEdgeCount += groupEdgeCount;
      }
      owners++;
      cachedEdges = null;
    } finally {
      groupPaths = 0;
      groupNodeCount = 0;
      groupEdgeCount = 0;
    }
  }

  /**
   * Returns the number of owners with a path among those closed by {@link #endOwner()}; of an accumulator made with
   * {@link #perGroup}, the number of groups closed by {@link #endGroup()} with a path.
   */
  public long owners() {
    return owners;
  }

  /**
   * Returns the rows of the paths table for the owners closed so far (rows added since the last
   * {@link #endOwner()} are not included; of an accumulator made with {@link #perGroup}, only groups closed by
   * {@link #endGroup()} are), sorted as the class documentation says.
   *
   * @return an unmodifiable list, empty if no owner has a path
   */
  public List<PathEdge> edges() {
    if (cachedEdges == null) {
      cachedEdges = computeEdges();
    }
    return cachedEdges;
  }

  /** Forgets all owners and the current owner's rows so the accumulator can be reused (row buffers are kept). */
  public void reset() {
    Arrays.fill(nodes, 0, size, null);
    size = 0;
    sorted = true;
    ids.clear();
    names.clear();
    intern(OTHER);
    nodeCounts.clear();
    edgeCounts.clear();
    owners = 0;
    cachedEdges = null;
    groupPaths = 0;
    groupNodeCount = 0;
    groupEdgeCount = 0;
    sharedEdgeCount = 0;
  }

  private void countPath(int n) {
    int[] rows = sortedRows(n);
    // rows[0..m-1] becomes the first row of each node, runFlags[0..m-1] the flags merged over the node's rows
    int m = 0;
    for (int i = 0; i < n; i++) {
      int row = rows[i];
      if (collapse && m > 0 && nodes[rows[m - 1]].equals(nodes[row])) {
        runFlags[m - 1] |= flags[row];
      } else {
        rows[m] = row;
        runFlags[m] = flags[row];
        m++;
      }
    }
    int begin = 0;
    if (hasStart) {
      begin = firstWith(START, 0, m);
      if (begin < 0) {
        return;
      }
    }
    int from;
    int to;
    if (hasEnd) {
      int end = firstWith(END, begin, m);
      if (end < 0 || hasStart && end - begin >= steps) {
        return;
      }
      from = hasStart ? begin : Math.max(0, end - steps + 1);
      to = end + 1;
    } else {
      from = begin;
      to = Math.min(m, begin + steps);
    }
    int len = to - from;
    for (int k = 0; k < len; k++) {
      pathIds[k] = intern(nodes[rows[from + k]]);
    }
    if (grouped) {
      stage(len);
      return;
    }
    for (int k = 0; k < len; k++) {
      nodeCounts.add(nodeKey(k, pathIds[k]), 1);
      if (k > 0) {
        edgeCounts.add(edgeKey(k - 1, pathIds[k - 1], pathIds[k]), 1);
      }
    }
    owners++;
    cachedEdges = null;
  }

  /** Adds the path in {@code pathIds[0..len-1]} to the current group's node and edge keys, each key once. */
  private void stage(int len) {
    groupPaths++;
    for (int k = 0; k < len; k++) {
      groupNodeCount = addDistinct(nodeKey(k, pathIds[k]), true, groupNodeCount);
      if (k > 0) {
        groupEdgeCount = addDistinct(edgeKey(k - 1, pathIds[k - 1], pathIds[k]), false, groupEdgeCount);
      }
    }
  }

  /** Appends {@code key} to the group's node (or edge) keys unless it is there; returns the new count. */
  private int addDistinct(long key, boolean node, int count) {
    long[] keys = node ? groupNodes : groupEdges;
    for (int i = 0; i < count; i++) {
      if (keys[i] == key) {
        return count;
      }
    }
    if (count == keys.length) {
      keys = Arrays.copyOf(keys, Math.max(INITIAL_CAPACITY, count * 2));
      if (node) {
        groupNodes = keys;
      } else {
        groupEdges = keys;
      }
    }
    keys[count] = key;
    return count + 1;
  }

  private void ensureShared(int capacity) {
    if (capacity > sharedEdges.length) {
      sharedEdges = Arrays.copyOf(sharedEdges, Math.max(capacity, Math.max(INITIAL_CAPACITY, sharedEdges.length * 2)));
    }
  }

  /** Returns the smallest node index i in [from, m) whose merged flags have {@code flag}, or -1. */
  private int firstWith(byte flag, int from, int m) {
    for (int i = from; i < m; i++) {
      if ((runFlags[i] & flag) != 0) {
        return i;
      }
    }
    return -1;
  }

  /** Returns the row indexes 0..n-1 in the order of the class documentation. */
  private int[] sortedRows(int n) {
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return sorted ? order : IndexSort.sort(order, n, scratch, rowOrder);
  }

  /** The edge key with each node not among the {@code kept} ones of its depth renamed {@value #OTHER}. */
  private static long renamed(long key, LongCountMap kept) {
    int k = (int) (key >>> (2 * ID_BITS));
    int source = (int) ((key >>> ID_BITS) & ID_MASK);
    int target = (int) (key & ID_MASK);
    return edgeKey(k, kept.contains(nodeKey(k, source)) ? source : OTHER_ID,
        kept.contains(nodeKey(k + 1, target)) ? target : OTHER_ID);
  }

  private List<PathEdge> computeEdges() {
    if (owners == 0) {
      return List.of();
    }
    LongCountMap kept = keptNodes();
    LongCountMap merged = new LongCountMap();
    for (int slot = 0; slot < edgeCounts.slots(); slot++) {
      long key = edgeCounts.keyAt(slot);
      if (key == LongCountMap.EMPTY) {
        continue;
      }
      merged.add(renamed(key, kept), edgeCounts.valueAt(slot));
    }
    // A group of several paths counts once per edge after the renaming, which may merge two of its edges.
    long[] keys = new long[0];
    int i = 0;
    while (i < sharedEdgeCount) {
      int count = (int) sharedEdges[i++];
      if (keys.length < count) {
        keys = new long[count];
      }
      for (int j = 0; j < count; j++) {
        keys[j] = renamed(sharedEdges[i + j], kept);
      }
      Arrays.sort(keys, 0, count);
      for (int j = 0; j < count; j++) {
        if (j == 0 || keys[j] != keys[j - 1]) {
          merged.add(keys[j], 1);
        }
      }
      i += count;
    }
    List<PathEdge> result = new ArrayList<>(merged.size());
    for (int slot = 0; slot < merged.slots(); slot++) {
      long key = merged.keyAt(slot);
      if (key == LongCountMap.EMPTY) {
        continue;
      }
      int k = (int) (key >>> (2 * ID_BITS));
      String source = names.get((int) ((key >>> ID_BITS) & ID_MASK));
      String target = names.get((int) (key & ID_MASK));
      long users = merged.valueAt(slot);
      result.add(new PathEdge(label(k + 1, source), label(k + 2, target), k + 1, users, users / (double) owners));
    }
    result.sort(PathEdge.TABLE_ORDER);
    return Collections.unmodifiableList(result);
  }

  /** Returns the keys {@code nodeKey(depth index, id)} of the nodes that keep their name. */
  private LongCountMap keptNodes() {
    int[] perDepth = new int[steps];
    for (int slot = 0; slot < nodeCounts.slots(); slot++) {
      long key = nodeCounts.keyAt(slot);
      if (key != LongCountMap.EMPTY) {
        perDepth[(int) (key >>> 32)]++;
      }
    }
    int[][] depthIds = new int[steps][];
    long[][] depthCounts = new long[steps][];
    for (int k = 0; k < steps; k++) {
      depthIds[k] = new int[perDepth[k]];
      depthCounts[k] = new long[perDepth[k]];
      perDepth[k] = 0;
    }
    for (int slot = 0; slot < nodeCounts.slots(); slot++) {
      long key = nodeCounts.keyAt(slot);
      if (key != LongCountMap.EMPTY) {
        int k = (int) (key >>> 32);
        depthIds[k][perDepth[k]] = (int) key;
        depthCounts[k][perDepth[k]] = nodeCounts.valueAt(slot);
        perDepth[k]++;
      }
    }
    LongCountMap kept = new LongCountMap();
    for (int k = 0; k < steps; k++) {
      int c = perDepth[k];
      if (c == 0) {
        continue;
      }
      int[] id = depthIds[k];
      long[] count = depthCounts[k];
      int[] idx = new int[c];
      for (int i = 0; i < c; i++) {
        idx[i] = i;
      }
      int[] ranked = c <= top ? idx : IndexSort.sort(idx, c, new int[c], (x, y) -> {
        int cmp = Long.compare(count[y], count[x]);
        return cmp != 0 ? cmp : compareNodes(names.get(id[x]), names.get(id[y]));
      });
      for (int i = 0; i < Math.min(c, top); i++) {
        kept.add(nodeKey(k, id[ranked[i]]), 1);
      }
    }
    return kept;
  }

  private int intern(String node) {
    Integer id = ids.get(node);
    if (id != null) {
      return id;
    }
    if (names.size() >= MAX_NODES) {
      throw new IllegalStateException("paths: more than " + MAX_NODES + " distinct nodes on paths");
    }
    int next = names.size();
    ids.put(node, next);
    names.add(node);
    return next;
  }

  private static long nodeKey(int depthIndex, int id) {
    return (long) depthIndex << 32 | id;
  }

  private static long edgeKey(int depthIndex, int source, int target) {
    return (long) depthIndex << (2 * ID_BITS) | (long) source << ID_BITS | target;
  }

  private int compareRows(int a, int b) {
    int c = Long.compare(times[a], times[b]);
    if (c != 0) {
      return c;
    }
    c = compareNodes(nodes[a], nodes[b]);
    return c != 0 ? c : Integer.compare(tieKey(flags[a]), tieKey(flags[b]));
  }

  /** Orders equal-time, equal-node rows: start rows first, then rows without end before rows with end. */
  private static int tieKey(byte f) {
    return ((f & START) != 0 ? 0 : 2) + ((f & END) != 0 ? 1 : 0);
  }

  /**
   * Compares strings by Unicode code point (the order of their UTF-8 encodings, a proper prefix first): UTF-16 code
   * units are compared after moving U+E000..U+FFFF below the surrogates; an unpaired surrogate still gets a
   * consistent place in this total order.
   */
  static int compareNodes(String a, String b) {
    int len = Math.min(a.length(), b.length());
    for (int i = 0; i < len; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return Integer.compare(codePointRank(x), codePointRank(y));
      }
    }
    return Integer.compare(a.length(), b.length());
  }

  private static int codePointRank(char c) {
    if (c >= 0xE000) {
      return c - 0x800;
    }
    if (c >= 0xD800) {
      return c + 0x2000;
    }
    return c;
  }

  private void grow() {
    if (size >= MAX_CAPACITY) {
      throw new IllegalStateException("paths: an owner has more than " + MAX_CAPACITY + " rows");
    }
    int capacity = size < INITIAL_CAPACITY ? INITIAL_CAPACITY : (int) Math.min(MAX_CAPACITY, size * 2L);
    times = Arrays.copyOf(times, capacity);
    nodes = Arrays.copyOf(nodes, capacity);
    flags = Arrays.copyOf(flags, capacity);
    order = new int[capacity];
    scratch = new int[capacity];
    runFlags = new byte[capacity];
  }
}
