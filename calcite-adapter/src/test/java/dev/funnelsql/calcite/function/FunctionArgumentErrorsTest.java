package dev.funnelsql.calcite.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Causes;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.runtime.CalciteContextException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A wrong constant or condition of a behavioural function fails when the statement is prepared, with a validation
 * error that names the function and the argument and points at the argument's span in the SQL.
 */
class FunctionArgumentErrorsTest {
  private static final String PREFIX = "SELECT user_id, ";
  private static AdapterConnection connection;

  @BeforeAll
  static void connect() throws SQLException {
    connection = AdapterConnections.open(TestEvent.store(StoreKind.H2, List.of()));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static String prepareError(String call) {
    final String sql = PREFIX + call + " FROM events GROUP BY user_id";
    final SQLException e = assertThrows(SQLException.class, () -> connection.connection().prepareStatement(sql), sql);
    return Causes.find(e, CalciteContextException.class).getMessage();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      negative window   | FUNNEL_STEP(ts, -5, event_name = 'a')                     | From line 1, column 33 \
      to line 1, column 34: FUNNEL_STEP: the window must not be negative, got -5 seconds
      negative interval | FUNNEL_STEP(ts, INTERVAL '-5' SECOND, event_name = 'a')   | From line 1, column 33 \
      to line 1, column 52: FUNNEL_STEP: the window must not be negative, got -5 seconds
      window parameter  | FUNNEL_STEP(ts, ?, event_name = 'a')                      | At line 1, column 33: \
      FUNNEL_STEP: the window (argument 2) must be a constant, e.g. INTERVAL '7' DAY or 604800 (seconds)
      unknown mode      | FUNNEL_STEP(ts, 60, 'strict_sideways', event_name = 'a')  | From line 1, column 37 \
      to line 1, column 53: FUNNEL_STEP: unknown funnel mode 'strict_sideways'; valid modes are: \
      strict_deduplication, strict_order, strict_increase, strict_once, allow_reentry, unordered
      non-boolean       | FUNNEL_STEP(ts, 60, event_name = 'a', event_name)         | From line 1, column 55 \
      to line 1, column 64: FUNNEL_STEP: condition 2 (argument 4) must be BOOLEAN, got VARCHAR; write a comparison \
      such as event_name = 'cart_added'
      """)
  void aWrongArgumentIsAValidationErrorAtItsPosition(String name, String call, String message) {
    assertEquals(message, prepareError(call), name);
  }

  private static String conditions(int count) {
    return "FUNNEL_STEP(ts, 60, " + "event_name = 'a', ".repeat(count - 1) + "TRUE)";
  }

  @Test
  void thirtyTwoConditionsAreAccepted() throws SQLException {
    connection.connection().prepareStatement(PREFIX + conditions(32) + " FROM events GROUP BY user_id").close();
  }

  @Test
  void thirtyThreeConditionsAreRefusedAtTheThirtyThird() {
    assertEquals("From line 1, column 613 to line 1, column 616: FUNNEL_STEP: takes at most 32 conditions, got 33",
        prepareError(conditions(33)));
  }
}
