package dev.funnelsql.calcite.model;

import java.util.List;

/**
 * A segmentation of the model: a kind (such as {@code rules} or {@code property}) and its options, which the
 * segment kind reads and validates itself; it becomes the tables {@code segments.<name>}, {@code <name>_sizes},
 * {@code <name>_history}, {@code <name>_trend}, {@code <name>_check} and, by kind and options, others.
 *
 * @param name the segmentation's name (its key under {@code segmentations:}; any characters)
 * @param where the segmentation's mapping in the model file
 * @param kind the segment kind's name: the {@code kind:} key, or {@code rules} when absent and a {@code rules:} key
 *     is present
 * @param options the whole mapping (the same node as {@code where}); kinds read their own keys from it
 */
public record SegmentationConfig(String name, ModelNode where, String kind, ModelNode options) {
  /** The kind assumed when a segmentation has {@code rules:} and no {@code kind:}. */
  public static final String RULES = "rules";

  /** Suffixes of the tables a segmentation becomes in schema {@code segments}. */
  public static final List<String> TABLE_SUFFIXES = List.of("", "_sizes", "_history", "_trend", "_transitions",
      "_check", "_tipping_points");

  /** The names of the tables this segmentation becomes. */
  public List<String> tableNames() {
    return TABLE_SUFFIXES.stream().map(s -> name + s).toList();
  }
}
