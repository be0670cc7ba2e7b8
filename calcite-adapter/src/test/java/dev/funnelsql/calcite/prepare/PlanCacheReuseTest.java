package dev.funnelsql.calcite.prepare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection prepares each SQL text once: preparing it again, through a new statement, reuses the plan (logged at
 * FINE by {@link FunnelPrepare}) and still binds the new parameter values; other SQL and other connections prepare
 * their own.
 */
class PlanCacheReuseTest {
  private static final String FUNNEL = "SELECT COUNT(*) FROM (SELECT user_id, FUNNEL_STEP(ts, 600, event_name = 'a', "
      + "event_name = 'b') AS r FROM events WHERE user_id >= ? GROUP BY user_id) t WHERE r = 2";
  private static final Logger LOG = Logger.getLogger(FunnelPrepare.class.getName());

  private final List<String> reused = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override public void publish(LogRecord record) {
      if (record.getMessage().startsWith("reusing the prepared plan of [")) {
        synchronized (reused) {
          reused.add(record.getMessage());
        }
      }
    }

    @Override public void flush() {
    }

    @Override public void close() {
    }
  };
  private Level level;

  @BeforeEach
  void capture() {
    level = LOG.getLevel();
    LOG.setLevel(Level.FINE);
    LOG.addHandler(handler);
  }

  @AfterEach
  void release() {
    LOG.removeHandler(handler);
    LOG.setLevel(level);
  }

  private static long count(AdapterConnection connection, String sql, long from) throws SQLException {
    try (PreparedStatement statement = connection.connection().prepareStatement(sql)) {
      statement.setLong(1, from);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  @Test
  void theSameSqlIsPreparedOnceAndTakesNewParameters() throws SQLException {
    final var store = TestEvent.store(StoreKind.H2, List.of(TestEvent.of(1, 1_000L, "a"), TestEvent.of(1, 2_000L, "b"),
        TestEvent.of(2, 1_000L, "a"), TestEvent.of(2, 3_000L, "b")));
    try (AdapterConnection first = AdapterConnections.open(store);
        AdapterConnection second = AdapterConnections.open(store)) {
      assertEquals(2, count(first, FUNNEL, 0));
      assertEquals(List.of(), reused);
      assertEquals(1, count(first, FUNNEL, 2));
      assertEquals(List.of("reusing the prepared plan of [" + FUNNEL + "]"), reused);
      // A different text (one more space) and another connection prepare anew.
      assertEquals(2, count(first, FUNNEL + " ", 0));
      assertEquals(2, count(second, FUNNEL, 0));
      assertEquals(1, reused.size());
    }
  }
}
