package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsRelation;
import java.util.List;

/**
 * One segmentation of a model, ready to compute: every user gets at most one segment (exactly one when it is
 * exhaustive). Built by a {@link SegmentKind}.
 */
public interface Segmentation {
  /** The segmentation's name in the model. */
  String name();

  /** The segment names in display order, or an empty list when the set is open (e.g. property values). */
  List<String> segments();

  /** Whether every user falls in some segment (no NULL segment). */
  boolean exhaustive();

  /**
   * The SQL that assigns segments: a query with columns {@code user_id} and {@code segment}, one row per user that
   * has events in {@code events}.
   */
  String membershipSql(EventsRelation events);

  /**
   * The SQL that assigns segments per calendar period: columns {@code user_id}, {@code period} (a TIMESTAMP, the
   * period's start as {@code PERIOD_START(time, unit)} gives it) and {@code segment}, one row per user and period in
   * which the user has events (a kind may add rows for periods without events, e.g. a lifecycle's "dormant").
   *
   * @param unit {@code day}, {@code week} or {@code month}
   */
  default String membershipByPeriodSql(EventsRelation events, String unit) {
    throw new UnsupportedOperationException("segmentation '" + name() + "' cannot be computed per period");
  }
}
