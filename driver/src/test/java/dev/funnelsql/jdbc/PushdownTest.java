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
      assertTrue(plan.matches("(?s).*sql=\\[SELECT .*CASE WHEN .*'a' THEN 1 ELSE 0 END \\+ CASE WHEN .*'b' THEN 2 "
          + "ELSE 0 END AS \"mask\".*WHERE .*> 0.*"), plan);
      assertFalse(plan.contains("INTERVAL"), plan);
      assertFalse(plan.contains("secs"), "unused columns are not fetched:\n" + plan);
    }
  }
}
