package dev.funnelsql.calcite.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model's derived session checked against the store when the connection opens: its column must not be one of the
 * events table's, and a funnel per session needs it; each error at its model line with SQLState F0000.
 */
class SessionModelErrorsTest {
  private static Store store;

  @BeforeAll
  static void createStore() throws SQLException {
    store = TestEvent.store(StoreKind.H2, List.of(TestEvent.of(1, 0L, "a")));
  }

  private static String funnel(String per) {
    return "funnels:\n  f:\n    per: " + per + "\n    window: 1d\n"
        + "    steps: [{ name: A, when: \"event_name = 'a'\" }]\n";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      column clash         | session: { gap: 30m, column: source } | f | test.yaml:2:99: events.session.column: the \
      events table already has a column 'source'; name the derived session column otherwise (session: { gap: …, \
      column: visit }), or count per the table's own column (per: source) without session:
      clash ignoring case  | session: { gap: 30m, column: SCORE }  | f | test.yaml:2:99: events.session.column: the \
      events table already has a column 'SCORE'; name the derived session column otherwise (session: { gap: …, \
      column: visit }), or count per the table's own column (per: SCORE) without session:
      per session without  | properties: []                        | session | test.yaml:5:10: funnels.f.per: the \
      events table has no column 'session' to count the funnel per; to count the sessions FunnelSQL derives, add \
      session: { gap: 30m } to events: (the longest time between two events of one session)
      """)
  void aMistakeIsReportedAtItsModelLine(String name, String events, String per, String message) {
    final String model = "events: { table: events, user: user_id, time: ts, event: event_name, " + events + " }\n"
        + funnel(per.equals("f") ? "user_id" : per);
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (AdapterConnection connection = AdapterConnections.open(store, model, new Properties())) {
        connection.rows("SELECT 1");
      }
    }, name);
    assertEquals("F0000", e.getSQLState(), name);
    assertEquals(message, e.getMessage(), name);
  }
}
