package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ModelExpressions;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code nps} kind, {@code {kind: nps, score: <column or expression>}}: a user's segment comes from the last
 * Net Promoter score the user gave.
 *
 * <ul>
 *   <li>Only events with a time and a score between 0 and 10 count (a NULL or out-of-range score is ignored).</li>
 *   <li>The last such event by time wins; of several at that same time, the one with the highest score.</li>
 *   <li>{@code detractor}: score &lt; 7 (0–6); {@code passive}: 7 ≤ score &lt; 9 (7–8); {@code promoter}: 9–10.</li>
 *   <li>Users who never gave a score are in no segment (NULL).</li>
 * </ul>
 *
 * <p>Per period, the same rule over the events of each period: the last score given in that period.
 */
public final class NpsSegmentKind implements SegmentKind {
  /** The segments, in display order. */
  static final List<String> SEGMENTS = List.of("detractor", "passive", "promoter");

  @Override public String name() {
    return "nps";
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys(SegmentOptions.keys("kind", "score"));
    final String period = SegmentOptions.period(options);
    final @Nullable TippingPoint tippingPoint = SegmentOptions.tippingPoint(options, period);
    final String score = ModelExpressions.canonical(options.requireText("score"), "the score");
    return new Nps(config.name(), score, period, tippingPoint);
  }

  /** An NPS segmentation, ready to compute. */
  private static final class Nps extends SegmentationBase {
    private final String score;

    Nps(String name, String score, String period, @Nullable TippingPoint tippingPoint) {
      super(name, SEGMENTS, false, period, tippingPoint);
      this.score = score;
    }

    private static String segment() {
      return "CASE" + KindSql.when("n.\"score\" < 7", SEGMENTS.get(0)) + KindSql.when("n.\"score\" < 9",
          SEGMENTS.get(1)) + KindSql.when("n.\"score\" <= 10", SEGMENTS.get(2)) + " END";
    }

    private String scored(EventsRelation events, String partition, String extra) {
      return "(SELECT " + events.user() + " AS \"user_id\"" + extra + ", " + score + " AS \"score\", ROW_NUMBER() "
          + "OVER (PARTITION BY " + partition + " ORDER BY " + events.time() + " DESC, " + score + " DESC) AS "
          + "\"rank\" FROM " + events.from() + " WHERE " + events.time() + " IS NOT NULL AND " + score
          + " BETWEEN 0 AND 10)";
    }

    @Override public String membershipSql(EventsRelation events) {
      return "SELECT u.\"user_id\", " + segment() + " AS \"segment\" FROM " + KindSql.users(events)
          + " AS u LEFT JOIN " + scored(events, events.user(), "") + " AS n ON n.\"user_id\" = u.\"user_id\" AND "
          + "n.\"rank\" = 1";
    }

    /** The last score as of each time a user gives one (the highest of one instant), where its segment changes. */
    @Override public String spansSql(EventsRelation events, String anchor) {
      return KindSql.changes("SELECT n.\"user_id\", n.\"since\", " + segment() + " AS \"segment\" FROM (SELECT "
          + events.user() + " AS \"user_id\", " + events.time() + " AS \"since\", MAX(" + score + ") AS \"score\" "
          + "FROM " + events.from() + " WHERE " + events.time() + " IS NOT NULL AND " + score + " BETWEEN 0 AND 10 "
          + "GROUP BY " + events.user() + ", " + events.time() + ") AS n");
    }

    @Override public String membershipByPeriodSql(EventsRelation events, String unit) {
      final String start = "PERIOD_START(" + events.time() + ", " + KindSql.unit(unit) + ")";
      return "SELECT n.\"user_id\", n.\"period\", " + segment() + " AS \"segment\" FROM "
          + scored(events, events.user() + ", " + start, ", " + start + " AS \"period\"")
          + " AS n WHERE n.\"rank\" = 1";
    }
  }
}
