package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.EventsRelation;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

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

  /**
   * The SQL of each user's segment at the end of each period in which they have events (columns {@code user_id},
   * {@code period} as {@code PERIOD_START} gives it, {@code first_at} the user's first event time in it, and
   * {@code segment}), for a kind whose
   * segment depends only on the user's own events up to the time it is taken: it then holds until the user's next
   * period with events, so the history is one pass. Null by default: the history runs {@link #membershipSql} as of
   * each period's end.
   *
   * @param unit {@code day}, {@code week} or {@code month}
   */
  default @Nullable String runningMembershipSql(EventsRelation events, String unit) {
    return null;
  }

  /**
   * The SQL of each user's segment as of the times a funnel asks, for a kind whose segment as of a time depends only
   * on the user's own events up to that time (their time at most it), as {@code SEGMENT_OF(…, as_of)} takes it:
   * columns {@code user_id}, {@code since} (an event time of the user) and {@code segment} (NULL when the user is in
   * none), such that at the time of each event that meets {@code anchor} the user's segment is that of their last row
   * at or before it, and none before their first row. A kind may give a row at each anchor event, or one wherever the
   * segment changes (which answers every time). A funnel reads it to take a breakdown at each user's entry, an event
   * of its step 1. Null by default: the segment as of a time also depends on other users' events or on the time.
   *
   * @param anchor a condition on the events (SQL): the events at whose times the segment is asked
   */
  default @Nullable String spansSql(EventsRelation events, String anchor) {
    return null;
  }

  /**
   * The rules of a kind whose segment at a time follows from counts against thresholds reached by then ({@link
   * ThresholdRules}), so that a funnel takes it at each user's entry from a few times per user rather than from
   * running totals at every event; null for other kinds and shapes (the default).
   */
  default @Nullable ThresholdRules thresholdRules() {
    return null;
  }

  /**
   * The calendar period of the {@code <name>_transitions} table: {@code day}, {@code week} (the default) or
   * {@code month}, from the segmentation's optional {@code period:} key (see {@link SegmentOptions#period}).
   */
  default String period() {
    return "week";
  }

  /**
   * The rules of a kind whose segment is the first of several conditions that holds (the {@code rules} kind), so that
   * {@code <name>_check} also reports the users for whom two rules hold and those for whom none does; null for other
   * kinds.
   */
  default @Nullable FirstMatchRules firstMatchRules() {
    return null;
  }

  /** The tipping-point analysis of the optional {@code tipping_point:} key, or null (see {@link TippingPoint}). */
  default @Nullable TippingPoint tippingPoint() {
    return null;
  }

  /**
   * Statements to prepare when the connection opens, each keyed by the model node whose expression it checks, so a
   * wrong expression is reported at its own line (e.g. one rule of a rules segmentation). None by default.
   */
  default java.util.Map<dev.funnelsql.calcite.model.ModelNode, String> expressionChecks(EventsRelation events) {
    return java.util.Map.of();
  }
}
