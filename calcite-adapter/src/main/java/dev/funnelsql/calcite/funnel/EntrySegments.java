package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.segment.ThresholdRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The segmentations a funnel table takes at each user's entry rather than now: their inputs are spans (user, since,
 * segment) ordered by user and time, or, for those given {@code thresholds}, each user's threshold times (user and
 * an array: the first time of step 1, then each atom's time), looked up at the time of the user's step 1 (see
 * {@link SegmentLookup}).
 *
 * @param segmentations the names of those segmentations
 * @param timeScale the factor from a span's time to the funnel's time line
 * @param thresholds of those segmentations, the ones read as threshold times, with their rules
 */
record EntrySegments(Set<String> segmentations, long timeScale, Map<String, ThresholdRules> thresholds) {
  /** None: every segmentation taken now. */
  static final EntrySegments NONE = new EntrySegments(Set.of(), 1, Map.of());

  EntrySegments {
    segmentations = Set.copyOf(segmentations);
    thresholds = Map.copyOf(thresholds);
  }

  /** Per input, how its rows become a lookup: a membership, spans, or threshold times. */
  List<PendingLookups.Read> reads(List<String> inputs) {
    final List<PendingLookups.Read> reads = new ArrayList<>();
    for (String input : inputs) {
      final @Nullable ThresholdRules rules = thresholds.get(input);
      if (rules != null) {
        reads.add((rows, stopped) -> SegmentLookup.loadThresholdTimes(rows, rules, stopped));
      } else if (segmentations.contains(input)) {
        reads.add((rows, stopped) -> SegmentLookup.loadSpans(rows, timeScale, stopped));
      } else {
        reads.add(SegmentLookup::load);
      }
    }
    return reads;
  }
}
