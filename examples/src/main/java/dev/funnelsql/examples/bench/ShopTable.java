package dev.funnelsql.examples.bench;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * One timed table of the tables mode: the FunnelSQL query that reads it whole, its baseline (the sum of the parts'
 * times), the ratio the table should stay within, and how its answer is checked: either its rows equal the single
 * baseline part's rows ({@link #projection} null), or the answer its {@link #projection} draws from the rows
 * equals the one {@link #expected} computes from the baselines' results.
 *
 * @param name the table as the report shows it, e.g. {@code funnels.checkout_chart}
 * @param sql the FunnelSQL query
 * @param baseline the parts of the baseline, timed one by one
 * @param target the largest FunnelSQL time / baseline time that meets the target
 * @param projection the answer drawn from FunnelSQL's rows, or null to compare whole rows with the baseline's
 * @param expected the answer FunnelSQL must give, computed from the baselines (null when rows are compared)
 */
record ShopTable(String name, String sql, List<BaselinePart> baseline, double target,
    TableAnswer.Projection projection, Expected expected) {
  /** The answer a table must give, from the baselines' results. */
  @FunctionalInterface
  interface Expected {
    /** Computes it; may run untimed reference queries. */
    Map<String, Long> of(TableReferences references) throws SQLException;
  }

  /** Whether FunnelSQL's rows are compared with the baseline's rows as they are. */
  boolean comparesRows() {
    return projection == null;
  }

  /** How the report names the baseline, e.g. {@code FUNNEL_STEP (a) + membership engagement}. */
  String baselineLabel() {
    final StringBuilder label = new StringBuilder();
    baseline.forEach(part -> label.append(label.length() == 0 ? "" : " + ").append(part.key()));
    return label.toString();
  }
}
