package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.schema.PeriodSql;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.calcite.schema.SqlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code frequency} kind: how often a user does something per period, bucketed at thresholds (light, medium,
 * heavy users).
 *
 * <pre>
 * usage:
 *   kind: frequency
 *   event: "event_name = 'session_started'"   # the rows counted
 *   period: week                              # default week
 *   periods: 4                                # the complete periods averaged (default 4)
 *   thresholds: [1, 3]                        # increasing, 1 to 7 of them; or auto (needs tipping_point:)
 *   segments: [light, medium, heavy]          # optional, one more than the thresholds (auto: 2 by default)
 * </pre>
 *
 * <p>Exactly: the current period C is the period of the latest event; a user's frequency is the number of the user's
 * rows with a time in the {@code periods} complete periods before C (C itself, still running, is left out) for which
 * {@code event} is true (NULL counts as false), divided by {@code periods}. The segment is the last one whose
 * threshold the frequency reaches (at or above), the first segment below every threshold. Every user with events
 * (not NULL) has a segment, so the segmentation is exhaustive.
 *
 * <p>A {@code tipping_point:} (see {@link TippingPoint}) over the same event shows where the thresholds might lie,
 * and marks the ones chosen. With {@code thresholds: auto} the thresholds are the tipping point's chosen ones,
 * computed in the same query as the segments (over the same events, so also as of an {@code as_of}).
 *
 * <p>Per period ({@code _transitions}), the same thresholds against the user's count in that period alone.
 */
public final class FrequencySegmentKind implements SegmentKind {
  /** The most thresholds a segmentation may have (8 segments). */
  static final int MOST_THRESHOLDS = 7;
  /** The default number of complete periods averaged. */
  static final int DEFAULT_PERIODS = 4;

  @Override public String name() {
    return "frequency";
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys(SegmentOptions.keys("kind", "event", "periods", "thresholds", "segments"));
    final String period = SegmentOptions.period(options);
    final String event = ModelExpressions.canonical(options.requireText("event"), "the frequency's event");
    final int periods = SegmentOptions.wholeNumber(options.optionalText("periods"), DEFAULT_PERIODS, 1, 1000,
        "periods");
    final ModelNode thresholdsNode = options.require("thresholds");
    final @Nullable TippingPoint tippingPoint = SegmentOptions.tippingPoint(options, period);
    if (thresholdsNode.isScalar() && thresholdsNode.text().trim().equals("auto")) {
      if (tippingPoint == null) {
        throw thresholdsNode.error("thresholds: auto takes the thresholds from the tipping point: add "
            + "tipping_point: { event: …, outcome: … }");
      }
      final @Nullable ModelNode names = options.optional("segments");
      final int count = names == null ? 2 : names.expectList().items().size() - 1;
      if (count < 1 || count > MOST_THRESHOLDS) {
        throw names.error("segments needs 2 to " + (MOST_THRESHOLDS + 1) + " names, got " + (count + 1));
      }
      return new Frequency(config.name(), segments(names, count), period, tippingPoint.choosing(count), event,
          periods, null);
    }
    if (!thresholdsNode.isList()) {
      throw thresholdsNode.error("thresholds must be a list of increasing numbers or auto, got "
          + thresholdsNode.quoted());
    }
    final List<Double> thresholds = fixedThresholds(thresholdsNode);
    final List<String> segments = segments(options.optional("segments"), thresholds.size());
    return new Frequency(config.name(), segments, period, tippingPoint == null ? null
        : tippingPoint.marking(thresholds), event, periods, thresholds);
  }

  private static List<Double> fixedThresholds(ModelNode list) throws ModelException {
    list.expectList();
    if (list.items().isEmpty() || list.items().size() > MOST_THRESHOLDS) {
      throw list.error("thresholds needs 1 to " + MOST_THRESHOLDS + " numbers, got " + list.items().size());
    }
    final List<Double> thresholds = new ArrayList<>();
    for (ModelNode item : list.items()) {
      final double value;
      try {
        value = Double.parseDouble(item.expectText().text().trim());
      } catch (NumberFormatException e) {
        throw item.error("a threshold must be a number, got " + item.quoted());
      }
      if (!(value > 0) || Double.isInfinite(value)
          || (!thresholds.isEmpty() && value <= thresholds.get(thresholds.size() - 1))) {
        throw item.error("thresholds must be positive and increasing, got " + item.quoted());
      }
      thresholds.add(value);
    }
    return thresholds;
  }

  private static List<String> segments(@Nullable ModelNode node, int thresholds) throws ModelException {
    if (node == null) {
      switch (thresholds) {
        case 1:
          return List.of("light", "heavy");
        case 2:
          return List.of("light", "medium", "heavy");
        case 3:
          return List.of("light", "medium", "heavy", "power");
        default:
          final List<String> tiers = new ArrayList<>();
          for (int i = 1; i <= thresholds + 1; i++) {
            tiers.add("tier " + i);
          }
          return tiers;
      }
    }
    final List<String> names = new ArrayList<>();
    for (ModelNode item : node.expectList().items()) {
      final String name = item.expectText().text();
      if (names.contains(name)) {
        throw item.error("segment '" + name + "' is named twice");
      }
      names.add(name);
    }
    if (names.size() != thresholds + 1) {
      throw node.error("segments needs one name more than there are thresholds (" + (thresholds + 1) + "), got "
          + names.size());
    }
    return names;
  }

