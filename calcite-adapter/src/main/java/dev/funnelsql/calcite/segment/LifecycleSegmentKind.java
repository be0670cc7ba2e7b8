package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.schema.PeriodSql;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.calcite.schema.SqlText;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code lifecycle} kind, {@code {kind: lifecycle, period: day|week|month, active: "<condition>"}} (period
 * default {@code week}, active default {@code TRUE}): where each user stands in the current period, PostHog-style.
 *
 * <p>A user is active in a calendar period ({@code PERIOD_START}, UTC, ISO weeks) if one of the user's events with a
 * time in it meets {@code active}. The current period C is the period of the latest event in the store. Then:
 * <ul>
 *   <li>{@code new}: active in C, and C is the user's first active period;</li>
 *   <li>{@code returning}: active in C and in C−1;</li>
 *   <li>{@code resurrected}: active in C, not in C−1, but in some period before;</li>
 *   <li>{@code dormant}: not active in C but active in C−1;</li>
 *   <li>{@code inactive}: every other user with events (including users never active).</li>
 * </ul>
 * Exhaustive.
 *
 * <p>Per period ({@link Segmentation#membershipByPeriodSql}), one row per user for each period P in which the user is
 * active (classified {@code new}, {@code returning} or {@code resurrected} as above with P for C), plus one
 * {@code dormant} row for the period right after each active period in which the user is not active, C + 1 included
 * (the transitions keep only periods up to C; bounding them here too would cost H2 another join). A user has no row in
 * the other periods (before the first active period, or after a dormant one until the user is active again): there
 * the user is {@code inactive}. So the rows are finite — at most two per active period — and the row of period C
 * agrees with the current segment of every user who was ever active.
 */
public final class LifecycleSegmentKind implements SegmentKind {
  /** The segments, in display order. */
  static final List<String> SEGMENTS = List.of("new", "returning", "resurrected", "dormant", "inactive");

  @Override public String name() {
    return "lifecycle";
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys(SegmentOptions.keys("kind", "active"));
    final String period = SegmentOptions.period(options);
    final @Nullable TippingPoint tippingPoint = SegmentOptions.tippingPoint(options, period);
    final @Nullable Located active = options.optionalText("active");
    final String condition = active == null ? "TRUE" : ModelExpressions.canonical(active, "the active condition");
    return new Lifecycle(config.name(), period, condition, tippingPoint);
  }

  /** A lifecycle segmentation, ready to compute. */
  private static final class Lifecycle extends SegmentationBase {
    /** The start of the current period C, a column of the one-row bounds table. */
    private static final String CURRENT = "\"funnelsql$current\"";
    /** The start of C-1. */
    private static final String PREVIOUS = "\"funnelsql$previous\"";
    /** The number of events in the store. */
    private static final String EVENTS = "\"funnelsql$events\"";
    private final String active;

    Lifecycle(String name, String period, String active, @Nullable TippingPoint tippingPoint) {
      super(name, SEGMENTS, true, period, tippingPoint);
      this.active = active;
    }

    @Override public String membershipSql(EventsRelation events) {
      // The starts of C and C-1 are computed once, in a one-row table, and each event is placed by comparing its
      // time with them (every time is at most the latest): a PERIODS_BETWEEN per event and flag would cost H2 two
      // calendar functions each. The one-row table is the left side of an outer join, which H2 keeps first; joined
      // inner, H2 puts the events first to group them in index order and evaluates the one-row table again for
      // every event (see KindSql.latest). The HAVING drops the row that outer join makes of an empty store.
      final String literal = KindSql.unit(period());
      final String bounds = "(SELECT PERIOD_START(MAX(" + events.time() + "), " + literal + ") AS " + CURRENT
          + ", " + PeriodSql.shiftedStart("MAX(" + events.time() + ")", "- " + KindSql.step(period()), literal) + " AS "
          + PREVIOUS + ", COUNT(*) AS " + EVENTS + " FROM " + events.from() + ")";
      // Times are compared with the period starts on the wall clock.
      final String time = PeriodSql.wallClock("e." + events.time());
      final String activeRow = time + " IS NOT NULL AND " + active;
      final String flags = "(SELECT e." + events.user() + " AS \"user_id\", "
          + "MAX(CASE WHEN " + activeRow + " AND " + time + " >= l." + CURRENT + " THEN 1 ELSE 0 END) AS \"now\", "
          + "MAX(CASE WHEN " + activeRow + " AND " + time + " >= l." + PREVIOUS + " AND " + time + " < l." + CURRENT
          + " THEN 1 ELSE 0 END) AS \"prev\", "
          + "MAX(CASE WHEN " + activeRow + " AND " + time + " < l." + PREVIOUS + " THEN 1 ELSE 0 END) AS \"before\" "
          + "FROM " + bounds + " AS l LEFT JOIN " + events.from() + " AS e ON TRUE GROUP BY e." + events.user()
          + " HAVING MAX(l." + EVENTS + ") > 0)";
      return "SELECT a.\"user_id\", CASE"
          + KindSql.when("a.\"now\" = 1 AND a.\"prev\" = 0 AND a.\"before\" = 0", SEGMENTS.get(0))
          + KindSql.when("a.\"now\" = 1 AND a.\"prev\" = 1", SEGMENTS.get(1))
          + KindSql.when("a.\"now\" = 1", SEGMENTS.get(2))
          + KindSql.when("a.\"prev\" = 1", SEGMENTS.get(3))
          + " ELSE " + SqlText.varchar(SEGMENTS.get(4)) + " END AS \"segment\" FROM "
          + flags + " AS a";
    }

    @Override public String membershipByPeriodSql(EventsRelation events, String unit) {
      final String literal = KindSql.unit(unit);
      final String activeRows = " FROM " + events.from() + " WHERE " + events.time() + " IS NOT NULL AND " + active;
      final String activePeriods = "(SELECT DISTINCT " + events.user() + " AS \"user_id\", PERIOD_START("
          + events.time() + ", " + literal + ") AS \"period\"" + activeRows + ")";
      // The period after an active one, from the event time itself (one step on is always in the next period), so
      // that no expression is taken of a grouped period (H2 cannot evaluate those).
      final String nextPeriods = "(SELECT DISTINCT " + events.user() + " AS \"user_id\", "
          + PeriodSql.shiftedStart(events.time(), "+ " + KindSql.step(unit), literal) + " AS \"period\"" + activeRows
          + ")";
      final String candidates = "(SELECT a.\"user_id\", a.\"period\", 1 AS \"now\", 0 AS \"prev\" FROM "
          + activePeriods + " AS a UNION ALL SELECT a.\"user_id\", a.\"period\", 0, 1 FROM " + nextPeriods + " AS a)";
      final String flags = "(SELECT c.\"user_id\", c.\"period\", MAX(c.\"now\") AS \"now\", MAX(c.\"prev\") AS "
          + "\"prev\" FROM " + candidates + " AS c GROUP BY c.\"user_id\", c.\"period\")";
      final String first = "(SELECT a.\"user_id\", MIN(a.\"period\") AS \"first\" FROM " + activePeriods
          + " AS a GROUP BY a.\"user_id\")";
      return "SELECT g.\"user_id\", g.\"period\", CASE"
          + KindSql.when("g.\"now\" = 1 AND g.\"period\" = f.\"first\"", SEGMENTS.get(0))
          + KindSql.when("g.\"now\" = 1 AND g.\"prev\" = 1", SEGMENTS.get(1))
          + KindSql.when("g.\"now\" = 1", SEGMENTS.get(2))
          + " ELSE " + SqlText.varchar(SEGMENTS.get(3)) + " END AS \"segment\" FROM "
          + flags + " AS g JOIN " + first + " AS f ON f.\"user_id\" = g.\"user_id\"";
    }
  }
}
