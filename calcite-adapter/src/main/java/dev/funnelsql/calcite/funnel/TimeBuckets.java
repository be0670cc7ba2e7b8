package dev.funnelsql.calcite.funnel;

import java.util.ArrayList;
import java.util.List;

/**
 * The buckets of a funnel's time-to-convert histogram: readable edges in seconds (1, 5, 15 and 30 minutes; 1, 2, 6
 * and 12 hours; 1, 2, 3 days; 1 and 2 weeks; then 30-day steps) below the window, and the window itself as the last
 * edge, whose bucket includes it (a step may be reached exactly at the window's end).
 */
final class TimeBuckets {
  private static final long MINUTE = 60;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long[] LADDER = {MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 6 * HOUR,
      12 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 30 * DAY};

  private TimeBuckets() {
  }

  /** The edges, from 0 to the window: bucket {@code i} is {@code [edges[i], edges[i + 1])}, the last one closed. */
  static long[] edges(long windowSeconds) {
    final List<Long> edges = new ArrayList<>(List.of(0L));
    for (long edge : LADDER) {
      if (edge < windowSeconds) {
        edges.add(edge);
      }
    }
    for (long edge = 60 * DAY; edge < windowSeconds; edge += 30 * DAY) {
      edges.add(edge);
    }
    edges.add(windowSeconds);
    return edges.stream().mapToLong(Long::longValue).toArray();
  }
}
