package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.funnel.EntrySegments.CountsInRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The executable part of a funnel table, shared by every execution of its plan (immutable): it turns the funnel's
 * per-user rows (user, step times) and the segmentations' memberships (user, segment) into the table's rows, counting
 * as it goes, so that no per-user row reaches Calcite's generic operators. The detail table streams; the summary and
 * the chart keep a few counters and the seconds to each step per segment (for exact medians).
 */
public final class FunnelTableRows {
  private final FunnelTableKind kind;
  private final List<String> names;
  private final List<String> labels;
  private final List<String> segmentations;
  private final long unitsPerSecond;
  private final long window;
  private final boolean entersAtStepOne;
  private final int breakdownParameter;
  private final @Nullable EventsAfterFunnel afterFunnel;
  private final @Nullable AttributedBreakdowns attributed;
  private final EntrySegments atEntry;

  /**
   * Creates the executable part of a table.
   *
   * @param kind which table
   * @param names the step names
   * @param segmentations the segmentations whose memberships the table reads, in the order of its inputs
   * @param unitsPerSecond units of the time line per second (1000 for timestamps, 1 for numbers)
   * @param window the funnel's window in units of the time line
   * @param entersAtStepOne whether a user enters the funnel at its step 1 (false for {@code unordered} funnels,
   *     whose users enter at whichever step they do first)
   * @param attributed the breakdowns among {@code segmentations} that are columns of the events, whose inputs are
   *     their step rows ordered by user rather than memberships, or null if there are none
   * @param atEntry the segmentations taken at each user's entry, whose inputs are spans, or whose threshold times a
   *     column of the funnel's per-user rows holds
   */
  FunnelTableRows(FunnelTableKind kind, List<String> names, List<String> segmentations, long unitsPerSecond,
      long window, boolean entersAtStepOne, @Nullable AttributedBreakdowns attributed, EntrySegments atEntry) {
    this(kind, names, segmentations, unitsPerSecond, window, entersAtStepOne, -1, null, attributed, atEntry);
  }

  /**
   * Creates the executable part of {@link FunnelTableKind#DRIVERS}, which reads the events after the funnel's rows.
   *
   * @param drivers the drivers' names: {@code event}, then the funnel's {@code drivers:} columns
   * @param timeScale the factor from an event row's time to the time line
   */
  static FunnelTableRows drivers(List<String> names, long unitsPerSecond, long window, List<String> drivers,
      long timeScale) {
    return new FunnelTableRows(FunnelTableKind.DRIVERS, names, List.of(), unitsPerSecond, window, true, -1,
        new ConversionDrivers(labels(names), drivers, window, timeScale), null, EntrySegments.NONE);
  }

  /**
   * Creates the executable part of {@link FunnelTableKind#PATHS}, which reads the events after the funnel's rows.
   *
   * @param timeScale the factor from an event row's time to the time line
   */
  static FunnelTableRows dropOffPaths(List<String> names, long unitsPerSecond, long window, long timeScale) {
    return new FunnelTableRows(FunnelTableKind.PATHS, names, List.of(), unitsPerSecond, window, true, -1,
        new DropOffPaths(labels(names), timeScale), null, EntrySegments.NONE);
  }

  private FunnelTableRows(FunnelTableKind kind, List<String> names, List<String> segmentations, long unitsPerSecond,
      long window, boolean entersAtStepOne, int breakdownParameter, @Nullable EventsAfterFunnel afterFunnel,
      @Nullable AttributedBreakdowns attributed, EntrySegments atEntry) {
    this.atEntry = atEntry;
    this.afterFunnel = afterFunnel;
    this.attributed = attributed;
    this.breakdownParameter = breakdownParameter;
    this.window = window;
    this.entersAtStepOne = entersAtStepOne;
    this.kind = kind;
    this.names = List.copyOf(names);
    this.segmentations = List.copyOf(segmentations);
    this.unitsPerSecond = unitsPerSecond;
    this.labels = labels(names);
  }

  /** The steps' labels: {@code 1. Viewed product}, with a leading zero below 10 when there are ten steps or more. */
  private static List<String> labels(List<String> names) {
    final List<String> labels = new ArrayList<>();
    for (int k = 1; k <= names.size(); k++) {
      labels.add((names.size() >= 10 && k < 10 ? "0" : "") + k + ". " + names.get(k - 1));
    }
    return List.copyOf(labels);
  }

  FunnelTableKind kind() {
    return kind;
  }

  List<String> segmentations() {
    return segmentations;
  }

