package dev.funnelsql.examples.bench;

import java.util.Properties;

/**
 * The FunnelSQL side: the {@code FUNNEL_STEP} query of each (a) method and the connection properties that select
 * its execution path ({@code funnel.sort}, {@code funnel.pushdown}).
 */
final class FunnelQueries {
  private FunnelQueries() {
  }

  /** The query of an (a) method: the funnel histogram, with or without the WHERE on the step events. */
  static String sql(Method method) {
    final String where = method == Method.FUNNELSQL_NO_WHERE ? ""
        : " WHERE event_name IN (" + FunnelShape.inList() + ")";
    return "SELECT reached, COUNT(*) FROM (SELECT user_id, FUNNEL_STEP(ts, " + FunnelShape.WINDOW + ", "
        + FunnelShape.conditions() + ") AS reached FROM events" + where + " GROUP BY user_id) t GROUP BY reached";
  }

  /**
   * The times of the steps each user reached, a row per user with an event of a step: {@code FUNNEL_TIMES} over the
   * rows of (a)'s {@code WHERE}, ungrouped by level (the query under the funnel's detail table).
   */
  static String timesPerUser() {
    return "SELECT user_id, FUNNEL_TIMES(ts, " + FunnelShape.WINDOW + ", " + FunnelShape.conditions()
        + ") AS times FROM events WHERE event_name IN (" + FunnelShape.inList() + ") GROUP BY user_id";
  }

  /** The funnel histogram of the users who entered in {@code range}, step 1 in it and later steps up to the window. */
  static String sql(EntryRange range) {
    return "SELECT reached, COUNT(*) FROM (SELECT user_id, FUNNEL_STEP(ts, " + FunnelShape.WINDOW + ", "
        + FunnelShape.conditions(range.holds("ts")) + ") AS reached FROM events WHERE event_name IN ("
        + FunnelShape.inList() + ") AND " + range.holdsWithWindow("ts") + " GROUP BY user_id) t GROUP BY reached";
  }

  /**
   * Whether the plan of an (a) method shows its connection setting: {@code order=[source]} for
   * {@code funnel.sort=source}, no {@code StepScanAggregate} for {@code funnel.pushdown=never}, a step scan without a
   * {@code transfer} item for {@code funnel.transfer=jdbc}. Methods without a setting, and the hand-written ones,
   * always do.
   */
  static boolean planShowsSetting(Method method, String plan) {
    if (method == Method.FUNNELSQL_SOURCE_SORT) {
      return plan.contains("order=[source]");
    }
    if (method == Method.FUNNELSQL_GENERIC) {
      return !plan.contains("StepScanAggregate");
    }
    if (method == Method.FUNNELSQL_GETTERS) {
      return plan.contains("StepScanAggregate") && !plan.contains("transfer=");
    }
    return true;
  }

  /** The connection properties of an (a) method, beyond the store's URL and credentials. */
  static Properties properties(Method method) {
    final Properties properties = new Properties();
    if (method == Method.FUNNELSQL_SOURCE_SORT) {
      properties.setProperty("funnel.sort", "source");
    } else if (method == Method.FUNNELSQL_GENERIC) {
      properties.setProperty("funnel.pushdown", "never");
    } else if (method == Method.FUNNELSQL_GETTERS) {
      properties.setProperty("funnel.transfer", "jdbc");
    }
    return properties;
  }
}
