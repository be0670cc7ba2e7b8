package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A grouping of a per-user grouping (a histogram of users by their number of events) runs whole in the store, not
 * as a row per user read into Calcite's aggregate, and gives the answer of its definition.
 */
class GroupsInStoreTest {
  private static final String QUERY = "SELECT u.n, COUNT(*) AS users, MAX(u.best) AS best, SUM(u.paid) AS paid "
      + "FROM (SELECT user_id, COUNT(*) AS n, MAX(score) AS best, SUM(revenue) AS paid FROM events "
      + "GROUP BY user_id) AS u GROUP BY u.n";

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void aGroupingOfAPerUserGroupingRunsInTheStore(StoreKind kind, long seed) throws SQLException {
    final Map<Long, Long[]> expected = new TreeMap<>();
    RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, own) -> {
      final Long[] row = expected.computeIfAbsent((long) own.size(), n -> new Long[] {0L, null, null});
      row[0]++;
      own.stream().map(TestEvent::score).filter(Objects::nonNull).mapToLong(Integer::longValue).max()
          .ifPresent(best -> row[1] = row[1] == null ? best : Math.max(row[1], best));
      final List<Integer> revenues = own.stream().map(TestEvent::revenue).filter(Objects::nonNull).toList();
      if (!revenues.isEmpty()) {
        row[2] = (row[2] == null ? 0 : row[2]) + revenues.stream().mapToLong(Integer::longValue).sum();
      }
    });
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), null,
        new Properties())) {
      final String plan = connection.explain(QUERY);
      assertFalse(plan.contains("EnumerableAggregate"), plan);
      final Map<Long, List<Long>> actual = new TreeMap<>();
      for (List<Object> row : connection.rows(QUERY)) {
        final List<Long> values = new ArrayList<>();
        row.forEach(value -> values.add(value == null ? null : ((Number) value).longValue()));
        actual.put(values.get(0), values.subList(1, values.size()));
      }
      final Map<Long, List<Long>> wanted = new TreeMap<>();
      expected.forEach((n, row) -> wanted.put(n, Arrays.asList(row)));
      assertEquals(wanted, actual, kind + " seed " + seed);
    }
  }
}