  /** Whether it takes segments now from threshold times computed with the funnel, which count every event. */
  boolean countsNow() {
    return atEntry.withFunnel().values().stream().anyMatch(counts -> !counts.atEntry());
  }

  /** The segmentations it reads that it takes at each user's entry (the others are taken now), in input order. */
  List<String> takenAtEntry() {
    return segmentations.stream().filter(atEntry.segmentations()::contains).toList();
  }

  /** Whether it computes segmentation {@code name} with the funnel, from threshold times in the funnel's row. */
  boolean computesWithFunnel(String name) {
    return atEntry.withFunnel().containsKey(name);
  }

  /** The same table reading only the memberships of {@code kept} (a subset of its segmentations, in order). */
  FunnelTableRows keeping(List<String> kept) {
    return new FunnelTableRows(kind, names, kept, unitsPerSecond, window, entersAtStepOne,
        breakdownParameter, afterFunnel, attributed, atEntry.keeping(kept));
  }

  /**
   * The same table for a query that keeps one breakdown named by a parameter ({@code WHERE breakdown = ?}, as a
   * shared plan of literal SQL is): each execution reads only the memberships of the breakdown bound to it.
   */
  FunnelTableRows selectingBreakdownBy(int parameter) {
    return new FunnelTableRows(kind, names, segmentations, unitsPerSecond, window, entersAtStepOne,
        parameter, afterFunnel, attributed, atEntry);
  }

  /** The funnel's window in units of the time line: how far past its entry a user's last step may lie. */
  long window() {
    return window;
  }

  /** Whether a user enters the funnel at its step 1 (not so in an {@code unordered} funnel). */
  boolean entersAtStepOne() {
    return entersAtStepOne;
  }

  /** The index of the parameter that names the one breakdown a query keeps, or -1. */
  int breakdownParameter() {
    return breakdownParameter;
  }

