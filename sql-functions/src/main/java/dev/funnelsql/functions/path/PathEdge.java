package dev.funnelsql.functions.path;

import java.util.Comparator;
import java.util.Objects;

/**
 * One row of the Sankey "paths" table: an edge between the labelled nodes of two consecutive depths with the number
 * of owners whose path takes it, so that a chart can draw the flow.
 *
 * <p>{@link #source()} is the label of the node at {@link #depth()} and {@link #target()} the label of the node at
 * depth + 1, e.g. {@code 1. cart_added} and {@code 2. checkout_started}; {@link #users()} counts owners and
 * {@link #shareOfStart()} is users divided by the number of owners with a path. Instances are immutable.
 */
public final class PathEdge {

  /**
   * The order of the paths table's rows: depth ascending, then users descending, then source and then target in
   * Unicode code point order.
   */
  public static final Comparator<PathEdge> TABLE_ORDER = (x, y) -> {
    int c = Integer.compare(x.depth(), y.depth());
    if (c != 0) {
      return c;
    }
    c = Long.compare(y.users(), x.users());
    if (c != 0) {
      return c;
    }
    c = PathAccumulator.compareNodes(x.source(), y.source());
    return c != 0 ? c : PathAccumulator.compareNodes(x.target(), y.target());
  };

  private final String source;
  private final String target;
  private final int depth;
  private final long users;
  private final double shareOfStart;

  /**
   * Creates an edge.
   *
   * @param source       the label of the source node, not null
   * @param target       the label of the target node, not null
   * @param depth        the depth of the source node, from 1
   * @param users        the number of owners whose path has this edge
   * @param shareOfStart users divided by the number of owners with a path
   */
  public PathEdge(String source, String target, int depth, long users, double shareOfStart) {
    this.source = Objects.requireNonNull(source, "source");
    this.target = Objects.requireNonNull(target, "target");
    this.depth = depth;
    this.users = users;
    this.shareOfStart = shareOfStart;
  }

  /** Returns the label of the source node, e.g. {@code 1. cart_added}. */
  public String source() {
    return source;
  }

  /** Returns the label of the target node, e.g. {@code 2. checkout_started}. */
  public String target() {
    return target;
  }

  /** Returns the depth of the source node (1 for edges leaving the first node). */
  public int depth() {
    return depth;
  }

  /** Returns the number of owners whose path has this edge. */
  public long users() {
    return users;
  }

  /** Returns {@link #users()} divided by the number of owners with a path. */
  public double shareOfStart() {
    return shareOfStart;
  }

  /** Returns e.g. {@code PathEdge[depth=1, 1. a -> 2. b, users=3, shareOfStart=0.75]}. */
  @Override
  public String toString() {
    return "PathEdge[depth=" + depth + ", " + source + " -> " + target + ", users=" + users + ", shareOfStart="
        + shareOfStart + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PathEdge)) {
      return false;
    }
    PathEdge e = (PathEdge) o;
    return depth == e.depth && users == e.users && Double.compare(shareOfStart, e.shareOfStart) == 0
        && source.equals(e.source) && target.equals(e.target);
  }

  @Override
  public int hashCode() {
    int h = source.hashCode();
    h = 31 * h + target.hashCode();
    h = 31 * h + depth;
    h = 31 * h + Long.hashCode(users);
    return 31 * h + Double.hashCode(shareOfStart);
  }
}
