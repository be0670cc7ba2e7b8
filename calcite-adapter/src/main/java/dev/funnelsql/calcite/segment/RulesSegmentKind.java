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
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The {@code rules} kind: an ordered list of {@code {segment, when}} where {@code when} is an aggregate predicate
 * over one user's events; the first rule that holds wins, and {@code otherwise} names the segment of everyone else
 * (without it those users are in no segment, reported as NULL).
 */
public final class RulesSegmentKind implements SegmentKind {
  @Override public String name() {
    return SegmentationConfig.RULES;
  }

  @Override public Segmentation define(SegmentationConfig config, Model model) throws ModelException {
    final ModelNode options = config.options();
    options.checkKeys("kind", "rules", "otherwise");
    final ModelNode rules = options.require("rules").expectList();
    if (rules.items().isEmpty()) {
      throw rules.error("a rules segmentation needs at least one rule");
    }
    final List<String> segments = new ArrayList<>();
    final List<String> conditions = new ArrayList<>();
    for (ModelNode rule : rules.items()) {
      rule.expectMap().checkKeys("segment", "when");
      final Located segment = rule.requireText("segment");
      if (segments.contains(segment.text())) {
        throw segment.error("segment '" + segment.text() + "' is named by two rules; merge their conditions with OR");
      }
      segments.add(segment.text());
      conditions.add(ModelExpressions.canonical(rule.requireText("when"), "the rule"));
    }
    final @Nullable Located otherwise = options.optionalText("otherwise");
    if (otherwise != null && !segments.contains(otherwise.text())) {
      segments.add(otherwise.text());
    }
    return new Rules(config.name(), segments, conditions, otherwise == null ? null : otherwise.text());
  }

  /** A rules segmentation, ready to compute. */
  private static final class Rules implements Segmentation {
    private final String name;
    private final List<String> segments;
    private final List<String> conditions;
    private final @Nullable String otherwise;

    Rules(String name, List<String> segments, List<String> conditions, @Nullable String otherwise) {
      this.name = name;
      this.segments = List.copyOf(segments);
      this.conditions = List.copyOf(conditions);
      this.otherwise = otherwise;
    }

    @Override public String name() {
      return name;
    }

    @Override public List<String> segments() {
      return segments;
    }

    @Override public boolean exhaustive() {
      return otherwise != null;
    }

    @Override public String membershipSql(EventsRelation events) {
      final StringBuilder sql = new StringBuilder("SELECT ").append(events.user()).append(" AS \"user_id\", CASE");
      for (int i = 0; i < conditions.size(); i++) {
        sql.append(" WHEN ").append(conditions.get(i)).append(" THEN ").append(SqlText.varchar(segments.get(i)));
      }
      sql.append(" ELSE ").append(otherwise == null ? "CAST(NULL AS VARCHAR)" : SqlText.varchar(otherwise))
          .append(" END AS \"segment\" FROM ").append(events.from()).append(" GROUP BY ").append(events.user());
      return sql.toString();
    }
  }
}
