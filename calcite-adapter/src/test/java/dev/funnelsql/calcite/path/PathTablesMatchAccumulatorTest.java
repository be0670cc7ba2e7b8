package dev.funnelsql.calcite.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestStores;
import dev.funnelsql.functions.path.PathAccumulator;
import dev.funnelsql.functions.path.PathEdge;
import dev.funnelsql.functions.path.PathSpec;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of path table, on random stores, equals {@link PathAccumulator} (itself checked against a brute force of
 * the path definition in {@code sql-functions}) fed the same events in the test, whether the store computes the edges
 * in its windows (DuckDB) or FunnelSQL streams the events (H2, PostgreSQL). The events are built to find where the two
 * could differ: many ties on one instant, repeated events, twins that differ only in their start or end flag, start
 * and end conditions that hold on some rows of a run of one node and not others, NULL times, names and properties,
 * users without events, and names whose code point order differs from UTF-16 order and from case-insensitive order.
 */
class PathTablesMatchAccumulatorTest {
  private static final long BASE = 1_767_225_600_000L;
  private static final long GAP_MILLIS = 120_000L;
  private static final String[] NAMES = {"a", "b", "c", "B", "a", "b", "\u00e9", "\ud835\udd38", "\ue000", null};
  /** Users per store, but for the seed of a small store, where the counts at a depth often tie. */
  private static final int USERS = 1500;
  private static final long SMALL_SEED = 4L;
  private static final int SMALL_USERS = 80;

  /** One random event. */
  private record Event(long user, Long millis, String name, Integer prop) {
  }

  /** A path of the model and how the test computes its rows. */
  private record Case(String name, PathSpec spec, boolean perSession, Predicate<Event> start, Predicate<Event> end,
      Function<Event, String> node) {
  }

  private static final Predicate<Event> NONE = event -> false;

  private static boolean named(Event event, String name) {
    return name.equals(event.name());
  }

