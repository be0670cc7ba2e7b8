package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.SegmentCases;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filtered aggregates ({@code FILTER (WHERE …)}) run in the store and give the answers of their definition, one
 * repeated many times in a query included: H2 failed on that until its dialect wrote them as {@code CASE} inside the
 * aggregate.
 */
class FilteredAggregatesTest {
  /** Per user and k (1 or 2, a joined column the filters compare with), as in the tipping point's counts. */
  private static final String QUERY = "SELECT e.user_id, t.k, COUNT(*) FILTER (WHERE e.score >= t.k) AS a, "
      + "COUNT(*) FILTER (WHERE e.score >= t.k) + COUNT(*) FILTER (WHERE e.score >= t.k) "
      + "+ COUNT(*) FILTER (WHERE e.score >= t.k) + COUNT(*) FILTER (WHERE e.score >= t.k) AS a4, "
      + "COALESCE(SUM(e.revenue) FILTER (WHERE e.score < t.k), -1) AS r, "
      + "COUNT(DISTINCT e.event_name) FILTER (WHERE e.revenue IS NOT NULL) AS named FROM events AS e "
      + "LEFT JOIN (VALUES (1), (2)) AS t(k) ON TRUE WHERE e.user_id IS NOT NULL GROUP BY e.user_id, t.k";

  @ParameterizedTest(name = "{0} seed {1}")
  @MethodSource("dev.funnelsql.calcite.testing.SegmentCases#cases")
  void filteredAggregatesAreComputedByTheStoreAsDefined(StoreKind kind, long seed) throws SQLException {
    final Map<List<Long>, List<Long>> expected = new TreeMap<>(Comparator.comparing(Object::toString));
    RandomEvents.byUser(SegmentCases.events(seed)).forEach((user, own) -> {
      for (int k = 1; k <= 2; k++) {
        final int threshold = k;
        final long a = own.stream().filter(e -> e.score() != null && e.score() >= threshold).count();
        final List<Integer> revenues = own.stream().filter(e -> e.score() != null && e.score() < threshold)
            .map(TestEvent::revenue).filter(Objects::nonNull).toList();
        final long named = own.stream().filter(e -> e.revenue() != null).map(TestEvent::name)
            .filter(Objects::nonNull).distinct().count();
        expected.put(List.of(user, (long) k), List.of(a, 4 * a, revenues.isEmpty() ? -1L
            : revenues.stream().mapToLong(r -> r).sum(), named));
      }
    });
    try (AdapterConnection connection = AdapterConnections.open(SegmentCases.store(kind, seed), null,
        new Properties())) {
      final String plan = connection.explain(QUERY);
      assertTrue(plan.contains("JdbcAggregate") && !plan.contains("EnumerableAggregate"), plan);
      final Map<List<Long>, List<Long>> actual = new TreeMap<>(Comparator.comparing(Object::toString));
      for (List<Object> row : connection.rows(QUERY)) {
        final List<Long> values = new ArrayList<>();
        row.forEach(value -> values.add(((Number) value).longValue()));
        actual.put(values.subList(0, 2), values.subList(2, values.size()));
      }
      assertEquals(expected, actual, kind + " seed " + seed);
    }
  }
}