  /** A frequency segmentation, ready to compute. */
  private static final class Frequency extends SegmentationBase {
    private final String event;
    private final int periods;
    /** The fixed thresholds, or null when the tipping point chooses them. */
    private final @Nullable List<Double> thresholds;
    private final int count;

    Frequency(String name, List<String> segments, String period, @Nullable TippingPoint tippingPoint, String event,
        int periods, @Nullable List<Double> thresholds) {
      super(name, segments, true, period, tippingPoint);
      this.event = event;
      this.periods = periods;
      this.thresholds = thresholds == null ? null : List.copyOf(thresholds);
      this.count = segments.size() - 1;
    }

    /** The one-row table of the thresholds {@code t1} …: the fixed ones, or those the tipping point chooses. */
    private String thresholdsSql(EventsRelation events) {
      final @Nullable TippingPoint tippingPoint = tippingPoint();
      if (thresholds == null && tippingPoint != null) {
        return tippingPoint.chosenSql(events);
      }
      final List<Double> thresholds = Objects.requireNonNull(this.thresholds);
      final StringBuilder columns = new StringBuilder();
      for (int i = 0; i < thresholds.size(); i++) {
        columns.append(i == 0 ? "" : ", ").append(thresholds.get(i)).append(" AS \"t").append(i + 1).append('"');
      }
      return "SELECT " + columns + " FROM (VALUES (0)) AS v(\"x\")";
    }

    /**
     * The segment of the frequency {@code f.n / divisor}: the number of the thresholds {@code f.t1} … it reaches (at
     * or above), which is the last one it reaches for fixed (increasing) thresholds and counts chosen ones, which come
     * in no order, alike.
     */
    private String segment(int divisor) {
      final String frequency = "CAST(f.\"n\" AS DOUBLE) / " + divisor;
      final StringJoiner reached = new StringJoiner(" + ", "CASE ", "");
      for (int i = 1; i <= count; i++) {
        reached.add("CASE WHEN " + frequency + " >= f.\"t" + i + "\" THEN 1 ELSE 0 END");
      }
      final StringBuilder sql = new StringBuilder(reached.toString());
      for (int i = segments().size() - 1; i >= 1; i--) {
        sql.append(" WHEN ").append(i).append(" THEN ").append(SqlText.varchar(segments().get(i)));
      }
      return sql.append(" ELSE ").append(SqlText.varchar(segments().get(0))).append(" END").toString();
    }

    @Override public String membershipSql(EventsRelation events) {
      final String literal = KindSql.unit(period());
      // The one-row table of the bounds is the left side of an outer join, as in LifecycleSegmentKind; the HAVING
      // drops the group of a NULL user and the row that join makes of an empty store (a WHERE on the user would turn
      // the join inner). Each event's wall-clock time is compared with the bounds (labels) in one grouping by user:
      // a period start per event and a grouping by user and period cost the store twice as much.
      final String bounds = "SELECT PERIOD_START(MAX(" + events.time() + "), " + literal + ") AS \"current\", "
          + PeriodSql.shiftedStart("MAX(" + events.time() + ")", "- " + KindSql.steps(period(), periods), literal)
          + " AS \"first\" FROM " + events.from();
      final String time = PeriodSql.wallClock("e." + events.time());
      final String counts = "SELECT e." + events.user() + " AS \"user_id\", SUM(CASE WHEN (" + event + ") AND "
          + time + " >= l.\"first\" AND " + time + " < l.\"current\" THEN 1 ELSE 0 END) AS \"n\" FROM (" + bounds
          + ") AS l LEFT JOIN " + events.from() + " AS e ON TRUE GROUP BY e." + events.user() + " HAVING COUNT(e."
          + events.user() + ") > 0";
      return bucketed(events, counts, "f.\"user_id\"", periods);
    }

    @Override public String membershipByPeriodSql(EventsRelation events, String unit) {
      final String start = "PERIOD_START(e." + events.time() + ", " + KindSql.unit(unit) + ")";
      final String counts = "SELECT e." + events.user() + " AS \"user_id\", " + start + " AS \"period\", "
          + "SUM(CASE WHEN " + event + " THEN 1 ELSE 0 END) AS \"n\" FROM " + events.from() + " AS e WHERE e."
          + events.user() + " IS NOT NULL AND e." + events.time() + " IS NOT NULL GROUP BY e." + events.user() + ", "
          + start;
      return bucketed(events, counts, "f.\"user_id\", f.\"period\"", 1);
    }

    /**
     * The {@code keys} and segment of each row of {@code counts} (its count {@code n} over {@code divisor} periods).
     * The thresholds meet the counts after these are grouped: H2 fails when chosen ones are carried through it.
     */
    private String bucketed(EventsRelation events, String counts, String keys, int divisor) {
      return "SELECT " + keys + ", " + segment(divisor) + " AS \"segment\" FROM (SELECT * FROM ("
          + thresholdsSql(events) + ") AS t CROSS JOIN (" + counts + ") AS c) AS f";
    }
  }
}
