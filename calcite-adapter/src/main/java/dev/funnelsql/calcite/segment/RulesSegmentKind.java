package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.model.SegmentationConfig;
import dev.funnelsql.calcite.schema.EventsRelation;
import dev.funnelsql.calcite.schema.ModelExpressions;
import dev.funnelsql.calcite.schema.SqlText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code rules} kind: an ordered list of {@code {segment, when}} where {@code when} is an aggregate predicate
 * over one user's events; the first rule that holds wins, and {@code otherwise} names the segment of everyone else
 * (without it those users are in no segment, reported as NULL, and a WARNING naming the model line is logged
 * through {@code java.util.logging}, logger {@code dev.funnelsql.calcite.segment.RulesSegmentKind}, each time the
 * model is read).
 *
 * <p>Per period ({@code <name>_transitions}) the same CASE is evaluated over each user's events of that period alone,
 * grouped by user and {@code PERIOD_START(time, period)}; rows whose time is NULL belong to no period.
 *
 * <p>The model check {@code <name>_check} also counts, per pair of rules, the users for whom both conditions hold,
 * and the users for whom none holds (before {@code otherwise}), see {@link SegmentationCheck}.
 */
public final class RulesSegmentKind implements SegmentKind {
  private static final Logger LOG = Logger.getLogger(RulesSegmentKind.class.getName());

  @Override public String name() {
    return SegmentationConfig.RULES;
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys(SegmentOptions.keys("kind", "rules", "otherwise"));
    final String period = SegmentOptions.period(options);
    final @Nullable TippingPoint tippingPoint = SegmentOptions.tippingPoint(options, period);
    final ModelNode rules = options.require("rules").expectList();
    if (rules.items().isEmpty()) {
      throw rules.error("a rules segmentation needs at least one rule");
    }
    final List<String> segments = new ArrayList<>();
    final List<String> conditions = new ArrayList<>();
    final List<ModelNode> whens = new ArrayList<>();
    for (ModelNode rule : rules.items()) {
      rule.expectMap().checkKeys("segment", "when");
      final Located segment = rule.requireText("segment");
      if (segments.contains(segment.text())) {
        throw segment.error("segment '" + segment.text() + "' is named by two rules; merge their conditions with OR");
      }
      segments.add(segment.text());
      final Located when = rule.requireText("when");
      conditions.add(ModelExpressions.canonical(when, "the rule"));
      whens.add(when.where());
    }
    final @Nullable Located otherwise = options.optionalText("otherwise");
    if (otherwise != null && !segments.contains(otherwise.text())) {
      segments.add(otherwise.text());
    }
    if (otherwise == null) {
      LOG.warning(config.where().file() + ":" + config.where().keyLine() + ": segmentation '" + config.name()
          + "' has no 'otherwise', so users matching no rule are in no segment (NULL); segments." + config.name()
          + "_check counts them");
    }
    return new Rules(config.name(), segments, conditions, whens, otherwise == null ? null : otherwise.text(),
        period, tippingPoint);
  }

  /** A rules segmentation, ready to compute. */
  private static final class Rules extends SegmentationBase {
    private final List<String> conditions;
    private final List<ModelNode> whens;
    private final @Nullable String otherwise;
    /** The conditions over running totals, parsed once, or null when one of them is not made of them. */
    private final @Nullable RunningAggregates running;
    /** The conditions as counts against thresholds, or null when one of them is not made of them. */
    private final @Nullable ThresholdRules thresholds;

    Rules(String name, List<String> segments, List<String> conditions, List<ModelNode> whens,
        @Nullable String otherwise, String period, @Nullable TippingPoint tippingPoint) {
      super(name, segments, otherwise != null, period, tippingPoint);
      this.conditions = List.copyOf(conditions);
      this.whens = List.copyOf(whens);
      this.otherwise = otherwise;
      this.running = RunningAggregates.of(this.conditions);
      this.thresholds = ThresholdRules.of(segments, this.conditions, otherwise);
    }

    @Override public Map<ModelNode, String> expressionChecks(EventsRelation events) {
      final Map<ModelNode, String> checks = new LinkedHashMap<>();
      for (int i = 0; i < conditions.size(); i++) {
        checks.put(whens.get(i), "SELECT CASE WHEN " + conditions.get(i) + " THEN 1 END FROM " + events.from()
            + " GROUP BY " + events.user());
      }
      return checks;
    }

    private String caseSql() {
      return caseSql(conditions);
    }

    /** The first rule that holds, else the otherwise, as a CASE over the conditions (as written, or rewritten). */
    private String caseSql(List<String> conditions) {
      final StringBuilder sql = new StringBuilder("CASE");
      for (int i = 0; i < conditions.size(); i++) {
        sql.append(" WHEN ").append(conditions.get(i)).append(" THEN ").append(SqlText.varchar(segments().get(i)));
      }
      return sql.append(" ELSE ").append(otherwise == null ? "CAST(NULL AS VARCHAR)" : SqlText.varchar(otherwise))
          .append(" END").toString();
    }

    @Override public String membershipSql(EventsRelation events) {
      return "SELECT " + events.user() + " AS \"user_id\", " + caseSql() + " AS \"segment\" FROM " + events.from()
          + " GROUP BY " + events.user();
    }

    @Override public String membershipByPeriodSql(EventsRelation events, String unit) {
      final String bucket = "PERIOD_START(" + events.time() + ", " + SqlText.literal(unit) + ")";
      return "SELECT " + events.user() + " AS \"user_id\", " + bucket + " AS \"period\", " + caseSql()
          + " AS \"segment\" FROM " + events.from() + " WHERE " + events.time() + " IS NOT NULL GROUP BY "
          + events.user() + ", " + bucket;
    }

    /** Over running totals when every condition is made of them (see {@link RunningAggregates}), else null. */
    @Override public @Nullable String runningMembershipSql(EventsRelation events, String unit) {
      return running == null ? null : running.sql(events, unit, this::caseSql);
    }

    /** Over running totals at each anchor event when every condition is made of them, else null. */
    @Override public @Nullable String spansSql(EventsRelation events, String anchor) {
      return running == null ? null : running.spansSql(events, anchor, this::caseSql);
    }

    @Override public @Nullable ThresholdRules thresholdRules() {
      return thresholds;
    }

    @Override public FirstMatchRules firstMatchRules() {
      return new FirstMatchRules(segments().subList(0, conditions.size()), conditions, otherwise);
    }
  }
}
