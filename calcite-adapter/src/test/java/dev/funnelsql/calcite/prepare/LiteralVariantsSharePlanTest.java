package dev.funnelsql.calcite.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries that differ only in the literals of their filters share one plan (Calcite prepares the first and none of
 * the others), each answering with its own values; a literal of another type, or {@code plan.literals=text}, plans
 * anew; a string compared with a timestamp keeps its literal; and an error is reported as for the literal text.
 */
class LiteralVariantsSharePlanTest {
  private static Store store;

  @BeforeAll
  static void events() throws SQLException {
    store = TestEvent.store(StoreKind.H2, List.of(TestEvent.of(1, 1_000L, "a"), TestEvent.of(1, 2_000L, "b"),
        TestEvent.of(2, 1_000L, "a"), TestEvent.of(2, 3_000L, "b "), TestEvent.of(3, 4_000L, "c")));
  }

  private static long count(AdapterConnection connection, String sql) throws SQLException {
    return (Long) connection.rows(sql).get(0).get(0);
  }

  @Test
  void numbersInAFilterShareOnePlan() throws SQLException {
    try (AdapterConnection connection = PlanCounter.open(store, true); PlanCounter counter = new PlanCounter()) {
      assertEquals(2, count(connection, "SELECT COUNT(*) FROM events WHERE user_id = 1"));
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE user_id = 3"));
      assertEquals(0, count(connection, "SELECT COUNT(*) FROM events WHERE user_id = -7"));
      assertEquals(3, count(connection, "SELECT COUNT(*) FROM events WHERE user_id =    2 OR user_id = 3"));
      assertEquals(2, count(connection, "SELECT COUNT(*) FROM events WHERE user_id =    1 OR user_id = 1000"));
      assertEquals(2, counter.preparations());
    }
  }

  @Test
  void stringsComparedWithTextShareOnePlan() throws SQLException {
    try (AdapterConnection connection = PlanCounter.open(store, true); PlanCounter counter = new PlanCounter()) {
      assertEquals(2, count(connection, "SELECT COUNT(*) FROM events WHERE event_name = 'a'"));
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE event_name = 'b'"));
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE event_name = 'b '"));
      assertEquals(0, count(connection, "SELECT COUNT(*) FROM events WHERE event_name = ''"));
      assertEquals(0, count(connection, "SELECT COUNT(*) FROM events WHERE event_name = 'it''s'"));
      assertEquals(1, counter.preparations());
    }
  }

  @Test
  void aLiteralOfAnotherTypeHasItsOwnPlanAndAValueThatDoesNotFitItsOwnText() throws SQLException {
    try (AdapterConnection connection = PlanCounter.open(store, true); PlanCounter counter = new PlanCounter()) {
      assertEquals(3, count(connection, "SELECT COUNT(*) FROM events WHERE user_id > 1"));
      assertEquals(1, counter.preparations());
      // DECIMAL(2,1): a plan of its own, with user_id's BIGINT parameter, which 2.5 does not fit: its own text too.
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE user_id > 2.5"));
      assertEquals(3, counter.preparations());
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE user_id > 2.0"));
      assertEquals(3, counter.preparations());
      assertEquals(3, count(connection, "SELECT COUNT(*) FROM events WHERE user_id > 1.5"));
      assertEquals(4, counter.preparations());
      assertEquals(0, count(connection, "SELECT COUNT(*) FROM events WHERE user_id > 5000000000"));
      assertEquals(5, counter.preparations());
      assertEquals(5, count(connection, "SELECT COUNT(*) FROM events WHERE user_id > -5000000000"));
      assertEquals(5, counter.preparations());
    }
  }

  @Test
  void aNumberComparedWithAStringKeepsItsLiteral() throws SQLException {
    try (AdapterConnection connection = PlanCounter.open(store, true); PlanCounter counter = new PlanCounter()) {
      assertThrows(SQLException.class, () -> count(connection, "SELECT COUNT(*) FROM events WHERE event_name = 5"));
      assertEquals(2, counter.preparations());
      assertThrows(SQLException.class, () -> count(connection, "SELECT COUNT(*) FROM events WHERE event_name = 6"));
      assertEquals(3, counter.preparations());
    }
  }

  @Test
  void withPlanLiteralsTextEachTextIsPlanned() throws SQLException {
    try (AdapterConnection connection = PlanCounter.open(store, false); PlanCounter counter = new PlanCounter()) {
      assertEquals(2, count(connection, "SELECT COUNT(*) FROM events WHERE user_id = 1"));
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE user_id = 3"));
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE user_id = 3"));
      assertEquals(2, counter.preparations());
    }
  }

  @Test
  void aStringComparedWithATimestampKeepsItsLiteral() throws SQLException {
    try (AdapterConnection connection = PlanCounter.open(store, true); PlanCounter counter = new PlanCounter()) {
      assertEquals(3, count(connection, "SELECT COUNT(*) FROM events WHERE ts > '1970-01-01 00:00:01'"));
      // The first variant tried a shared plan, found the parameter typed TIMESTAMP, and planned its own text.
      assertEquals(2, counter.preparations());
      assertEquals(1, count(connection, "SELECT COUNT(*) FROM events WHERE ts > '1970-01-01 00:00:03.5'"));
      assertEquals(3, counter.preparations());
    }
  }

  @Test
  void aPreparedStatementOverLiteralTextRunsAgainWithItsValues() throws SQLException {
    try (AdapterConnection connection = PlanCounter.open(store, true);
        PreparedStatement two = connection.connection().prepareStatement(
            "SELECT COUNT(*) FROM events WHERE user_id = 2");
        PreparedStatement three = connection.connection().prepareStatement(
            "SELECT COUNT(*) FROM events WHERE user_id = 3")) {
      for (int i = 0; i < 2; i++) {
        assertEquals(2, single(two));
        assertEquals(1, single(three));
      }
      assertEquals(0, two.getParameterMetaData().getParameterCount());
    }
  }

  private static long single(PreparedStatement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void errorsReportTheLiteralTextsPosition() throws SQLException {
    final List<String> wrong = List.of(
        "SELECT COUNT(*) FROM events WHERE user_id = 1 AND nosuch = 'x'",
        "SELECT COUNT(*) FROM events\nWHERE user_id = 123456 AND\n  event_name = 'abc' AND nosuch > 12",
        "SELECT COUNT(*) FROM events WHERE user_id = 1 AND event_name > 'b' AND missing(user_id) = 'A'",
        "SELECT COUNT(*) FROM events WHERE user_id BETWEEN 1 AND 'x' GROUP BY nosuch");
    try (AdapterConnection shared = PlanCounter.open(store, true);
        AdapterConnection text = PlanCounter.open(store, false)) {
      for (String sql : wrong) {
        final String expected = assertThrows(SQLException.class, () -> text.rows(sql)).getMessage();
        assertEquals(expected, assertThrows(SQLException.class, () -> shared.rows(sql)).getMessage(), sql);
        assertEquals(expected, assertThrows(SQLException.class, () -> shared.rows(sql)).getMessage(), sql);
      }
    }
  }

  @Test
  void aWrongSettingIsRefused() {
    final Properties properties = new Properties();
    properties.setProperty("plan.literals", "maybe");
    assertEquals("22023", assertThrows(SQLException.class, () -> PlanSettings.from(properties)).getSQLState());
  }
}