  private static boolean prop(Event event, int value) {
    return Objects.equals(event.prop(), value);
  }

  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name, session: { gap: 2m } }
      paths:
        start_in_run: { start: "event_name = 'a' AND prop = 1", steps: 4, top: 2 }
        into_c: { end: "event_name = 'c'", steps: 3 }
        a_to_c_rows: { start: "event_name = 'a'", end: "event_name = 'c' AND prop = 0", steps: 5, collapse: false }
        a_to_c: { start: "event_name = 'a'", end: "event_name = 'c'", steps: 3 }
        into_b_rows: { end: "event_name = 'b'", steps: 4, collapse: false }
        by_prop: { node: "CASE WHEN prop = 1 THEN 'x' ELSE event_name END", collapse: false, steps: 3, top: 3 }
        top_one: { steps: 2, top: 1 }
        a_prop_rows: { start: "event_name = 'a' AND prop = 1", steps: 5, top: 2, collapse: false }
        sessions_after_a: { start: "event_name = 'a'", steps: 4, top: 2, per: session }
        sessions_into_c: { end: "event_name = 'c'", steps: 3, collapse: false, per: session }
        sessions_all: { collapse: false, steps: 3, top: 3, per: session }
        sessions_prop_to_b: { start: "prop = 1", end: "event_name = 'b'", steps: 4, per: session }
      """;

  private static final List<Case> CASES = List.of(
      new Case("start_in_run", PathSpec.of(4, true, 2, true, false), false,
          e -> named(e, "a") && prop(e, 1), NONE, Event::name),
      new Case("into_c", PathSpec.of(3, true, 10, false, true), false, NONE, e -> named(e, "c"), Event::name),
      new Case("a_to_c_rows", PathSpec.of(5, false, 10, true, true), false, e -> named(e, "a"),
          e -> named(e, "c") && prop(e, 0), Event::name),
      new Case("a_to_c", PathSpec.of(3, true, 10, true, true), false, e -> named(e, "a"), e -> named(e, "c"),
          Event::name),
      new Case("into_b_rows", PathSpec.of(4, false, 10, false, true), false, NONE, e -> named(e, "b"), Event::name),
      new Case("by_prop", PathSpec.of(3, false, 3, false, false), false, NONE, NONE,
          e -> prop(e, 1) ? "x" : e.name()),
      new Case("top_one", PathSpec.of(2, true, 1, false, false), false, NONE, NONE, Event::name),
      new Case("a_prop_rows", PathSpec.of(5, false, 2, true, false), false, e -> named(e, "a") && prop(e, 1), NONE,
          Event::name),
      new Case("sessions_after_a", PathSpec.of(4, true, 2, true, false), true, e -> named(e, "a"), NONE,
          Event::name),
      new Case("sessions_into_c", PathSpec.of(3, false, 10, false, true), true, NONE, e -> named(e, "c"),
          Event::name),
      new Case("sessions_all", PathSpec.of(3, false, 3, false, false), true, NONE, NONE, Event::name),
      new Case("sessions_prop_to_b", PathSpec.of(4, true, 10, true, true), true, e -> prop(e, 1),
          e -> named(e, "b"), Event::name));

  static List<Arguments> stores() {
    final List<Arguments> stores = new ArrayList<>();
    for (long seed : new long[] {1L, 2L}) {
      stores.add(Arguments.of(StoreKind.DUCKDB, seed));
      stores.add(Arguments.of(StoreKind.H2, seed));
    }
    stores.add(Arguments.of(StoreKind.POSTGRES, 3L));
    stores.add(Arguments.of(StoreKind.DUCKDB, 3L));
    stores.add(Arguments.of(StoreKind.DUCKDB, SMALL_SEED));
    stores.add(Arguments.of(StoreKind.H2, SMALL_SEED));
    return stores;
  }

  private static List<Event> events(long seed) {
    final SplittableRandom random = new SplittableRandom(seed);
    final List<Event> events = new ArrayList<>();
    final int users = seed == SMALL_SEED ? SMALL_USERS : USERS;
    for (long user = 1; user <= users; user++) {
      final int count = random.nextInt(15);
      for (int i = 0; i < count; i++) {
        final Long millis = random.nextInt(30) == 0 ? null : BASE + 60_000L * random.nextInt(10);
        final Integer prop = random.nextInt(10) == 0 ? null : random.nextInt(2);
        events.add(new Event(user, millis, NAMES[random.nextInt(NAMES.length)], prop));
        if (random.nextInt(8) == 0) {
          events.add(new Event(user, millis, events.get(events.size() - 1).name(), random.nextInt(2)));
        }
      }
    }
    return events;
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("stores")
  void everyPathTableEqualsTheAccumulator(StoreKind kind, long seed) throws SQLException {
    final List<Event> events = events(seed);
    final List<Object[]> rows = new ArrayList<>();
    for (Event event : events) {
      rows.add(new Object[] {event.user(), event.millis() == null ? null : new Timestamp(event.millis()),
          event.name(), event.prop()});
    }
    final Store store = TestStores.create(kind, "events",
        "user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(20), prop INTEGER", rows);
    final Map<Long, List<Event>> byUser = new TreeMap<>();
    events.forEach(event -> byUser.computeIfAbsent(event.user(), user -> new ArrayList<>()).add(event));
    try (AdapterConnection connection = AdapterConnections.open(store, MODEL, new Properties())) {
      for (Case path : CASES) {
        final List<String> sent = new ArrayList<>();
        final List<List<Object>> actual;
        try (Hook.Closeable ignored = Hook.QUERY_PLAN.addThread((Consumer<Object>) s -> sent.add((String) s))) {
          actual = connection.rows("SELECT source, target, depth, users, share_of_start FROM paths." + path.name());
        }
        final List<List<Object>> expected = expected(path, byUser);
        assertFalse(expected.isEmpty(), path.name());
        assertTrue(expected.stream().anyMatch(row -> ((Long) row.get(3)) > 1), path.name());
        assertEquals(expected, actual, kind + " seed " + seed + " " + path.name());
        // One store query (none where the connection's result cache holds the rows of an equal one), computing the
        // edges in the store's windows on DuckDB only.
        assertTrue(sent.size() == (kind == StoreKind.DUCKDB ? 1 : sent.size()) && sent.size() <= 1,
            kind + " " + path.name() + ": " + sent);
        assertTrue(sent.stream().allMatch(sql -> sql.contains("LEAD(") == (kind == StoreKind.DUCKDB)),
            kind + " " + path.name() + ": the store computes the edges in its windows on DuckDB only:\n" + sent);
      }
    }
  }

  /** The edges of the accumulator fed the events of each user (per session: each session of each user). */
  private static List<List<Object>> expected(Case path, Map<Long, List<Event>> byUser) {
    final PathAccumulator accumulator = path.perSession() ? PathAccumulator.perGroup(path.spec())
        : new PathAccumulator(path.spec());
    byUser.forEach((user, rows) -> {
      final List<Event> timed = new ArrayList<>(rows.stream().filter(e -> e.millis() != null).toList());
      timed.sort(Comparator.comparing(Event::millis));
      for (int i = 0; i < timed.size(); i++) {
        if (path.perSession() && i > 0 && timed.get(i).millis() - timed.get(i - 1).millis() > GAP_MILLIS) {
          accumulator.endOwner();
        }
        final Event event = timed.get(i);
        final String node = path.node().apply(event);
        if (node != null) {
          accumulator.add(event.millis(), node, path.start().test(event), path.end().test(event));
        }
      }
      accumulator.endOwner();
      if (path.perSession()) {
        accumulator.endGroup();
      }
    });
    final List<List<Object>> rows = new ArrayList<>();
    for (PathEdge edge : accumulator.edges()) {
      rows.add(List.of(edge.source(), edge.target(), edge.depth(), edge.users(), edge.shareOfStart()));
    }
    return rows;
  }
}
