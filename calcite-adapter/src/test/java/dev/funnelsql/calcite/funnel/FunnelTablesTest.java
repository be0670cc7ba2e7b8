package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.ReferenceFunnel;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model funnel's tables, as the README defines them: {@code funnels.<f>} has one row per user and step reached
 * (step number and name), and {@code funnels.<f>_chart} the users per step label in step order; checked on random
 * events against the funnel computed in Java.
 */
class FunnelTablesTest {
  private static final List<String> NAMES = List.of("Viewed", "Carted", "Paid");
  private static final ReferenceFunnel FUNNEL = new ReferenceFunnel(RandomEvents.DAY, List.of("a", "b", "c"));
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        checkout:
          window: 1d
          steps:
            - { name: Viewed, when: "event_name = 'a'" }
            - { name: Carted, when: "event_name = 'b'" }
            - { name: Paid,   when: "event_name = 'c'" }
      """;

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB"})
  void oneRowPerUserAndStepReachedAndTheChartCountsThem(StoreKind kind) throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(7L, 150, 12);
    final List<List<Object>> expected = new ArrayList<>();
    final long[] users = new long[NAMES.size()];
    RandomEvents.byUser(events).forEach((user, own) -> {
      final int level = FUNNEL.level(own);
      for (int step = 1; step <= level; step++) {
        expected.add(List.of(user, step, NAMES.get(step - 1)));
        users[step - 1]++;
      }
    });
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind, events), MODEL,
        new Properties())) {
      assertEquals(expected.toString(), connection.rows("SELECT user_id, step, step_name FROM funnels.checkout "
          + "ORDER BY user_id, step").toString());
      final List<List<Object>> chart = new ArrayList<>();
      for (int step = 1; step <= NAMES.size(); step++) {
        chart.add(List.of(step + ". " + NAMES.get(step - 1), users[step - 1]));
      }
      assertEquals(chart.toString(), connection.rows("SELECT step_label, users FROM funnels.checkout_chart")
          .toString());
    }
  }
}
