package dev.funnelsql.calcite.function;

import java.util.Arrays;
import java.util.List;

/**
 * A funnel's trend over one user's rows in any order (the form Calcite's own aggregate runs): the rows are kept and,
 * for the result, sorted by time and handed to a {@link FunnelTrendEvaluator}. Not thread-safe.
 */
public final class FunnelTrendAccumulator {
  private final FunnelTrendSpec spec;
  private long[] times = new long[8];
  private int[] masks = new int[8];
  private int size;

  /** Creates an empty accumulator. */
  public FunnelTrendAccumulator(FunnelTrendSpec spec) {
    this.spec = spec;
  }

  /** Adds one row: its time and the bits of the conditions it matches. */
  public void add(long time, int mask) {
    if (size == times.length) {
      times = Arrays.copyOf(times, size * 2);
      masks = Arrays.copyOf(masks, size * 2);
    }
    times[size] = time;
    masks[size] = mask;
    size++;
  }

  /** The trend of the rows added: {@code [start1, level1, start2, level2, …]} by entry period. */
  public List<Long> result() {
    final Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
    final FunnelTrendEvaluator evaluator = new FunnelTrendEvaluator(spec);
    evaluator.reset();
    for (Integer i : order) {
      evaluator.accept(times[i], masks[i]);
    }
    @SuppressWarnings("unchecked")
    final List<Long> result = (List<Long>) evaluator.result();
    return result;
  }
}
