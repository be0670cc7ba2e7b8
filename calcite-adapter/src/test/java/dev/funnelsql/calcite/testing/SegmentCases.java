package dev.funnelsql.calcite.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The random stores the segment-kind tests share (one per store kind and seed, created once per test run) and the
 * comparison of a {@code segments.<s>} table with a reference computed in the test.
 */
public final class SegmentCases {
  private static final int USERS = 300;
  private static final int MAX_EVENTS_PER_USER = 16;
  private static final Map<String, Store> STORES = new HashMap<>();

  private SegmentCases() {
  }

  /** The cases, as (store kind, seed): two seeds on H2 and on DuckDB, one on PostgreSQL. */
  public static Stream<Arguments> cases() {
    return Stream.of(Arguments.of(StoreKind.H2, 1L), Arguments.of(StoreKind.H2, 2L),
        Arguments.of(StoreKind.DUCKDB, 2L), Arguments.of(StoreKind.DUCKDB, 3L), Arguments.of(StoreKind.POSTGRES, 1L));
  }

  /** The random events of a seed. */
  public static List<TestEvent> events(long seed) {
    return RandomEvents.generate(seed, USERS, MAX_EVENTS_PER_USER);
  }

  /** The store of that kind holding the events of the seed, created on first use. */
  public static synchronized Store store(StoreKind kind, long seed) throws SQLException {
    final String key = kind + "/" + seed;
    Store store = STORES.get(key);
    if (store == null) {
      store = TestEvent.store(kind, events(seed));
      STORES.put(key, store);
    }
    return store;
  }

  /** The allowed segments of a user whose answer is not open: exactly {@code segment}, which may be null. */
  public static Set<String> only(String segment) {
    return Collections.singleton(segment);
  }

  /**
   * Checks each user's segment in segmentation tables against the segments the reference allows (a set, since where
   * the README leaves a tie open any of the tied answers is right; a null element allows no segment). A user missing
   * from a table has no segment. The reference must give every one of {@code segments} to some user, so that each
   * branch of the kind is exercised.
   *
   * @param modelBody the model, without its source
   * @param expected by table (e.g. {@code segments.engagement}), the allowed segments of every user with events
   * @param segments the segments the kind can give, NULL included where it can give none
   */
  public static void check(StoreKind kind, long seed, String modelBody, Map<String, Map<Long, Set<String>>> expected,
      Collection<String> segments) throws SQLException {
    try (AdapterConnection connection = AdapterConnections.open(store(kind, seed), modelBody, new Properties())) {
      for (Map.Entry<String, Map<Long, Set<String>>> table : expected.entrySet()) {
        check(connection, kind + " seed " + seed + " " + table.getKey(), table.getKey(), table.getValue());
        final Set<String> given = new HashSet<>();
        table.getValue().values().forEach(given::addAll);
        assertTrue(given.containsAll(segments),
            table.getKey() + ": the data exercises only " + given + " of " + segments);
      }
    }
  }

  private static void check(AdapterConnection connection, String what, String table, Map<Long, Set<String>> allowed)
      throws SQLException {
    final Map<Long, String> actual = new TreeMap<>();
    for (List<Object> row : connection.rows("SELECT user_id, segment FROM " + table)) {
      final long user = ((Number) row.get(0)).longValue();
      assertTrue(allowed.containsKey(user), what + ": user " + user + " has no events but has a row");
      assertEquals(null, actual.put(user, (String) row.get(1)), what + ": user " + user + " twice");
    }
    final List<String> wrong = new ArrayList<>();
    allowed.forEach((user, segments) -> {
      final String segment = actual.get(user);
      if (!segments.contains(segment)) {
        wrong.add("user " + user + ": " + segment + " not in " + segments);
      }
    });
    assertEquals(List.of(), wrong, what + ": " + wrong.size() + " of " + allowed.size() + " users wrong");
  }
}
