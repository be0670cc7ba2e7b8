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
 * The rows of {@code funnels.<f>_drivers}: for each step k + 1 after the first, among the users who reached step k,
 * how many of those who converted to step k + 1 and of those who did not did each driver (an event name that is none
 * of the funnel's steps, or a value of a column the funnel names under {@code drivers:}) between entering and
 * converting (or the window's end), with the odds ratio and p-value of converting with it ({@link OddsRatio}).
 *
 * <p>It reads the funnel's per-user chains (kept in a map, one entry per user who entered) and then the events,
 * ordered by user so that one user's events are counted together.
 */
final class ConversionDrivers implements EventsAfterFunnel {
  /** A driver fewer users than this did (converted and dropped together) at a step gets no row. */
  static final int MIN_USERS = 10;

  private final List<String> labels;
  private final List<String> drivers;
  private final long window;
  private final long timeScale;

  /**
   * Creates the counter of one table.
   *
   * @param labels the steps' labels
   * @param drivers the drivers' names: {@code event}, then the columns under {@code drivers:}
   * @param window the funnel's window on its time line
   * @param timeScale the factor from an event row's time to the time line (Calcite's days of a DATE to milliseconds)
   */
  ConversionDrivers(List<String> labels, List<String> drivers, long window, long timeScale) {
    this.labels = List.copyOf(labels);
    this.drivers = List.copyOf(drivers);
    this.window = window;
    this.timeScale = timeScale;
  }

  /**
   * Counts the table's rows.
   *
   * @param users the funnel's rows: the user and the list of step times (NULL past the last step kept)
   * @param events the events ordered by user: user, time, whether the row is a step of the funnel, then one value per
   *     driver
   * @param cancelFlag the statement's cancel flag, or null
   */
  @Override public List<@Nullable Object[]> rows(Enumerable<@Nullable Object[]> users,
      Enumerable<@Nullable Object[]> events, @Nullable AtomicBoolean cancelFlag) {
    final int transitions = labels.size() - 1;
    final Map<Object, long[]> chains = EnteredUsers.read(users).chains();
    final long[] converted = new long[transitions];
    final long[] dropped = new long[transitions];
    for (long[] chain : chains.values()) {
      for (int k = 1; k <= Math.min(chain.length, transitions); k++) {
        (chain.length > k ? converted : dropped)[k - 1]++;
      }
    }
    // Per transition and driver, per value: users who did it and converted, and who did it and dropped.
    final List<List<Map<String, long[]>>> counts = new ArrayList<>();
    for (int k = 0; k < transitions; k++) {
      final List<Map<String, long[]>> own = new ArrayList<>();
      drivers.forEach(driver -> own.add(new HashMap<>()));
      counts.add(own);
    }
    final List<Map<String, Long>> firstDone = new ArrayList<>();
    drivers.forEach(driver -> firstDone.add(new HashMap<>()));
    try (RowsByUser rows = new RowsByUser(events, cancelFlag, "its drivers were counted")) {
      long[] chain = null;
      while (rows.next()) {
        final @Nullable Object[] row = rows.row();
        if (rows.newUser()) {
          count(chain, firstDone, counts);
          chain = row[0] == null ? null : chains.get(row[0]);
        }
        if (chain == null || row[1] == null) {
          continue;
        }
        final long t = ((Number) row[1]).longValue() * timeScale;
        if (t < chain[0] || t > chain[0] + window) {
          continue;
        }
        for (int d = 0; d < drivers.size(); d++) {
          // The event name counts only on rows that are none of the funnel's steps.
          if (row[3 + d] != null && (d > 0 || !Boolean.TRUE.equals(row[2]))) {
            firstDone.get(d).merge(row[3 + d].toString(), t, Math::min);
          }
        }
      }
      count(chain, firstDone, counts);
    }
    return rows(counts, converted, dropped);
  }

  /** Counts what one user did before each conversion (or the window's end), then forgets it. */
  private void count(long @Nullable [] chain, List<Map<String, Long>> firstDone,
      List<List<Map<String, long[]>>> counts) {
    if (chain != null) {
      final int transitions = labels.size() - 1;
      for (int d = 0; d < drivers.size(); d++) {
        for (Map.Entry<String, Long> done : firstDone.get(d).entrySet()) {
          for (int k = 1; k <= Math.min(chain.length, transitions); k++) {
            final boolean converts = chain.length > k;
            if (converts ? done.getValue() < chain[k] : done.getValue() <= chain[0] + window) {
              counts.get(k - 1).get(d).computeIfAbsent(done.getKey(), v -> new long[2])[converts ? 0 : 1]++;
            }
          }
        }
      }
    }
    firstDone.forEach(Map::clear);
  }

  private List<@Nullable Object[]> rows(List<List<Map<String, long[]>>> counts, long[] converted, long[] dropped) {
    final List<@Nullable Object[]> out = new ArrayList<>();
    for (int k = 0; k < counts.size(); k++) {
      final List<@Nullable Object[]> step = new ArrayList<>();
      for (int d = 0; d < drivers.size(); d++) {
        for (Map.Entry<String, long[]> entry : counts.get(k).get(d).entrySet()) {
          final long with = entry.getValue()[0];
          final long without = entry.getValue()[1];
          if (with + without >= MIN_USERS) {
            final OddsRatio odds = new OddsRatio(with, without, converted[k] - with, dropped[k] - without);
            step.add(new Object[] {k + 2, labels.get(k + 1), drivers.get(d), entry.getKey(), with, without,
                odds.ratio(), odds.pValue()});
          }
        }
      }
      step.sort(Comparator.<@Nullable Object[]>comparingDouble(row -> -Math.abs(Math.log((Double) row[6])))
          .thenComparing(row -> (String) row[2]).thenComparing(row -> (String) row[3]));
      out.addAll(step);
    }
    return out;
  }
}
