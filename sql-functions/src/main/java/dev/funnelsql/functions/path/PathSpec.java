package dev.funnelsql.functions.path;

/**
 * The validated, immutable parameters of one Sankey "paths" computation, so that an invalid value is rejected once,
 * before any row is read.
 *
 * <h2>Parameters</h2>
 * <ul>
 *   <li><b>steps</b> &ndash; the depth of the diagram: the most nodes in one owner's path, {@value #MIN_STEPS} to
 *       {@value #MAX_STEPS} (default {@value #DEFAULT_STEPS});</li>
 *   <li><b>collapse</b> &ndash; whether consecutive rows of an owner with the same node are merged into one node
 *       (default {@value #DEFAULT_COLLAPSE});</li>
 *   <li><b>top</b> &ndash; the most distinct nodes kept by name at each depth, {@value #MIN_TOP} to
 *       {@value #MAX_TOP} (default {@value #DEFAULT_TOP}); the other nodes of that depth become
 *       {@value PathAccumulator#OTHER};</li>
 *   <li><b>hasStart</b> &ndash; whether rows carry a start condition (the path begins at the owner's first start
 *       row);</li>
 *   <li><b>hasEnd</b> &ndash; whether rows carry an end condition (the path ends at the first end row).</li>
 * </ul>
 * See {@link PathAccumulator} for the exact definition of a path. An invalid value throws
 * {@link IllegalArgumentException} with a message naming the value and the valid range.
 */
public final class PathSpec {

  /** The fewest nodes a path may be limited to: one edge. */
  public static final int MIN_STEPS = 2;
  /** The most nodes a path may be limited to. */
  public static final int MAX_STEPS = 20;
  /** The number of nodes a path is limited to when the caller does not say. */
  public static final int DEFAULT_STEPS = 5;
  /** The fewest distinct nodes kept per depth. */
  public static final int MIN_TOP = 1;
  /** The most distinct nodes kept per depth. */
  public static final int MAX_TOP = 1000;
  /** The number of distinct nodes kept per depth when the caller does not say. */
  public static final int DEFAULT_TOP = 10;
  /** Whether consecutive repeats are merged when the caller does not say. */
  public static final boolean DEFAULT_COLLAPSE = true;

  private final int steps;
  private final boolean collapse;
  private final int top;
  private final boolean hasStart;
  private final boolean hasEnd;

  private PathSpec(int steps, boolean collapse, int top, boolean hasStart, boolean hasEnd) {
    this.steps = steps;
    this.collapse = collapse;
    this.top = top;
    this.hasStart = hasStart;
    this.hasEnd = hasEnd;
  }

  /**
   * Validates the parameters.
   *
   * @param steps    the most nodes in a path, {@value #MIN_STEPS} to {@value #MAX_STEPS}
   * @param collapse whether consecutive repeats of a node are merged into one node
   * @param top      the most distinct nodes kept per depth, {@value #MIN_TOP} to {@value #MAX_TOP}
   * @param hasStart whether the path begins at a start condition
   * @param hasEnd   whether the path ends at an end condition
   * @return the specification
   * @throws IllegalArgumentException if steps or top is out of range
   */
  public static PathSpec of(int steps, boolean collapse, int top, boolean hasStart, boolean hasEnd) {
    if (steps < MIN_STEPS || steps > MAX_STEPS) {
      throw new IllegalArgumentException("paths: steps (the most nodes in a path) must be " + MIN_STEPS + " to "
          + MAX_STEPS + ", got " + steps);
    }
    if (top < MIN_TOP || top > MAX_TOP) {
      throw new IllegalArgumentException("paths: top (the most distinct nodes kept per depth) must be " + MIN_TOP
          + " to " + MAX_TOP + ", got " + top);
    }
    return new PathSpec(steps, collapse, top, hasStart, hasEnd);
  }

  /**
   * Returns the specification with the default steps, collapse and top.
   *
   * @param hasStart whether the path begins at a start condition
   * @param hasEnd   whether the path ends at an end condition
   * @return the specification
   */
  public static PathSpec of(boolean hasStart, boolean hasEnd) {
    return of(DEFAULT_STEPS, DEFAULT_COLLAPSE, DEFAULT_TOP, hasStart, hasEnd);
  }

  /** Returns the most nodes in a path. */
  public int steps() {
    return steps;
  }

  /** Returns whether consecutive repeats of a node are merged into one node. */
  public boolean collapse() {
    return collapse;
  }

  /** Returns the most distinct nodes kept by name per depth. */
  public int top() {
    return top;
  }

  /** Returns whether the path begins at the owner's first start row. */
  public boolean hasStart() {
    return hasStart;
  }

  /** Returns whether the path ends at the first end row at or after its beginning. */
  public boolean hasEnd() {
    return hasEnd;
  }

  /** Returns e.g. {@code PathSpec[steps=5, collapse=true, top=10, hasStart=true, hasEnd=false]}. */
  @Override
  public String toString() {
    return "PathSpec[steps=" + steps + ", collapse=" + collapse + ", top=" + top + ", hasStart=" + hasStart
        + ", hasEnd=" + hasEnd + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PathSpec)) {
      return false;
    }
    PathSpec other = (PathSpec) o;
    return steps == other.steps && collapse == other.collapse && top == other.top && hasStart == other.hasStart
        && hasEnd == other.hasEnd;
  }

  @Override
  public int hashCode() {
    int h = steps;
    h = 31 * h + top;
    h = 31 * h + (collapse ? 1 : 0);
    h = 31 * h + (hasStart ? 1 : 0);
    return 31 * h + (hasEnd ? 1 : 0);
  }
}
