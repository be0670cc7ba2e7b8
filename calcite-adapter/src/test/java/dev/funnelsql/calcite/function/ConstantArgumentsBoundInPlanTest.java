package dev.funnelsql.calcite.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The constant arguments of a behavioural function (window, modes, pattern) are bound into the plan when the
 * statement is prepared, shown in EXPLAIN as {@code FUNNEL_STEP[window=604800000ms, mode=strict_order]}, and only
 * the time and the conditions remain arguments: a window becomes milliseconds for a timestamp or date time (an
 * interval, or seconds with fractions) and stays in the time's own unit for an integer time.
 */
class ConstantArgumentsBoundInPlanTest {
  private static final Pattern AGGREGATES = Pattern.compile("aggregates=\\[\\[(.*?)]], pushdown=");
  private static AdapterConnection connection;

  @BeforeAll
  static void connect() throws SQLException {
    connection = AdapterConnections.open(TestEvent.store(StoreKind.H2, List.of()));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      FUNNEL_STEP(ts, INTERVAL '7' DAY, 'strict_order', event_name = 'a')         | \
      FUNNEL_STEP[window=604800000ms, mode=strict_order]([2])
      FUNNEL_STEP(ts, 1.5, 'strict_order, allow_reentry', event_name = 'a')         | \
      FUNNEL_STEP[window=1500ms, mode=strict_order,allow_reentry]([2])
      FUNNEL_STEP(CAST(ts AS DATE), INTERVAL '2' DAY, 'strict_once', event_name = 'a', event_name = 'b') | \
      FUNNEL_STEP[window=172800000ms, mode=strict_once]([2, 3])
      FUNNEL_STEP(secs, 600, event_name = 'a', event_name = 'b')                    | \
      FUNNEL_STEP[window=600]([2, 3])
      FUNNEL_TIMES(ts, INTERVAL '1' HOUR, 'unordered', event_name = 'a', event_name = 'b') | \
      FUNNEL_TIMES[window=3600000ms, mode=unordered]([2, 3])
      SEQUENCE_MATCH('(?1).*(?2)', ts, event_name = 'a', event_name = 'b')          | \
      SEQUENCE_MATCH['(?1).*(?2)']([2, 3])
      SEQUENCE_COUNT('(?1)(?t<=60)(?2)', secs, event_name = 'a', event_name = 'b')  | \
      SEQUENCE_COUNT['(?1)(?t<=60)(?2)']([2, 3])
      RETENTION(event_name = 'a', event_name = 'b', event_name = 'c')               | \
      RETENTION[3]([1, 2, 3])
      """)
  void theConstantsAreBoundIntoThePlan(String call, String bound) throws SQLException {
    final String plan = connection.explain("SELECT user_id, " + call + " FROM events GROUP BY user_id");
    final Matcher matcher = AGGREGATES.matcher(plan);
    assertEquals(true, matcher.find(), plan);
    assertEquals(bound, matcher.group(1));
  }
}
