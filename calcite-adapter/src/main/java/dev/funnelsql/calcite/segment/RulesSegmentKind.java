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
 * <p>The model check {@code <name>_check} has one row per pair of rules (in model order) with the number of users
 * for whom both conditions hold over their whole history, whatever the rule order, and one row {@code rule =
 * '(none)'} (other_rule NULL) with the number of users for whom no condition holds (before {@code otherwise}); a
 * NULL condition counts as false, as in the CASE, and events with a NULL user are left out.
 */
public final class RulesSegmentKind implements SegmentKind {
  /** The {@code rule} of the check row counting users that match no rule. */
  public static final String NONE = "(none)";

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

    Rules(String name, List<String> segments, List<String> conditions, List<ModelNode> whens,
        @Nullable String otherwise, String period, @Nullable TippingPoint tippingPoint) {
      super(name, segments, otherwise != null, period, tippingPoint);
      this.conditions = List.copyOf(conditions);
      this.whens = List.copyOf(whens);
      this.otherwise = otherwise;
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

    @Override public String checkSql(EventsRelation events) {
      final StringBuilder flags = new StringBuilder("SELECT ");
      for (int i = 0; i < conditions.size(); i++) {
        flags.append(i == 0 ? "" : ", ").append("CASE WHEN ").append(conditions.get(i)).append(" THEN 1 ELSE 0 END")
            .append(" AS \"m").append(i).append('"');
      }
      flags.append(" FROM ").append(events.from()).append(" WHERE ").append(events.user()).append(" IS NOT NULL")
          .append(" GROUP BY ").append(events.user());
      // Users are first counted per combination of flags (at most 2^rules rows): an aggregate over the per-user
      // aggregate that every store accepts; the pairs are then summed from those few rows.
      final StringBuilder keys = new StringBuilder();
      final StringBuilder none = new StringBuilder();
      for (int i = 0; i < conditions.size(); i++) {
        keys.append("u.\"m").append(i).append("\", ");
        none.append(i == 0 ? "" : " + ").append("c.\"m").append(i).append('"');
      }
      final String combinations = "SELECT " + keys + "COUNT(*) AS \"n\" FROM (" + flags + ") AS u GROUP BY "
          + keys.substring(0, keys.length() - 2);
      final StringBuilder values = new StringBuilder();
      final StringBuilder pick = new StringBuilder("CASE v.\"k\"");
      int k = 0;
      for (int i = 0; i < conditions.size(); i++) {
        for (int j = i + 1; j < conditions.size(); j++) {
          values.append('(').append(k).append(", ").append(SqlText.varchar(segments().get(i))).append(", ")
              .append(SqlText.varchar(segments().get(j))).append("), ");
          pick.append(" WHEN ").append(k).append(" THEN c.\"m").append(i).append("\" * c.\"m").append(j)
              .append("\" * c.\"n\"");
          k++;
        }
      }
      values.append('(').append(k).append(", ").append(SqlText.varchar(NONE)).append(", CAST(NULL AS VARCHAR))");
      final String noRule = "CASE WHEN " + none + " = 0 THEN c.\"n\" ELSE 0 END";
      final String count = k == 0 ? noRule : pick.append(" ELSE ").append(noRule).append(" END").toString();
      return "SELECT v.\"rule\", v.\"other_rule\", CAST(COALESCE(SUM(" + count + "), 0) AS BIGINT) AS "
          + "\"overlapping_users\" FROM (VALUES " + values + ") AS v(\"k\", \"rule\", \"other_rule\") CROSS JOIN ("
          + combinations + ") AS c GROUP BY v.\"k\", v.\"rule\", v.\"other_rule\"";
    }
  }
}
