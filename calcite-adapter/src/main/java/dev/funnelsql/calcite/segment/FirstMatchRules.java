package dev.funnelsql.calcite.segment;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rules of a segmentation whose segment is the first rule that holds, for its model check: each rule's segment
 * and aggregate condition (SQL over one user's events), in order, and the segment of users for whom none holds.
 *
 * @param segments the segment of each rule, in rule order
 * @param conditions the condition of each rule, in rule order
 * @param otherwise the segment of users matching no rule, or null when they are in no segment
 */
public record FirstMatchRules(List<String> segments, List<String> conditions, @Nullable String otherwise) {
  /** Copies the lists; there is one segment per condition. */
  public FirstMatchRules {
    segments = List.copyOf(segments);
    conditions = List.copyOf(conditions);
    if (segments.size() != conditions.size()) {
      throw new IllegalArgumentException("one segment per condition");
    }
  }
}
