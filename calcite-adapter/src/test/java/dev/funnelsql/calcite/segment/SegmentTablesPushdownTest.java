package dev.funnelsql.calcite.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The segment and cohort tables run in the store: their plans keep Calcite's own operators to the few result rows
 * (no operator of Calcite's but a projection or sort over a table the store computes whole; Calcite's aggregates and
 * windows only over rows the store has already grouped), and the SQL sent to DuckDB and PostgreSQL buckets periods
 * with the store's own functions. (On H2 FunnelSQL buckets periods itself: see {@code H2StoreDialect#calendar}.)
 */
class SegmentTablesPushdownTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        engagement:
          rules:
            - { segment: heavy,   when: "COUNT(*) FILTER (WHERE event_name = 'a') >= 3" }
            - { segment: spender, when: "SUM(revenue) > 60" }
          otherwise: quiet
          tipping_point: { event: "event_name = 'a'", outcome: "event_name = 'b'", max: 5 }
        source: { kind: property, property: source, pick: first }
        weekly: { kind: lifecycle, period: week, active: "event_name IN ('a', 'b')" }
        monthly: { kind: lifecycle, period: month }
        rfmv: { kind: rfm, purchase: "event_name = 'c'", monetary: revenue }
        nps: { kind: nps, score: score }
      cohorts:
        wk: { entry: "event_name = 'a'", return: "event_name IN ('b', 'c')", period: week, periods: 4 }
        mu: { entry: "event_name = 'a'", return: "event_name = 'b'", period: month, retention: unbounded, periods: 2 }
      """;

  /** Tables the store computes whole: Calcite only converts, sorts or renames its rows. */
  private static final List<String> WHOLE = List.of("segments.engagement", "segments.engagement_sizes",
      "segments.engagement_transitions", "segments.source", "segments.source_sizes", "segments.source_transitions",
      "segments.weekly", "segments.weekly_sizes", "segments.weekly_transitions", "segments.monthly_transitions",
      "segments.rfmv", "segments.rfmv_sizes", "segments.nps", "segments.nps_transitions", "cohorts.wk", "cohorts.mu",
      "cohorts.wk_matrix", "cohorts.mu_matrix");

  /** Tables FunnelSQL builds from one grouped store query (a few rows: per combination of rules, per segment). */
  private static final List<String> CHECKS = List.of("segments.engagement_check", "segments.source_check",
      "segments.rfmv_check");

  /**
   * Tables whose per-user work the store does, Calcite combining the few rows it returns already grouped (per
   * combination of rules, per frequency).
   */
  private static final List<String> GROUPED = List.of("segments.engagement_tipping_points");

  /** How each store spells a week's start. */
  private static final Map<StoreKind, String> WEEK_START = Map.of(StoreKind.H2, "DATE_TRUNC('ISO_WEEK', ",
      StoreKind.DUCKDB, "DATE_TRUNC('week', ", StoreKind.POSTGRES, "DATE_TRUNC('week', ");

  private static final Pattern CALCITE_OPERATOR = Pattern.compile("^\\s*(Enumerable\\w+)", Pattern.MULTILINE);

  private static List<String> calciteOperators(String plan) {
    final List<String> operators = new ArrayList<>();
    final var matcher = CALCITE_OPERATOR.matcher(plan);
    while (matcher.find()) {
      operators.add(matcher.group(1));
    }
    return operators;
  }

  /** The SQL statements a query sends to the store (prepared on first use; the plan cache keeps it after). */
  private static List<String> storeSql(AdapterConnection connection, String sql) throws SQLException {
    final List<String> statements = new ArrayList<>();
    try (Hook.Closeable ignored = Hook.QUERY_PLAN.addThread((Consumer<Object>) s -> statements.add((String) s))) {
      connection.rows(sql);
    }
    return statements;
  }

  /**
   * The tipping points' counts: the store's groups by frequency and outcome (a few per frequency) meet every threshold,
   * and Calcite sums those few rows per threshold.
   */
  private static boolean groupsTimesThresholds(String top) {
    final List<String> lines = top.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    return lines.get(0).startsWith("JdbcProject")
        && lines.get(1).startsWith("JdbcJoin(condition=[true], joinType=[left])")
        && lines.get(2).startsWith("JdbcAggregate") && lines.get(lines.size() - 1).startsWith("JdbcValues");
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"DUCKDB", "POSTGRES", "H2"})
  void theStoreComputesTheTables(StoreKind kind) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, 1L), MODEL,
        new Properties())) {
      final Map<String, List<String>> sent = new java.util.HashMap<>();
      for (String table : WHOLE) {
        final String plan = connection.explain("SELECT * FROM " + table);
        final List<String> operators = calciteOperators(plan);
        operators.removeAll(List.of("EnumerableCalc", "EnumerableLimit", "EnumerableSort"));
        assertEquals(List.of(), operators, kind + " " + table + ":\n" + plan);
        final List<String> sql = storeSql(connection, "SELECT * FROM " + table);
        sent.put(table, sql);
        assertEquals(1, sql.size(), kind + " " + table + ": one statement to the store, got " + sql);
        assertFalse(sql.get(0).contains("PERIOD"), kind + " " + table + ": " + sql.get(0));
        if (table.endsWith("_transitions")) {
          assertFalse(sql.get(0).contains("FULL"), sql.get(0));
        }
        if (table.equals("segments.engagement_transitions")) {
          assertEquals(2, sql.get(0).toLowerCase(Locale.ROOT).split("\"events\"", -1).length - 1,
              kind + ": the events are read for the bounds and, once, for the per-period memberships:\n" + sql.get(0));
        }
      }
      for (String table : CHECKS) {
        final List<String> sql = storeSql(connection, "SELECT * FROM " + table);
        assertEquals(1, sql.size(), kind + " " + table + ": one statement to the store, got " + sql);
        assertTrue(sql.get(0).startsWith("SELECT") && sql.get(0).strip().matches("(?s).*GROUP BY [^)]*"),
            kind + " " + table + ": the store groups the rows it returns:\n" + sql.get(0));
      }
      for (String table : GROUPED) {
        final String plan = connection.explain("SELECT * FROM " + table);
        assertTrue(plan.contains("JdbcToEnumerableConverter\n"), plan);
        sent.put(table, storeSql(connection, "SELECT * FROM " + table));
        final String[] parts = plan.split("JdbcToEnumerableConverter\n");
        for (int i = 1; i < parts.length; i++) {
          final String top = parts[i].stripLeading();
          assertTrue(top.startsWith("JdbcAggregate") || top.startsWith("JdbcUnion") || groupsTimesThresholds(top),
              kind + " " + table + ": the store returns grouped rows:\n" + plan);
        }
      }
      // The tipping point's next period comes from a window over the grouping by user and week, ordered by the week
      // itself where the store takes a grouped expression there (a store reading in user order then sorts once), by
      // each pair's first time on H2, which refuses it; one pass over the events.
      final String tipping = sent.get("segments.engagement_tipping_points").get(0);
      assertTrue(kind == StoreKind.H2 ? tipping.contains("ORDER BY MIN(") : tipping.matches("(?s).* ORDER BY (CAST\\()?"
          + Pattern.quote(WEEK_START.get(kind)) + ".*"), tipping);
      assertEquals(1, tipping.toLowerCase(Locale.ROOT).split("\"events\"", -1).length - 1,
          kind + ": the tipping point reads the events once:\n" + tipping);
      final String transitions = sent.get("segments.engagement_transitions").get(0);
      assertTrue(transitions.contains(WEEK_START.get(kind)), transitions);
      final String matrix = sent.get("cohorts.mu_matrix").get(0);
      assertTrue(matrix.contains(kind == StoreKind.H2 ? "DATEDIFF('MONTH', "
          : kind == StoreKind.DUCKDB ? "DATE_DIFF('month', " : "DATE_PART('month', "), matrix);
    }
  }
}
