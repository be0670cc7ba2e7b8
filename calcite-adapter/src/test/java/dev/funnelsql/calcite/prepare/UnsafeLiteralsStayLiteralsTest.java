package dev.funnelsql.calcite.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Literals whose value shapes the plan or its types are never parameters: each variant below is prepared from its own
 * text (Calcite prepares it) and answers as with {@code plan.literals=text}, while the filter literals beside them
 * still share plans.
 */
class UnsafeLiteralsStayLiteralsTest {
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      segmentations:
        first_source: { kind: property, property: source }
        last_source:  { kind: property, property: source, pick: last }
      """;
  private static AdapterConnection shared;
  private static AdapterConnection text;

  @BeforeAll
  static void open() throws SQLException {
    final Store store = TestEvent.store(StoreKind.H2, List.of(
        new TestEvent(1, 1_000L, "a", "ads", 1, 10), new TestEvent(1, 2_000L, "b", "mail", 2, 20),
        new TestEvent(2, 1_000L, "a", "mail", 3, 30), new TestEvent(2, 900_000L, "b", "ads", 4, 40),
        new TestEvent(3, 4_000L, "b", "ads", 5, 50), new TestEvent(3, 5_000L, "a", "ads", 6, 60)));
    shared = PlanCounter.open(store, MODEL, true);
    text = PlanCounter.open(store, MODEL, false);
  }

  @AfterAll
  static void close() throws SQLException {
    shared.close();
    text.close();
  }

  /** Runs each variant; each must be prepared anew and answer as its literal text does. */
  private static void eachPlanned(String... variants) throws SQLException {
    try (PlanCounter counter = new PlanCounter()) {
      for (String sql : variants) {
        final List<List<Object>> expected = text.rows(sql);
        final int before = counter.preparations();
        assertEquals(expected, shared.rows(sql), sql);
        assertTrue(counter.preparations() > before, "shared a plan: " + sql);
      }
    }
  }

  @Test
  void limitOffsetAndFetch() throws SQLException {
    eachPlanned("SELECT user_id FROM events ORDER BY user_id, ts LIMIT 1",
        "SELECT user_id FROM events ORDER BY user_id, ts LIMIT 2",
        "SELECT user_id FROM events ORDER BY user_id, ts LIMIT 2 OFFSET 3",
        "SELECT user_id FROM events ORDER BY user_id, ts OFFSET 1 ROWS FETCH NEXT 2 ROWS ONLY",
        "SELECT user_id FROM events ORDER BY user_id, ts OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY");
    assertEquals(2, shared.rows("SELECT user_id FROM events ORDER BY user_id, ts LIMIT 2 OFFSET 4").size());
  }

  @Test
  void orderAndGroupPositions() throws SQLException {
    eachPlanned("SELECT user_id, event_name FROM events ORDER BY 1, 2, ts",
        "SELECT user_id, event_name FROM events ORDER BY 2, 1, ts",
        "SELECT user_id, SUM(revenue) FROM events GROUP BY user_id ORDER BY 2 DESC",
        "SELECT user_id, SUM(revenue) FROM events GROUP BY user_id ORDER BY 1 DESC");
  }

  @Test
  void funnelWindowAndModeAndSequencePattern() throws SQLException {
    eachPlanned(
        "SELECT user_id, FUNNEL_STEP(ts, 1, event_name = 'a', event_name = 'b') FROM events GROUP BY user_id "
            + "ORDER BY 1",
        "SELECT user_id, FUNNEL_STEP(ts, 1000, event_name = 'a', event_name = 'b') FROM events GROUP BY user_id "
            + "ORDER BY 1",
        "SELECT user_id, FUNNEL_STEP(ts, 1000, 'strict_order', event_name = 'a', event_name = 'b') FROM events "
            + "GROUP BY user_id ORDER BY 1",
        "SELECT user_id, FUNNEL_STEP(ts, 1000, 'strict_once', event_name = 'a', event_name = 'b') FROM events "
            + "GROUP BY user_id ORDER BY 1",
        "SELECT user_id, SEQUENCE_MATCH('(?1).*(?2)', ts, event_name = 'a', event_name = 'b') FROM events "
            + "GROUP BY user_id ORDER BY 1",
        "SELECT user_id, SEQUENCE_MATCH('(?2).*(?1)', ts, event_name = 'a', event_name = 'b') FROM events "
            + "GROUP BY user_id ORDER BY 1");
    // The comparison with the funnel's level is a filter literal: 1 and 2 share a plan (the window does not).
    final String having = "SELECT user_id FROM events GROUP BY user_id "
        + "HAVING FUNNEL_STEP(ts, 1000, event_name = 'a', event_name = 'b') = ";
    assertEquals(List.of(List.of(1L), List.of(2L)), shared.rows(having + "2"));
    try (PlanCounter counter = new PlanCounter()) {
      assertEquals(List.of(List.of(3L)), shared.rows(having + "1"));
      assertEquals(0, counter.preparations());
    }
  }

  @Test
  void periodUnitsIntervalsAndDates() throws SQLException {
    eachPlanned("SELECT PERIOD_START(ts, 'day'), COUNT(*) FROM events GROUP BY PERIOD_START(ts, 'day')",
        "SELECT PERIOD_START(ts, 'month'), COUNT(*) FROM events GROUP BY PERIOD_START(ts, 'month')",
        "SELECT COUNT(*) FROM events WHERE ts > TIMESTAMP '1970-01-01 00:00:00' + INTERVAL '1' SECOND",
        "SELECT COUNT(*) FROM events WHERE ts > TIMESTAMP '1970-01-01 00:00:00' + INTERVAL '4' SECOND",
        "SELECT COUNT(*) FROM events WHERE ts > TIMESTAMP '1970-01-01 00:00:02'",
        "SELECT COUNT(*) FROM events WHERE ts > TIMESTAMP '1970-01-01 00:00:04'");
  }

  @Test
  void segmentationNames() throws SQLException {
    eachPlanned("SELECT COUNT(*) FROM events WHERE SEGMENT_OF('first_source', user_id) = 'ads'",
        "SELECT COUNT(*) FROM events WHERE SEGMENT_OF('last_source', user_id) = 'ads'");
    final String mail = "SELECT COUNT(*) FROM events WHERE SEGMENT_OF('last_source', user_id) = 'mail'";
    assertEquals(text.rows(mail), shared.rows(mail));
  }

  @Test
  void selectItemsInListsAndCaseResults() throws SQLException {
    eachPlanned("SELECT 'abc' AS x, 1.5 AS y FROM events WHERE user_id = 1",
        "SELECT 'abcde' AS x, 12.25 AS y FROM events WHERE user_id = 1",
        "SELECT COUNT(*) FROM events WHERE user_id IN (1, 2)",
        "SELECT COUNT(*) FROM events WHERE user_id IN (1, 3)",
        "SELECT COUNT(*) FROM events WHERE CASE WHEN user_id = 1 THEN 'x' ELSE 'y' END = event_name",
        "SELECT COUNT(*) FROM events WHERE CASE WHEN user_id = 2 THEN 'x' ELSE 'y' END = event_name");
    for (String literal : List.of("'abc'", "'abcdefg'")) {
      final String sql = "SELECT " + literal + " AS x FROM events WHERE user_id = 1";
      assertEquals(precision(text, sql), precision(shared, sql), sql);
    }
  }

  private static int precision(AdapterConnection connection, String sql) throws SQLException {
    try (Statement statement = connection.connection().createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.getMetaData().getPrecision(1);
    }
  }
}
