package dev.funnelsql.calcite.funnel;

import dev.funnelsql.functions.quantile.ExactQuantiles;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a funnel table keeps for one segment (or for all users): per step, the users who reached it, the earliest
 * entry among them, and, where the table reads them, the seconds they took from entry (summary, time to convert) and
 * from the step before (summary). Filled one user at a time; read as the table's rows.
 */
final class StepCounts {
  private final long[] users;
  private final ExactQuantiles @Nullable [] seconds;
  private final ExactQuantiles @Nullable [] fromPrevious;
  private final long[] earliest;

  /** The counts of a table of that kind: the chart keeps no seconds, only the summary the seconds between steps. */
  StepCounts(int steps, FunnelTableKind kind) {
    this.users = new long[steps];
    this.earliest = new long[steps];
    Arrays.fill(earliest, Long.MAX_VALUE);
    this.seconds = kind == FunnelTableKind.CHART ? null : seconds(steps);
    this.fromPrevious = kind == FunnelTableKind.SUMMARY ? seconds(steps) : null;
  }

  private static ExactQuantiles[] seconds(int steps) {
    final ExactQuantiles[] seconds = new ExactQuantiles[steps];
    for (int i = 0; i < steps; i++) {
      seconds[i] = new ExactQuantiles();
    }
    return seconds;
  }

  /**
   * Counts a user who entered at {@code entered} (on the time line) and reached {@code level} steps at {@code
   * since[k]} seconds after entry.
   */
  void add(int level, long[] since, long entered) {
    for (int k = 0; k < level; k++) {
      users[k]++;
      earliest[k] = Math.min(earliest[k], entered);
    }
    if (seconds != null) {
      for (int k = 0; k < level; k++) {
        seconds[k].add(since[k]);
      }
    }
    if (fromPrevious != null) {
      for (int k = 1; k < level; k++) {
        fromPrevious[k].add(since[k] - since[k - 1]);
      }
    }
  }

  private @Nullable Long earliest(int k) {
    return users[k] == 0 ? null : earliest[k];
  }

  /**
   * Appends the summary's rows of this segment, one per step.
   *
   * @param labels the step labels, as {@code 1. name}
   * @param names the step names
   * @param breakdown the breakdown, or null for all users
   * @param segment the segment, or null
   */
  void addRows(List<@Nullable Object[]> rows, List<String> labels, List<String> names, @Nullable String breakdown,
      @Nullable String segment) {
    final ExactQuantiles[] seconds = kept(this.seconds);
    final ExactQuantiles[] fromPrevious = kept(this.fromPrevious);
    for (int k = 0; k < users.length; k++) {
      final long reached = users[k];
      final @Nullable Double fromStart = ratio(reached, users[0]);
      final @Nullable Double conversionFromPrevious = k == 0 ? Double.valueOf(1.0) : ratio(reached, users[k - 1]);
      final long dropOff = reached - (k + 1 < users.length ? users[k + 1] : 0);
      // Median, p25, p75 and p90 of the seconds from entry.
      final @Nullable Double[] fromEntry = quantiles(seconds[k], 0.5, 0.25, 0.75, 0.9);
      final @Nullable Double medianFromPrevious = k == 0 ? null : quantiles(fromPrevious[k], 0.5)[0];
      rows.add(new Object[] {k + 1, names.get(k), labels.get(k), breakdown, segment, reached, fromStart,
          conversionFromPrevious, dropOff, fromEntry[0], medianFromPrevious, fromEntry[1], fromEntry[2], fromEntry[3],
          earliest(k)});
    }
  }

  /** The exact quantiles {@code ps} of these seconds, each null when there are none. */
  private static @Nullable Double[] quantiles(ExactQuantiles seconds, double... ps) {
    final @Nullable Double[] quantiles = new Double[ps.length];
    if (seconds.size() > 0) {
      final double[] values = seconds.quantiles(ps);
      for (int i = 0; i < ps.length; i++) {
        quantiles[i] = values[i];
      }
    }
    return quantiles;
  }

  private static ExactQuantiles[] kept(ExactQuantiles @Nullable [] seconds) {
    if (seconds == null) {
      throw new IllegalStateException("these counts were made for a table that does not read these seconds");
    }
    return seconds;
  }

  /** A conversion: {@code reached / of}, or null when {@code of} is 0. */
  static @Nullable Double ratio(long reached, long of) {
    return of == 0 ? null : (double) reached / of;
  }

  /**
   * Appends the time-to-convert rows: for each step after the first, the users who reached it within each bucket of
   * seconds from entry ({@link TimeBuckets}), every bucket up to the window, empty ones included.
   */
  void addTimeToConvertRows(List<@Nullable Object[]> rows, List<String> labels, long windowSeconds) {
    final long[] edges = TimeBuckets.edges(windowSeconds);
    final ExactQuantiles[] seconds = kept(this.seconds);
    for (int k = 1; k < users.length; k++) {
      final long[] counts = seconds[k].countsBetween(edges);
      for (int b = 0; b + 1 < edges.length; b++) {
        rows.add(new Object[] {k + 1, labels.get(k), edges[b], edges[b + 1], counts[b], earliest(k)});
      }
    }
  }

  /** Appends the chart's rows: step label and users. */
  void addChartRows(List<@Nullable Object[]> rows, List<String> labels) {
    for (int k = 0; k < users.length; k++) {
      rows.add(new Object[] {labels.get(k), users[k], earliest(k)});
    }
  }
}
