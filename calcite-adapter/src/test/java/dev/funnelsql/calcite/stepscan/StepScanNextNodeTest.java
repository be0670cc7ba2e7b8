package dev.funnelsql.calcite.stepscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import dev.funnelsql.calcite.testing.TestStores;
import dev.funnelsql.functions.nextnode.NextNodeAccumulator;
import dev.funnelsql.functions.nextnode.NextNodeSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SEQUENCE_NEXT_NODE runs in the step scan (the event column is the scan's value column) and gives, on random events
 * with many equal timestamps, NULL times, NULL event-column values and NULL conditions (base_condition included),
 * exactly what the accumulator gives on the rows ClickHouse keeps, and what Calcite's generic aggregate gives: with
 * the scan ordering the rows itself (on DuckDB with the values numbered by the store), with the store ordering them,
 * and past the buffer limit.
 */
class StepScanNextNodeTest {
  /** A condition's SQL and its value on an event: null for SQL NULL. */
  private record Condition(String sql, Function<TestEvent, Boolean> value) {
  }

  /** A value column's name and its value on an event. */
  private record Column(String sql, Function<TestEvent, String> value) {
  }

  private static final Column EVENT_NAME = new Column("event_name", TestEvent::name);
  private static final Column SOURCE = new Column("source", TestEvent::source);

  private static final Condition TRUE = new Condition("TRUE", e -> true);
  private static final Condition HIGH_SCORE = new Condition("score >= 5",
      e -> e.score() == null ? null : e.score() >= 5);
  private static final Condition NOT_SEO = new Condition("source <> 'seo'",
      e -> e.source() == null ? null : !e.source().equals("seo"));
  private static final Condition A = name("a");
  private static final Condition B = name("b");
  private static final Condition HIGH_REVENUE = new Condition("revenue > 10",
      e -> e.revenue() == null ? null : e.revenue() > 10);

  /** The events of the calls: none (only with 'head' and 'tail'), one, two. */
  private static final List<List<Condition>> EVENTS = List.of(List.of(), List.of(A), List.of(A, HIGH_REVENUE),
      List.of(B, A));

  private static Condition name(String name) {
    return new Condition("event_name = '" + name + "'", e -> e.name() == null ? null : e.name().equals(name));
  }

  /** One call: its spec, value column, base condition and events. */
  private record Call(NextNodeSpec spec, Column column, Condition base, List<Condition> events) {
    String sql() {
      final StringBuilder sql = new StringBuilder("SEQUENCE_NEXT_NODE('" + spec.direction().sqlName() + "', '"
          + spec.base().sqlName() + "', ts, " + column.sql() + ", " + base.sql());
      events.forEach(event -> sql.append(", ").append(event.sql()));
      return sql.append(')').toString();
    }

    /** The answer of the accumulator over the rows ClickHouse keeps: a time, a value and no NULL condition. */
    String expected(List<TestEvent> rows, Function<TestEvent, Boolean> filter) {
      final NextNodeAccumulator accumulator = new NextNodeAccumulator(spec);
      next:
      for (TestEvent event : rows) {
        final String value = column.value().apply(event);
        if (event.millis() == null || value == null || !Boolean.TRUE.equals(filter.apply(event))) {
          continue;
        }
        final List<Condition> conditions = new ArrayList<>(List.of(base));
        conditions.addAll(events);
        int mask = 0;
        for (int i = 0; i < conditions.size(); i++) {
          final Boolean holds = conditions.get(i).value().apply(event);
          if (holds == null) {
            continue next;
          }
          mask |= holds ? 1 << i : 0;
        }
        accumulator.add(event.millis(), value, mask);
      }
      return accumulator.result();
    }
  }

  /** Every valid direction and base with every list of events it accepts, over one column and base condition. */
  private static List<Call> calls(Column column, Condition base) {
    final List<Call> calls = new ArrayList<>();
    for (NextNodeSpec.Direction direction : NextNodeSpec.Direction.values()) {
      for (NextNodeSpec.Base start : NextNodeSpec.Base.values()) {
        for (List<Condition> events : EVENTS) {
          try {
            calls.add(new Call(NextNodeSpec.of(direction, start, events.size()), column, base, events));
          } catch (IllegalArgumentException invalid) {
            // Not a valid combination (e.g. 'forward' from the 'tail').
          }
        }
      }
    }
    return calls;
  }

  private static Properties settings(String key, String value) {
    final Properties properties = new Properties();
    if (key != null) {
      properties.setProperty(key, value);
    }
    return properties;
  }

  /** The rows of a query with the group key first, by key. */
  private static Map<String, List<Object>> byKey(AdapterConnection connection, String sql) throws SQLException {
    final Map<String, List<Object>> rows = new TreeMap<>();
    for (List<Object> row : connection.rows(sql)) {
      rows.put(String.valueOf(row.get(0)), row.subList(1, row.size()));
    }
    return rows;
  }

  /** The expected rows of a query of {@code calls} per user over the rows {@code filter} keeps, by user. */
  private static Map<String, List<Object>> expected(Map<Long, List<TestEvent>> users, List<Call> calls,
      Function<TestEvent, Boolean> filter) {
    final Map<String, List<Object>> rows = new TreeMap<>();
    users.forEach((user, events) -> {
      final List<Object> row = new ArrayList<>();
      calls.forEach(call -> row.add(call.expected(events, filter)));
      rows.put(String.valueOf(user), row);
    });
    return rows;
  }

  private static String query(List<Call> calls, String filter) {
    final List<String> columns = new ArrayList<>();
    calls.forEach(call -> columns.add(call.sql() + filter));
    return "SELECT user_id, " + String.join(", ", columns) + " FROM events GROUP BY user_id";
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void theStepScanComputesSequenceNextNodeAsTheAccumulatorDoes(StoreKind kind) throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(12L, 300, 18);
    final Map<Long, List<TestEvent>> users = RandomEvents.byUser(events);
    final Store store = TestEvent.store(kind, events);
    final Map<String, AdapterConnection> connections = new LinkedHashMap<>();
    try {
      connections.put("client", AdapterConnections.open(store, null, settings(null, null)));
      connections.put("source", AdapterConnections.open(store, null, settings("funnel.sort", "source")));
      connections.put("bufferLimit=1", AdapterConnections.open(store, null, settings("funnel.bufferLimit", "1")));
      final AdapterConnection generic = AdapterConnections.open(store, null, settings("funnel.pushdown", "never"));
      connections.put("generic", generic);
      for (Column column : List.of(EVENT_NAME, SOURCE)) {
        for (Condition base : List.of(TRUE, HIGH_SCORE, NOT_SEO)) {
          final List<Call> calls = calls(column, base);
          final String sql = query(calls, "");
          final String plan = connections.get("client").explain(sql);
          assertTrue(plan.contains("StepScanAggregate") && plan.contains("SEQUENCE_NEXT_NODE"), plan);
          assertEquals(kind == StoreKind.DUCKDB, plan.contains("values=[SELECT ROW_NUMBER()"), "numbered: " + plan);
          assertFalse(generic.explain(sql).contains("StepScanAggregate"), sql);
          final Map<String, List<Object>> expected = expected(users, calls, e -> true);
          for (Map.Entry<String, AdapterConnection> connection : connections.entrySet()) {
            assertEquals(expected, byKey(connection.getValue(), sql), kind + " " + connection.getKey() + ": " + sql);
          }
        }
      }
      // A FILTER skips rows as a NULL condition does: a mask bit of the function's own.
      final List<Call> calls = calls(EVENT_NAME, TRUE);
      final String filtered = query(calls, " FILTER (WHERE score IS NOT NULL OR revenue < 5)");
      assertTrue(connections.get("client").explain(filtered).contains("StepScanAggregate"), filtered);
      final Map<String, List<Object>> expected = expected(users, calls,
          e -> e.score() != null || e.revenue() != null && e.revenue() < 5);
      for (Map.Entry<String, AdapterConnection> connection : connections.entrySet()) {
        assertEquals(expected, byKey(connection.getValue(), filtered), kind + " " + connection.getKey() + ": FILTER");
      }
    } finally {
      for (AdapterConnection connection : connections.values()) {
        connection.close();
      }
    }
  }

  private static Map<String, Object> parameterRows(AdapterConnection connection, String sql, int parameter)
      throws SQLException {
    final Map<String, Object> rows = new TreeMap<>();
    try (java.sql.PreparedStatement statement = connection.connection().prepareStatement(sql)) {
      statement.setInt(1, parameter);
      try (java.sql.ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.put(result.getString(1), result.getString(2));
        }
      }
    }
    return rows;
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void callsOverOneEventColumnShareTheScanAndOthersAreLeftToCalcite(StoreKind kind) throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(13L, 120, 14);
    final Store store = TestEvent.store(kind, events);
    try (AdapterConnection scan = AdapterConnections.open(store);
        AdapterConnection generic = AdapterConnections.open(store, null, settings("funnel.pushdown", "never"))) {
      // With a funnel and a pattern: one scan, one mask, the event column read once.
      final String shared = "SELECT user_id, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b'), "
          + "SEQUENCE_NEXT_NODE('forward', 'first_match', ts, event_name, score >= 5, event_name = 'a'), "
          + "SEQUENCE_MATCH('(?1)(?2)', ts, event_name = 'a', event_name = 'b'), "
          + "SEQUENCE_NEXT_NODE('backward', 'tail', ts, event_name, TRUE, revenue > 10) "
          + "FROM events WHERE source IS NOT NULL OR score > 3 GROUP BY user_id";
      final String plan = scan.explain(shared);
      assertEquals(1, plan.split("StepScanAggregate", -1).length - 1, plan);
      assertTrue(plan.contains("FUNNEL_STEP") && plan.contains("SEQUENCE_MATCH"), plan);
      assertEquals(byKey(generic, shared), byKey(scan, shared), kind + " " + shared);
      // Two event columns: the scan reads one value column, so Calcite's aggregate computes the query.
      final String twoColumns = "SELECT user_id, "
          + "SEQUENCE_NEXT_NODE('forward', 'head', ts, event_name, TRUE, event_name = 'a'), "
          + "SEQUENCE_NEXT_NODE('forward', 'head', ts, source, TRUE, event_name = 'a') FROM events GROUP BY user_id";
      assertFalse(scan.explain(twoColumns).contains("StepScanAggregate"), twoColumns);
      assertEquals(byKey(generic, twoColumns), byKey(scan, twoColumns), kind + " " + twoColumns);
      // A parameter of the statement, in every query the store runs (DuckDB: the numbering of the values too).
      final String parameterized = "SELECT user_id, SEQUENCE_NEXT_NODE('backward', 'last_match', ts, event_name, "
          + "TRUE, event_name = 'b', event_name = 'a') FROM events WHERE score IS NULL OR score < ? GROUP BY user_id";
      assertTrue(scan.explain(parameterized.replace("?", "7")).contains("StepScanAggregate"), parameterized);
      assertEquals(parameterRows(generic, parameterized, 7), parameterRows(scan, parameterized, 7), kind.name());
      // Without GROUP BY: one row, also when no row has a value.
      for (String where : List.of("", " WHERE event_name IS NULL")) {
        final String global = "SELECT 0, SEQUENCE_NEXT_NODE('forward', 'first_match', ts, event_name, TRUE, "
            + "event_name = 'b') FROM events" + where;
        assertTrue(scan.explain(global).contains("StepScanAggregate"), global);
        assertEquals(generic.rows(global), scan.rows(global), kind + " " + global);
      }
    }
  }

  /**
   * DuckDB numbers the values by their exact string: under a column's collation that folds case, {@code 'cart'} and
   * {@code 'CART'} are one value of {@code DISTINCT}, yet each user gets back the spelling of the row.
   */
  @Test
  void duckDbNumbersValuesByTheirExactSpelling() throws SQLException {
    final List<Object[]> rows = new ArrayList<>();
    final String[][] names = {{"view", "Cart"}, {"view", "cart"}, {"VIEW", "CART"}};
    for (int user = 0; user < names.length; user++) {
      for (int i = 0; i < 2; i++) {
        rows.add(new Object[] {user + 1L, new java.sql.Timestamp(RandomEvents.BASE + 1000L * i), names[user][i]});
      }
    }
    final Store store = TestStores.create(StoreKind.DUCKDB, "events",
        "user_id BIGINT, ts TIMESTAMP, event_name VARCHAR COLLATE NOCASE", rows);
    final String sql = "SELECT user_id, SEQUENCE_NEXT_NODE('backward', 'tail', ts, event_name, TRUE), "
        + "SEQUENCE_NEXT_NODE('forward', 'head', ts, event_name, TRUE, TRUE) FROM events GROUP BY user_id";
    try (AdapterConnection scan = AdapterConnections.open(store);
        AdapterConnection generic = AdapterConnections.open(store, null, settings("funnel.pushdown", "never"))) {
      assertTrue(scan.explain(sql).contains("values=[SELECT ROW_NUMBER()"), sql);
      final Map<String, List<Object>> expected = Map.of("1", List.of("Cart", "Cart"), "2", List.of("cart", "cart"),
          "3", List.of("CART", "CART"));
      assertEquals(expected, byKey(scan, sql));
      assertEquals(expected, byKey(generic, sql));
    }
  }
}