  /**
   * The table's rows. Called by the generated code of {@link EnumerableFunnelTable}.
   *
   * @param users the funnel's rows: the user and the list of step times (NULL past the last step kept)
   * @param memberships per segmentation, what builds its rows (user and segment) when called; of {@link
   *     FunnelTableKind#DRIVERS} and {@link FunnelTableKind#PATHS}, the events they read, ordered by user
   * @param breakdown the one breakdown the query keeps (the value of {@link #breakdownParameter}), or null: the
   *     other segmentations' memberships are not read (their rows are filtered away above this table)
   * @param cancelFlag the statement's cancel flag, or null: waiting for the memberships stops when it is set
   * @param oneAtATime whether the memberships are read one after another rather than all at once, because the store
   *     groups them in this JVM's heap ({@link dev.funnelsql.calcite.store.StoreDialect#sharesTheJvmHeap})
   */
  public Enumerable<@Nullable Object[]> rows(Enumerable<@Nullable Object[]> users,
      Function0<Enumerable<@Nullable Object[]>>[] memberships, @Nullable Object breakdown,
      @Nullable AtomicBoolean cancelFlag, boolean oneAtATime) {
    final boolean[] read = new boolean[memberships.length];
    final boolean[] column = new boolean[memberships.length];
    for (int s = 0; s < read.length; s++) {
      read[s] = breakdown == null || segmentations.get(s).equals(breakdown.toString());
      column[s] = attributed != null && attributed.isColumn(segmentations.get(s));
    }
    if (kind == FunnelTableKind.DETAIL) {
      return new AbstractEnumerable<>() {
        @Override public Enumerator<@Nullable Object[]> enumerator() {
          return new DetailRows(users, atEntry.inFunnelRow(segmentations, read),
              PendingLookups.start(memberships, read, atEntry.reads(segmentations), cancelFlag,
                  oneAtATime));
        }
      };
    }
    final EventsAfterFunnel eventsAfter = afterFunnel;
    if (eventsAfter != null) {
      return new AbstractEnumerable<>() {
        @Override public Enumerator<@Nullable Object[]> enumerator() {
          return Linq4j.enumerator(eventsAfter.rows(users, memberships[0].apply(), cancelFlag));
        }
      };
    }
    if (kind == FunnelTableKind.TREND) {
      return new AbstractEnumerable<>() {
        @Override public Enumerator<@Nullable Object[]> enumerator() {
          return Linq4j.enumerator(trend(users));
        }
      };
    }
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        final boolean[] membership = new boolean[read.length];
        boolean anyColumn = false;
        for (int s = 0; s < read.length; s++) {
          membership[s] = read[s] && !column[s];
          anyColumn |= read[s] && column[s];
        }
        final PendingLookups pending = PendingLookups.start(memberships, membership,
            atEntry.reads(segmentations), cancelFlag, oneAtATime);
        if (!anyColumn) {
          return Linq4j.enumerator(summarize(users, pending, new SegmentLookup[read.length],
              atEntry.inFunnelRow(segmentations, membership)));
        }
        // The column breakdowns need each user's chain before they read their events.
        final SegmentLookup[] values = new SegmentLookup[read.length];
        final EnteredUsers entered;
        try {
          entered = EnteredUsers.read(users);
          for (int s = 0; s < read.length; s++) {
            if (read[s] && column[s]) {
              values[s] = attributed.values(entered.chains(), memberships[s].apply(), cancelFlag);
            }
          }
        } catch (RuntimeException | Error e) {
          pending.cancel();
          throw e;
        }
        return Linq4j.enumerator(summarize(Linq4j.asEnumerable(entered.rows()), pending, values,
            atEntry.inFunnelRow(segmentations, membership)));
      }
    };
  }

  /**
   * Counts the users per entry period and step: each user's row lists, per period in which the user entered, the
   * period's start and the level reached ({@code [start1, level1, …]}).
   */
  private List<@Nullable Object[]> trend(Enumerable<@Nullable Object[]> users) {
    final Map<Long, long[]> byPeriod = new TreeMap<>();
    try (Enumerator<@Nullable Object[]> rows = users.enumerator()) {
      while (rows.moveNext()) {
        @SuppressWarnings("unchecked")
        final @Nullable List<Long> entries = (List<Long>) rows.current()[1];
        for (int i = 0; entries != null && i + 1 < entries.size(); i += 2) {
          final long[] reached = byPeriod.computeIfAbsent(entries.get(i), period -> new long[names.size()]);
          for (int k = 0; k < entries.get(i + 1); k++) {
            reached[k]++;
          }
        }
      }
    }
    final List<@Nullable Object[]> out = new ArrayList<>();
    byPeriod.forEach((start, reached) -> {
      if (reached.length > 0 && reached[0] > 0) {
        for (int k = 0; k < reached.length; k++) {
          out.add(new Object[] {start, k + 1, labels.get(k), reached[k], StepCounts.ratio(reached[k], reached[0]),
              k == 0 ? Double.valueOf(1.0) : StepCounts.ratio(reached[k], reached[k - 1])});
        }
      }
    });
    return out;
  }

  /** The number of steps a user's time list says were kept, and their seconds since entry into {@code since}. */
  private int level(@Nullable Object times, long[] since) {
    if (times == null) {
      return 0;
    }
    @SuppressWarnings("unchecked")
    final List<@Nullable Long> list = (List<@Nullable Long>) times;
    int level = 0;
    while (level < list.size() && list.get(level) != null) {
      since[level] = (list.get(level) - list.get(0)) / unitsPerSecond;
      level++;
    }
    return level;
  }

  /**
   * Counts the users per step, overall and per segment. The step scan runs (at the first row) while the memberships
   * load; the counting starts when both are there.
   *
   * @param columnValues per input, the users' values of a column breakdown, or null where the input is a membership
   */
  private List<@Nullable Object[]> summarize(Enumerable<@Nullable Object[]> users, PendingLookups pending,
      @Nullable SegmentLookup[] columnValues, @Nullable CountsInRow[] inRow) {
    final StepCounts overall = new StepCounts(names.size(), kind);
    final long[] since = new long[names.size()];
    final List<SegmentLookup> lookups;
    final StepCounts[][] bySegment;
    final Enumerator<@Nullable Object[]> rows;
    try {
      rows = users.enumerator();
    } catch (RuntimeException | Error e) {
      pending.cancel();
      throw e;
    }
    try (rows) {
      boolean more;
      try {
        more = rows.moveNext();
        lookups = new ArrayList<>(pending.await());
      } finally {
        pending.cancel();
      }
      for (int s = 0; s < columnValues.length; s++) {
        if (columnValues[s] != null) {
          lookups.set(s, columnValues[s]);
        }
      }
      // Per breakdown, the counts of each segment by its index + 1; slot 0 counts the users in no segment.
      bySegment = new StepCounts[lookups.size()][];
      for (int b = 0; b < lookups.size(); b++) {
        bySegment[b] = new StepCounts[lookups.get(b).segments() + 1];
      }
      for (; more; more = rows.moveNext()) {
        final @Nullable Object[] row = rows.current();
        final int level = level(row[1], since);
        if (level == 0) {
          continue;
        }
        @SuppressWarnings("unchecked")
        final long entered = ((List<Long>) row[1]).get(0);
        overall.add(level, since, entered);
        for (int b = 0; b < lookups.size(); b++) {
          final @Nullable CountsInRow withFunnel = inRow[b];
          final int slot = (withFunnel != null ? withFunnel.segmentAt(row, entered)
              : lookups.get(b).indexOf(row[0], entered)) + 1;
          StepCounts counts = bySegment[b][slot];
          if (counts == null) {
            counts = new StepCounts(names.size(), kind);
            bySegment[b][slot] = counts;
          }
          counts.add(level, since, entered);
        }
      }
    }
    final List<@Nullable Object[]> out = new ArrayList<>();
    if (kind == FunnelTableKind.CHART) {
      overall.addChartRows(out, labels);
      return out;
    }
    if (kind == FunnelTableKind.TIME_TO_CONVERT) {
      overall.addTimeToConvertRows(out, labels, window / unitsPerSecond);
      return out;
    }
    overall.addRows(out, labels, names, null, null);
    final Map<String, Integer> byName = new TreeMap<>();
    for (int b = 0; b < segmentations.size(); b++) {
      byName.putIfAbsent(segmentations.get(b), b);
    }
    byName.forEach((breakdown, b) -> {
      final Map<@Nullable String, StepCounts> sorted = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
      for (int slot = 0; slot < bySegment[b].length; slot++) {
        if (bySegment[b][slot] != null) {
          sorted.put(slot == 0 ? null : lookups.get(b).name(slot - 1), bySegment[b][slot]);
        }
      }
      sorted.forEach((segment, counts) -> counts.addRows(out, labels, names, breakdown, segment));
    });
    return out;
  }

  /** The rows of {@code funnels.<f>}: a user's steps, one row each, with the user's segment in each segmentation. */
  private final class DetailRows implements Enumerator<@Nullable Object[]> {
    private final Enumerator<@Nullable Object[]> users;
    private final PendingLookups pending;
    private @Nullable List<SegmentLookup> lookups;
    private final long[] since = new long[names.size()];
    private final @Nullable CountsInRow[] inRow;
    private @Nullable Object[] user = new Object[0];
    private @Nullable Object[] segments = new Object[0];
    private @Nullable Object[] current;
    private int level;
    private int step;

    DetailRows(Enumerable<@Nullable Object[]> users, @Nullable CountsInRow[] inRow,
        PendingLookups pending) {
      this.inRow = inRow;
      this.pending = pending;
      try {
        this.users = users.enumerator();
      } catch (RuntimeException | Error e) {
        pending.cancel();
        throw e;
      }
    }

    /** The memberships, once the step scan has its first row (or is empty). */
    private List<SegmentLookup> lookups() {
      if (lookups == null) {
        try {
          lookups = pending.await();
        } finally {
          pending.cancel();
        }
      }
      return lookups;
    }

    @Override public @Nullable Object[] current() {
      return current;
    }

    @Override public boolean moveNext() {
      while (step >= level) {
        final boolean more;
        try {
          more = users.moveNext();
        } catch (RuntimeException | Error e) {
          pending.cancel();
          throw e;
        }
        if (!more) {
          return false;
        }
        user = users.current();
        level = level(user[1], since);
        step = 0;
        if (level > 0) {
          final List<SegmentLookup> all = lookups();
          @SuppressWarnings("unchecked")
          final long entered = ((List<Long>) user[1]).get(0);
          segments = new Object[all.size()];
          for (int s = 0; s < all.size(); s++) {
            final @Nullable CountsInRow counts = inRow[s];
            if (counts != null) {
              final int index = counts.segmentAt(user, entered);
              segments[s] = index < 0 ? null : all.get(s).name(index);
            } else {
              segments[s] = all.get(s).segmentOf(user[0], entered);
            }
          }
        }
      }
      @SuppressWarnings("unchecked")
      final List<Long> times = (List<Long>) user[1];
      final @Nullable Object[] row = new Object[6 + segments.length];
      row[0] = user[0];
      row[1] = step + 1;
      row[2] = names.get(step);
      row[3] = times.get(0);
      row[4] = times.get(step);
      row[5] = since[step];
      System.arraycopy(segments, 0, row, 6, segments.length);
      step++;
      current = row;
      return true;
    }

    @Override public void reset() {
      throw new UnsupportedOperationException("a funnel table is read once");
    }

    @Override public void close() {
      pending.cancel();
      users.close();
    }
  }
}
