package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.segment.ThresholdRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The segmentations a funnel table takes at each user's entry rather than now, or computes with the funnel. One taken
 * at entry is taken at the time of the user's step 1 in one of two ways: from its threshold times, computed with the
 * funnel in one pass over the user's events ({@code withFunnel}), which a column of the funnel's per-user row holds
 * (each atom's time; its own input is empty) and whose atoms reached by then give the segment; or from its input of
 * spans (user, since, segment) ordered by user and time (see {@link SegmentLookup}). One taken now may be computed
 * with the funnel the same way, from every atom reached; else its input is a membership.
 *
 * @param segmentations the names of the segmentations taken at entry
 * @param timeScale the factor from a span's time to the funnel's time line
 * @param withFunnel the segmentations (at entry or now) taken from threshold times computed with the funnel
 */
record EntrySegments(Set<String> segmentations, long timeScale, Map<String, CountsInRow> withFunnel) {
  /** None: every segmentation taken now. */
  static final EntrySegments NONE = new EntrySegments(Set.of(), 1, Map.of());

  EntrySegments {
    segmentations = Set.copyOf(segmentations);
    withFunnel = Map.copyOf(withFunnel);
  }

  /** The same, for a table that reads only the segmentations {@code kept}. */
  EntrySegments keeping(List<String> kept) {
    final Map<String, CountsInRow> computed = new HashMap<>(withFunnel);
    computed.keySet().retainAll(kept);
    return new EntrySegments(segmentations, timeScale, computed);
  }

  /** Per input, how its rows become a lookup: a membership, spans, or the names alone (threshold times). */
  List<PendingLookups.Read> reads(List<String> inputs) {
    final List<PendingLookups.Read> reads = new ArrayList<>();
    for (String input : inputs) {
      final @Nullable CountsInRow counts = withFunnel.get(input);
      if (counts != null) {
        reads.add((rows, stopped) -> SegmentLookup.named(counts.rules().segments()));
      } else if (segmentations.contains(input)) {
        reads.add((rows, stopped) -> SegmentLookup.loadSpans(rows, timeScale, stopped));
      } else {
        reads.add(SegmentLookup::load);
      }
    }
    return reads;
  }

  /**
   * Per input read, its counts in the funnel's row where it is taken with the funnel, else null (the input's lookup
   * answers, as it does, empty, for an input not read).
   *
   * @param read per input, whether the table reads it
   */
  @Nullable CountsInRow[] inFunnelRow(List<String> inputs, boolean[] read) {
    final @Nullable CountsInRow[] counts = new CountsInRow[inputs.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = read[i] ? withFunnel.get(inputs.get(i)) : null;
    }
    return counts;
  }

  /**
   * A segmentation taken from threshold times computed with the funnel.
   *
   * @param rules its rules as counts against thresholds
   * @param column the column of the funnel's per-user row that holds its atoms' times
   * @param atEntry whether it is taken at each user's entry (else now, over all their events)
   */
  record CountsInRow(ThresholdRules rules, int column, boolean atEntry) {
    /**
     * The index of the segment of a user who entered at {@code entered} (taken at entry) or now, from the threshold
     * times in their funnel row (one per atom, NULL where not reached), or -1 for none (also for a NULL user, who is
     * in no segment, as a lookup of spans or memberships says).
     */
    int segmentAt(@Nullable Object[] row, long entered) {
      if (row[0] == null) {
        return -1;
      }
      final long until = atEntry ? entered : Long.MAX_VALUE;
      final @Nullable List<?> times = (List<?>) row[column];
      int reached = 0;
      for (int a = 0; times != null && a < times.size(); a++) {
        final @Nullable Object time = times.get(a);
        if (time != null && ((Number) time).longValue() <= until) {
          reached |= 1 << a;
        }
      }
      return rules.segmentAt(reached);
    }
  }
}
