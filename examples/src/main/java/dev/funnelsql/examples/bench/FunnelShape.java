package dev.funnelsql.examples.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The funnel every method computes: 4 steps {@code e0 → e1 → e2 → e3} within 7 days of step 1 (ClickHouse
 * {@code windowFunnel} semantics). One place for the step names and the window, so FunnelSQL's query and the
 * hand-written SQL cannot drift apart.
 */
final class FunnelShape {
  /** The step events, in funnel order. */
  static final List<String> STEPS = List.of("e0", "e1", "e2", "e3");
  /** The window in days. */
  static final int WINDOW_DAYS = 7;
  /** The window as a SQL literal that H2, DuckDB, PostgreSQL and FunnelSQL read alike. */
  static final String WINDOW = "INTERVAL '" + WINDOW_DAYS + "' DAY";

  private FunnelShape() {
  }

  /** The number of steps. */
  static int steps() {
    return STEPS.size();
  }

  /** {@code 'e0', 'e1', 'e2', 'e3'}, for {@code IN (…)}. */
  static String inList() {
    final List<String> quoted = new ArrayList<>();
    STEPS.forEach(step -> quoted.add(quote(step)));
    return String.join(", ", quoted);
  }

  /** {@code event_name = 'e0', …}, FUNNEL_STEP's conditions. */
  static String conditions() {
    return String.join(", ", conditionList());
  }

  /** FUNNEL_STEP's conditions, step 1's also requiring {@code stepOneAlso}. */
  static String conditions(String stepOneAlso) {
    final List<String> conditions = conditionList();
    conditions.set(0, conditions.get(0) + " AND " + stepOneAlso);
    return String.join(", ", conditions);
  }

  private static List<String> conditionList() {
    final List<String> conditions = new ArrayList<>();
    STEPS.forEach(step -> conditions.add("event_name = " + quote(step)));
    return conditions;
  }

  /** The step event of step index {@code i} (0-based) as a SQL literal. */
  static String step(int i) {
    return quote(STEPS.get(i));
  }

  private static String quote(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
