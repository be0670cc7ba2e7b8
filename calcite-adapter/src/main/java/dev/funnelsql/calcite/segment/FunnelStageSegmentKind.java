package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.funnel.FunnelDefinition;
import dev.funnelsql.calcite.model.FunnelConfig;
import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.model.StepConfig;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.functions.period.LocalCalendar;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code funnel_stage} kind, {@code {kind: funnel_stage, funnel: <funnel of the model>}}: a user's segment is
 * the name of the last step the user reached in that funnel, as {@code FUNNEL_STEP} computes it with the funnel's
 * window, mode, order and step conditions; users with events but no step are {@code not entered}. Exhaustive; the
 * segments are {@code not entered} then the steps in order.
 *
 * <p>The funnel's exclusions are not applied (they are not part of {@code FUNNEL_STEP}). Per period, the stage is
 * computed from the events of each period alone.
 */
public final class FunnelStageSegmentKind implements SegmentKind {
  /** The segment of users who reached no step. */
  static final String NOT_ENTERED = "not entered";

  @Override public String name() {
    return "funnel_stage";
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys(SegmentOptions.keys("kind", "funnel"));
    final String period = SegmentOptions.period(options);
    final @Nullable TippingPoint tippingPoint = SegmentOptions.tippingPoint(options, period);
    final Located name = options.requireText("funnel");
    final @Nullable FunnelConfig funnel = model.funnel(name.text());
    if (funnel == null) {
      throw name.error("no funnel '" + name.text() + "' in the model; funnels are: "
          + (model.funnels().isEmpty() ? "(none)" : String.join(", ", model.funnels().keySet())));
    }
    return stage(config.name(), funnel, name, period, tippingPoint);
  }

  /**
   * The stage reached in {@code funnel}, as a segmentation named {@code name} (a cohort broken down by a funnel uses
   * this too).
   *
   * @param where where the funnel is named, for errors
   */
  public static Segmentation stage(String name, FunnelConfig funnel, Located where, String period,
      @Nullable TippingPoint tippingPoint) throws ModelException {
    final List<String> segments = new ArrayList<>();
    segments.add(NOT_ENTERED);
    for (StepConfig step : funnel.steps()) {
      if (step.name().equals(NOT_ENTERED)) {
        throw where.error("funnel '" + funnel.name() + "' has a step named '" + NOT_ENTERED + "', the segment of "
            + "users who reached no step; rename the step");
      }
      segments.add(step.name());
    }
    // Only the steps, window and modes are used: the trend's calendar does not matter here.
    final FunnelDefinition definition = FunnelDefinition.of(funnel, LocalCalendar.UTC);
    return new Stage(name, segments, definition.conditions(), definition.windowSeconds(),
        definition.modeArgument(), period, tippingPoint);
  }

  /** A funnel-stage segmentation, ready to compute. */
  private static final class Stage extends SegmentationBase {
    private final List<String> conditions;
    private final long windowSeconds;
    private final String modeArgument;

    Stage(String name, List<String> segments, List<String> conditions, long windowSeconds, String modeArgument,
        String period, @Nullable TippingPoint tippingPoint) {
      super(name, segments, true, period, tippingPoint);
      this.conditions = List.copyOf(conditions);
      this.windowSeconds = windowSeconds;
      this.modeArgument = modeArgument;
    }

    private String step(EventsRelation events) {
      return "FUNNEL_STEP(" + events.time() + ", " + windowSeconds + ", "
          + modeArgument + String.join(", ", conditions) + ")";
    }

    private String segment() {
      final StringBuilder sql = new StringBuilder("CASE f.\"step\"");
      for (int i = 0; i < segments().size(); i++) {
        sql.append(" WHEN ").append(i).append(" THEN ").append(SqlText.varchar(segments().get(i)));
      }
      return sql.append(" END").toString();
    }

    @Override public String membershipSql(EventsRelation events) {
      return "SELECT f.\"user_id\", " + segment() + " AS \"segment\" FROM (SELECT " + events.user()
          + " AS \"user_id\", " + step(events) + " AS \"step\" FROM " + events.from() + " GROUP BY " + events.user()
          + ") AS f";
    }

    @Override public String membershipByPeriodSql(EventsRelation events, String unit) {
      final String start = "PERIOD_START(" + events.time() + ", " + KindSql.unit(unit) + ")";
      return "SELECT f.\"user_id\", f.\"period\", " + segment() + " AS \"segment\" FROM (SELECT " + events.user()
          + " AS \"user_id\", " + start + " AS \"period\", " + step(events) + " AS \"step\" FROM " + events.from()
          + " WHERE " + events.time() + " IS NOT NULL GROUP BY " + events.user() + ", " + start + ") AS f";
    }
  }
}
