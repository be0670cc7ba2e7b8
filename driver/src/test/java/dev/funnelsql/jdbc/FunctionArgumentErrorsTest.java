package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wrong calls of the behavioural functions fail when the statement is prepared, with a SQLException whose SQLState
 * says what kind of mistake it is and whose message names the argument and its position in the SQL.
 */
class FunctionArgumentErrorsTest {
  private static Connection connection;

  @BeforeAll
  static void connect() throws SQLException {
    connection = DriverManager.getConnection(EventStores.funnelUrl(Kind.H2, EventStores.create(Kind.H2, List.of())));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static final String STEPS = "event_name = 'a', event_name = 'b'";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      negative interval window  | FUNNEL_STEP(ts, INTERVAL '-5' SECOND, $STEPS)     | 22023 | must not be negative
      negative numeric window   | FUNNEL_STEP(ts, -5, $STEPS)                       | 22023 | must not be negative
      window not constant       | FUNNEL_STEP(ts, secs, $STEPS)                     | 22023 | must be a constant
      month window              | FUNNEL_STEP(ts, INTERVAL '1' MONTH, $STEPS)       | 42804 | no fixed length
      interval on numeric time  | FUNNEL_STEP(secs, INTERVAL '1' HOUR, $STEPS)      | 42804 | not an INTERVAL
      unknown mode              | FUNNEL_STEP(ts, 60, 'strict_sideways', $STEPS)    | 22023 | strict_increase
      reentry without order     | FUNNEL_STEP(ts, 60, 'allow_reentry', $STEPS)      | 22023 | strict_order
      condition not boolean     | FUNNEL_STEP(ts, 60, $STEPS, event_name)           | 42804 | must be BOOLEAN
      condition is a number     | FUNNEL_STEP(ts, 60, $STEPS, user_id)              | 42804 | condition 3
      time is text              | FUNNEL_STEP(event_name, 60, $STEPS)               | 42804 | TIMESTAMP, DATE or integer
      too few arguments         | FUNNEL_STEP(ts, 60)                              | 42883 | FUNNEL_STEP
      pattern malformed         | SEQUENCE_MATCH('(?1)(?t>x)(?2)', ts, $STEPS)      | 22023 | position
      pattern refers to cond 3  | SEQUENCE_COUNT('(?1)(?3)', ts, $STEPS)            | 22023 | 3
      pattern not constant      | SEQUENCE_MATCH(event_name, ts, $STEPS)            | 22023 | constant string
      two time conditions       | SEQUENCE_MATCH('(?1)(?t>1)(?t<3)(?2)', ts, $STEPS) | 22023 | position 11
      doris mode unknown        | WINDOW_FUNNEL(600, 'sideways', ts, $STEPS)        | 22023 | deduplication
      doris window negative     | WINDOW_FUNNEL(-600, 'fixed', ts, $STEPS)          | 22023 | must not be negative
      starrocks mode out of 0-7 | WINDOW_FUNNEL(600, ts, 8, $STEPS)                 | 22023 | 8
      starrocks mode not const  | WINDOW_FUNNEL(600, ts, user_id, $STEPS)           | 22023 | constant integer
      starrocks window negative | WINDOW_FUNNEL(-1, ts, 0, $STEPS)                  | 22023 | must not be negative
      window funnel time text   | WINDOW_FUNNEL(600, 'fixed', event_name, $STEPS)   | 42804 | TIMESTAMP, DATE or integer
      doris mode not constant   | WINDOW_FUNNEL(600, event_name, ts, $STEPS)        | 22023 | constant string
      next node direction       | SEQUENCE_NEXT_NODE('up', 'head', ts, event_name, TRUE, $STEPS) | 22023 | forward
      next node forward tail    | SEQUENCE_NEXT_NODE('forward', 'tail', ts, event_name, TRUE) | 22023 | tail
      next node value not text  | SEQUENCE_NEXT_NODE('forward', 'head', ts, user_id, TRUE) | 42804 | CAST it to VARCHAR
      next node no base cond    | SEQUENCE_NEXT_NODE('forward', 'head', ts, event_name, user_id) | 42804 | BOOLEAN
      retention not boolean     | RETENTION(event_name = 'a', user_id)             | 42804 | must be BOOLEAN
      unknown function          | FUNNEL_STEPS(ts, 60, $STEPS)                      | 42883 | FUNNEL_STEPS
      unknown column            | FUNNEL_STEP(tss, 60, $STEPS)                      | 42703 | TSS
      """)
  void wrongCallFailsAtPrepareTime(String name, String call, String state, String message) {
    final String sql = "SELECT user_id, " + call.replace("$STEPS", STEPS) + " FROM events GROUP BY user_id";
    final SQLException e = assertThrows(SQLException.class, () -> connection.prepareStatement(sql), sql);
    assertTrue(e.getSQLState().equals(state), name + ": SQLState " + e.getSQLState() + " for " + e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains(message.toLowerCase()), name + ": " + e.getMessage());
    assertFalse(e.getMessage().contains("NullPointerException"), e.getMessage());
  }

  @ParameterizedTest(name = "{0} conditions")
  @CsvSource({"32, true", "33, false"})
  void atMostThirtyTwoConditions(int count, boolean accepted) throws SQLException {
    final String conditions = IntStream.range(0, count).mapToObj(i -> "event_name = 'e" + i + "'")
        .collect(Collectors.joining(", "));
    final String sql = "SELECT user_id, FUNNEL_STEP(ts, 60, " + conditions + ") FROM events GROUP BY user_id";
    if (accepted) {
      connection.prepareStatement(sql).close();
    } else {
      final SQLException e = assertThrows(SQLException.class, () -> connection.prepareStatement(sql));
      assertTrue(e.getMessage().contains("at most 32 conditions, got 33"), e.getMessage());
      assertTrue(e.getSQLState().equals("22023"), e.getSQLState());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      negative gap          | SESSIONIZE(ts, -5) OVER (PARTITION BY user_id)                  | 22023 | not be negative
      negative interval gap | SESSIONIZE(ts, INTERVAL '-1' HOUR) OVER (PARTITION BY user_id)  | 22023 | not be negative
      gap not constant      | SESSIONIZE(ts, secs) OVER (PARTITION BY user_id)                | 22023 | a constant
      month gap             | SESSIONIZE(ts, INTERVAL '1' MONTH) OVER (PARTITION BY user_id)  | 42804 | no fixed length
      gap is text           | SESSIONIZE(ts, 'x') OVER (PARTITION BY user_id)                 | 42804 | the gap
      time is text          | SESSIONIZE(event_name, 60) OVER (PARTITION BY user_id)          | 42804 | TIMESTAMP, DATE
      no over               | SESSIONIZE(ts, 60)                                              | 42000 | OVER clause
      one argument          | SESSIONIZE(ts) OVER (PARTITION BY user_id)                      | 42000 | 2 arguments
      """)
  void aWrongSessionizeCallFailsAtPrepareTime(String name, String call, String state, String message) {
    final String sql = "SELECT user_id, " + call + " FROM events";
    final SQLException e = assertThrows(SQLException.class, () -> connection.prepareStatement(sql), sql);
    assertTrue(e.getSQLState().equals(state), name + ": SQLState " + e.getSQLState() + " for " + e.getMessage());
    assertTrue(e.getMessage().toLowerCase().contains(message.toLowerCase()), name + ": " + e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void anAggregateUsedWithOverSaysToUseGroupBy() {
    final SQLException e = assertThrows(SQLException.class, () -> connection.prepareStatement(
        "SELECT user_id, FUNNEL_STEP(ts, 60, " + STEPS + ") OVER (PARTITION BY user_id) FROM events"));
    assertTrue(e.getSQLState().equals("0A000"), e.getSQLState() + " " + e.getMessage());
    assertTrue(e.getMessage().contains("use it with GROUP BY, not as a window function with OVER"), e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void aMalformedConstantSaysWhatIsWrongNotWhichJavaErrorWrappedIt() {
    final SQLException e = assertThrows(SQLException.class, () -> {
      try (java.sql.Statement statement = connection.createStatement()) {
        statement.executeQuery("SELECT CAST('2026-01-01 00:00:00+00' AS TIMESTAMP(3))").next();
      }
    });
    assertTrue(e.getMessage().contains("'2026-01-01 00:00:00+00'"), e.getMessage());
    assertFalse(e.getMessage().contains("Error"), e.getMessage());
  }
}
