package dev.funnelsql.calcite.funnel;

import java.util.List;
import java.util.Set;

/**
 * The segmentations a funnel table takes at each user's entry rather than now: their inputs are spans (user, since,
 * segment) ordered by user and time, looked up at the time of the user's step 1 (see {@link SegmentLookup}).
 *
 * @param segmentations the names of those segmentations
 * @param timeScale the factor from a span's time to the funnel's time line
 */
record EntrySegments(Set<String> segmentations, long timeScale) {
  /** None: every segmentation taken now. */
  static final EntrySegments NONE = new EntrySegments(Set.of(), 1);

  EntrySegments {
    segmentations = Set.copyOf(segmentations);
  }

  /** Per input, the factor from a span's time to the time line, or 0 where the input is a membership. */
  long[] spanScales(List<String> inputs) {
    final long[] scales = new long[inputs.size()];
    for (int i = 0; i < scales.length; i++) {
      scales[i] = segmentations.contains(inputs.get(i)) ? timeScale : 0;
    }
    return scales;
  }
}
