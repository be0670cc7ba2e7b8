package dev.funnelsql.calcite.funnel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of {@code funnels.<f>_paths}: for each step k before the last, where the users whose chain stopped at
 * step k went next, the first event after their step-k event (strictly later; of events at one instant, the first
 * by name), or {@value #NO_LATER_EVENT}; with the users and their share of those who stopped at k.
 *
 * <p>It reads the funnel's per-user chains (kept in a map, one entry per user who entered) and then the events,
 * ordered by user, keeping one candidate per user while that user's events stream by.
 */
final class DropOffPaths implements EventsAfterFunnel {
  /** The next event of a user who did nothing after the step they stopped at. */
  static final String NO_LATER_EVENT = "(no later event)";

  private final List<String> labels;
  private final long timeScale;

  /**
   * Creates the counter of one table.
   *
   * @param labels the steps' labels
   * @param timeScale the factor from an event row's time to the time line (Calcite's days of a DATE to milliseconds)
   */
  DropOffPaths(List<String> labels, long timeScale) {
    this.labels = List.copyOf(labels);
    this.timeScale = timeScale;
  }

  /** Counts the rows; {@code events} are (user, time, event name) ordered by user. */
  @Override public List<@Nullable Object[]> rows(Enumerable<@Nullable Object[]> users,
      Enumerable<@Nullable Object[]> events, @Nullable AtomicBoolean cancelFlag) {
    final int steps = labels.size();
    final Map<Object, long[]> chains = EnteredUsers.read(users).chains();
    final long[] dropped = new long[steps];
    chains.values().forEach(chain -> dropped[Math.min(chain.length, steps) - 1]++);
    final List<Map<String, Long>> next = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      next.add(new HashMap<>());
    }
    try (RowsByUser rows = new RowsByUser(events, cancelFlag, "its drop-off paths were counted")) {
      long[] chain = null;
      Object user = null;
      long bestTime = 0;
      @Nullable String bestName = null;
      while (rows.next()) {
        final @Nullable Object[] row = rows.row();
        if (rows.newUser()) {
          count(user, chain, bestName, next);
          user = row[0];
          chain = row[0] == null ? null : chains.get(row[0]);
          bestName = null;
        }
        if (chain == null || chain.length >= steps || row[1] == null || row[2] == null) {
          continue;
        }
        final long t = ((Number) row[1]).longValue() * timeScale;
        final String name = row[2].toString();
        if (t > chain[chain.length - 1]
            && (bestName == null || t < bestTime || t == bestTime && name.compareTo(bestName) < 0)) {
          bestTime = t;
          bestName = name;
        }
      }
      count(user, chain, bestName, next);
    }
    return rows(next, dropped);
  }

  /**
   * Counts one user's next event (or that there was none) at the step they stopped at. Every user who entered is
   * among the events, which are read whole, so each is counted here once.
   */
  private void count(@Nullable Object user, long @Nullable [] chain, @Nullable String name,
      List<Map<String, Long>> next) {
    if (user != null && chain != null && chain.length < labels.size()) {
      next.get(chain.length - 1).merge(name == null ? NO_LATER_EVENT : name, 1L, Long::sum);
    }
  }

  private List<@Nullable Object[]> rows(List<Map<String, Long>> next, long[] dropped) {
    final List<@Nullable Object[]> out = new ArrayList<>();
    for (int k = 0; k < labels.size() - 1; k++) {
      final List<@Nullable Object[]> step = new ArrayList<>();
      for (Map.Entry<String, Long> entry : next.get(k).entrySet()) {
        step.add(new Object[] {k + 1, labels.get(k), entry.getKey(), entry.getValue(),
            (double) entry.getValue() / dropped[k]});
      }
      step.sort(Comparator.<@Nullable Object[]>comparingLong(row -> -(Long) row[3])
          .thenComparing(row -> (String) row[2]));
      out.addAll(step);
    }
    return out;
  }
}
