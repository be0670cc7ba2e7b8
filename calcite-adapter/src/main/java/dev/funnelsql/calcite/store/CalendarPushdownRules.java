package dev.funnelsql.calcite.store;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;

/**
 * Planner rules that send projections and filters calling FunnelSQL's calendar functions to a store that spells
 * them ({@link StoreDialect#calendar()}): Calcite's own JDBC rules refuse any user-defined function, so without these
 * every event row would come back to be bucketed in Java. The store's Calcite dialect prints the calls
 * ({@link CalendarCalls#unparse}).
 */
final class CalendarPushdownRules {
  private CalendarPushdownRules() {
  }

  /** The rules for the store of {@code convention}. */
  static List<RelOptRule> of(StoreConvention convention) {
    return List.of(ProjectRule.create(convention), FilterRule.create(convention));
  }

  /** A projection with calendar calls (and windows only where the store has them) becomes a JDBC projection. */
  private static final class ProjectRule extends JdbcRules.JdbcProjectRule {
    private ProjectRule(Config config) {
      super(config);
    }

    static ProjectRule create(StoreConvention out) {
      return Config.INSTANCE
          .withConversion(Project.class, project -> (out.dialect.supportsWindowFunctions() || !project.containsOver())
              && CalendarCalls.pushable(project.getProjects()), Convention.NONE, out, "CalendarProjectRule")
          .withRuleFactory(ProjectRule::new)
          .toRule(ProjectRule.class);
    }
  }

  /** A filter with calendar calls becomes a JDBC filter. */
  private static final class FilterRule extends JdbcRules.JdbcFilterRule {
    private FilterRule(Config config) {
      super(config);
    }

    static FilterRule create(StoreConvention out) {
      return Config.INSTANCE
          .withConversion(Filter.class, filter -> CalendarCalls.pushable(List.of(filter.getCondition())),
              Convention.NONE, out, "CalendarFilterRule")
          .withRuleFactory(FilterRule::new)
          .toRule(FilterRule.class);
    }
  }
}
