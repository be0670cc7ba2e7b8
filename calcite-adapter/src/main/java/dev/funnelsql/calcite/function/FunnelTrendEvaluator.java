package dev.funnelsql.calcite.function;

import dev.funnelsql.functions.period.CalendarPeriod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A funnel's trend over one user's rows in time order: for each calendar period in which the user did step 1, the
 * level of the funnel scoped to that period (its step 1 in the period, its later steps up to the window past the
 * period's end), as the date scope of the funnel tables computes it for one range. Each such period has its own
 * {@link ExcludingFunnelEvaluator}, fed the rows from its first step 1 on, with step 1 kept only for rows in the
 * period; it is closed once a row lies past the period's end plus the window. The result lists, by period, its start
 * and the level reached: {@code [start1, level1, start2, level2, …]}.
 */
final class FunnelTrendEvaluator implements GroupEvaluator {
  private final FunnelTrendSpec spec;
  private final long window;
  private final List<Entry> open = new ArrayList<>();
  /** Evaluators of closed entries, reused: a state machine is costly to allocate for every user and period. */
  private final List<ExcludingFunnelEvaluator> spare = new ArrayList<>();
  private List<Long> result = new ArrayList<>();
  /** The masks of the rows so far at the latest time, {@code sameTime}. */
  private int[] sameTimeMasks = new int[4];
  private int sameTimeCount;
  private long sameTime;
  /** The period of the latest row: {@code [periodStart, nextPeriodStart)} on the wall clock. */
  private long periodStart = Long.MAX_VALUE;
  private long nextPeriodStart = Long.MIN_VALUE;
  /** The instant the period of the latest row ends. */
  private long periodEnd = Long.MIN_VALUE;

  /** One entry period of the user, and the funnel scoped to it. */
  private static final class Entry {
    final long start;
    final long end;
    final ExcludingFunnelEvaluator funnel;

    Entry(long start, long end, ExcludingFunnelEvaluator funnel) {
      this.start = start;
      this.end = end;
      this.funnel = funnel;
    }
  }

  FunnelTrendEvaluator(FunnelTrendSpec spec) {
    this.spec = spec;
    this.window = spec.funnel().funnel().window();
  }

  @Override public void reset() {
    open.clear();
    result = new ArrayList<>(4);
    sameTimeCount = 0;
  }

  @Override public void accept(long time, int mask) {
    final CalendarPeriod period = spec.period();
    final long local = spec.calendar().toLocal(time);
    if (local < periodStart || local >= nextPeriodStart) {
      // The calendar is costly per row; a user's rows mostly fall in the period of the row before.
      periodStart = period.start(local);
      nextPeriodStart = period.next(periodStart);
      periodEnd = spec.calendar().toInstant(nextPeriodStart);
    }
    final long start = periodStart;
    while (!open.isEmpty() && time - open.get(0).end >= window) {
      close(open.remove(0));
    }
    if (time != sameTime || sameTimeCount == 0) {
      sameTime = time;
      sameTimeCount = 0;
    }
    if ((mask & 1) != 0 && (open.isEmpty() || open.get(open.size() - 1).start != start)) {
      final ExcludingFunnelEvaluator funnel = spare.isEmpty() ? new ExcludingFunnelEvaluator(spec.funnel())
          : spare.remove(spare.size() - 1);
      funnel.reset();
      // Rows at the same instant may come in any order: those before this step 1 count for the new entry too.
      for (int i = 0; i < sameTimeCount; i++) {
        funnel.accept(time, sameTimeMasks[i]);
      }
      open.add(new Entry(start, periodEnd, funnel));
    }
    for (int e = 0; e < open.size(); e++) {
      final Entry entry = open.get(e);
      entry.funnel.accept(time, entry.start == start ? mask : mask & ~1);
    }
    if (sameTimeCount == sameTimeMasks.length) {
      sameTimeMasks = Arrays.copyOf(sameTimeMasks, sameTimeCount * 2);
    }
    sameTimeMasks[sameTimeCount++] = mask;
  }

  private void close(Entry entry) {
    final long level = entry.funnel.level();
    result.add(entry.start);
    result.add(level);
    spare.add(entry.funnel);
  }

  @Override public boolean stopped() {
    return false;
  }

  @Override public @Nullable Object result() {
    while (!open.isEmpty()) {
      close(open.remove(0));
    }
    return result;
  }
}
