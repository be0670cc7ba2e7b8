package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What reaches the event store: a behavioural aggregate becomes a step scan whose store query computes the step
 * conditions as one mask column and keeps the user's filters, and the constant arguments of a funnel (window, mode)
 * are bound in the plan, never sent to the store.
 */
class PushdownTest {
  private static String explain(Connection connection, String sql) throws SQLException {
    final StringBuilder plan = new StringBuilder();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theStoreComputesTheStepMaskUnderTheUsersFilterAndTheWindowStaysInThePlan(Kind kind) throws SQLException {
    final String source = EventStores.create(kind, List.of(new Event(1, 1_000L, "a")));
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      final String plan = explain(connection, "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '7' DAY, 'strict_order', "
          + "event_name = 'a', event_name = 'b') AS s FROM events WHERE user_id > 0 GROUP BY user_id");
      assertTrue(plan.contains("StepScanAggregate"), plan);
      assertTrue(plan.contains("FUNNEL_STEP[window=604800000ms, mode=strict_order]"), plan);
      // Event names hold one at a time: one CASE gives the mask.
      assertTrue(plan.matches("(?s).*sql=\\[SELECT .*CASE WHEN .*'a' THEN 1 WHEN .*'b' THEN 2 ELSE 0 END AS "
          + "\"mask\".*WHERE .*> 0.*"), plan);
      assertFalse(plan.contains("INTERVAL"), plan);
      assertFalse(plan.contains("secs"), "unused columns are not fetched:\n" + plan);
      // Conditions that may hold together: one bit each.
      final String overlapping = explain(connection, "SELECT user_id, FUNNEL_STEP(ts, 600, event_name = 'a', "
          + "user_id > 5) FROM events GROUP BY user_id");
      assertTrue(overlapping.matches("(?s).*sql=\\[SELECT .*CASE WHEN .*'a' THEN 1 ELSE 0 END \\+ CASE WHEN .*> 5 "
          + "THEN 2 ELSE 0 END AS \"mask\".*"), overlapping);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void rowsMatchingNoStepStayInTheStoreWhileEveryGroupStillComesBack(Kind kind) throws SQLException {
    final String source = EventStores.create(kind, List.of(new Event(1, 1_000L, "a")));
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      final String funnel = "SELECT user_id, FUNNEL_STEP(ts, 600, event_name = 'a', event_name = 'b') FROM events ";
      // The user's filter already keeps only step rows: the store sends nothing else.
      final String implied = explain(connection, funnel + "WHERE event_name IN ('a', 'b') GROUP BY user_id");
      assertTrue(implied.matches("(?s).*sql=\\[SELECT [^\\]]*WHERE [^\\]]*'a'[^\\]]*'b'[^\\]]*].*"), implied);
      assertFalse(implied.contains("UNION"), implied);
      // Otherwise users without a step row must still get their row (level 0): the store adds each such user
      // once, except on H2 where sending all rows costs less than its GROUP BY.
      final String all = explain(connection, funnel + "GROUP BY user_id");
      if (kind == Kind.H2) {
        assertFalse(all.matches("(?s).*sql=\\[[^\\]]*WHERE.*"), all);
      } else {
        assertTrue(all.matches("(?s).*sql=\\[SELECT [^\\]]*AS \"mask\"\\s+FROM [^\\]]*WHERE [^\\]]*'a'[^\\]]*\\s+"
            + "UNION ALL\\s+SELECT [^\\]]*0 AS \"mask\"[^\\]]*WHERE [^\\]]*IS NOT TRUE\\s+GROUP BY [^\\]]*].*"), all);
      }
      // Without GROUP BY there is one row whatever the filter drops.
      final String global = explain(connection, "SELECT FUNNEL_STEP(ts, 600, event_name = 'a') FROM events");
      assertTrue(global.matches("(?s).*sql=\\[SELECT [^\\]]*WHERE [^\\]]*'a'[^\\]]*].*"), global);
      assertFalse(global.contains("UNION"), global);
    }
  }
}
