package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection prepares a statement once: running the same SQL again, even through a new {@code Statement}, reuses
 * the plan, and the reused plan still takes new parameter values and sees new rows in the store (with the result
 * cache off, which would otherwise answer the same card again).
 */
class PlanCacheTest {
  private static final String FUNNEL = "SELECT COUNT(*) FROM (SELECT user_id, FUNNEL_STEP(ts, 600, event_name = 'a', "
      + "event_name = 'b') AS r FROM events WHERE user_id >= ? GROUP BY user_id) t WHERE r = 2";

  private static long count(Connection connection, long from) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(FUNNEL)) {
      statement.setLong(1, from);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Test
  void theSameSqlIsPreparedOnceAndReusedWithNewParametersAndNewRows() throws SQLException {
    final String source = EventStores.create(Kind.H2, List.of(new Event(1, 1_000L, "a"), new Event(1, 2_000L, "b"),
        new Event(2, 1_000L, "a"), new Event(2, 3_000L, "b")));
    try (LogCapture log = LogCapture.of("dev.funnelsql.calcite.prepare.FunnelPrepare");
        Connection connection =
            DriverManager.getConnection(EventStores.funnelUrl(Kind.H2, source) + ";cache.ttl=0")) {
      assertEquals(2, count(connection, 0));
      assertEquals(1, count(connection, 2));
      assertEquals(1, log.count("reusing the prepared plan of [SELECT COUNT(*) FROM (SELECT user_id, FUNNEL_STEP"),
          log.messages().toString());
      try (Connection store = DriverManager.getConnection(source);
          Statement statement = store.createStatement()) {
        statement.execute("INSERT INTO PUBLIC.events VALUES (3, TIMESTAMP '1970-01-01 00:00:01', 1, 'a'), "
            + "(3, TIMESTAMP '1970-01-01 00:00:02', 1, 'b')");
      }
      assertEquals(3, count(connection, 0));
      assertEquals(2, log.count("reusing the prepared plan of [SELECT COUNT(*) FROM (SELECT user_id, FUNNEL_STEP"));
    }
  }
}
