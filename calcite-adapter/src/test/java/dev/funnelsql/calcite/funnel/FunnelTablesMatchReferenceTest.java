package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import dev.funnelsql.functions.funnel.FunnelAccumulator;
import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every table of a model funnel ({@code funnels.<f>}, {@code _summary}, {@code _chart}) equals the answer computed
 * in Java from the events alone, on random events with equal timestamps, NULL times and names, repeated events and
 * users without steps, for every order mode, with and without an exclusion, with breakdowns that leave some users in
 * no segment, and through every execution path: the step scan bucketing rows, the store ordering them, the buffer
 * limit forcing the fallback, and Calcite's generic aggregate. The chain of each user comes from {@code
 * sql-functions}' {@link FunnelAccumulator} (itself checked against brute force and ClickHouse's tests); the
 * exclusions, segments, counts, conversions, drop-offs and medians are recomputed here from the events.
 */
class FunnelTablesMatchReferenceTest {
  private static final List<String> STEPS = List.of("a", "b", "c");
  private static final List<String> NAMES = List.of("Saw a", "Saw b", "Saw c");
  private static final List<Set<FunnelMode>> MODES = List.of(Set.of(), Set.of(FunnelMode.STRICT_DEDUPLICATION),
      Set.of(FunnelMode.STRICT_INCREASE), Set.of(FunnelMode.STRICT_ONCE), Set.of(FunnelMode.STRICT_ORDER),
      Set.of(FunnelMode.STRICT_ORDER, FunnelMode.ALLOW_REENTRY), Set.of(FunnelMode.UNORDERED),
      Set.of(FunnelMode.STRICT_INCREASE, FunnelMode.STRICT_ONCE));
  private static final List<String> PATHS = List.of("", "funnel.sort=source", "funnel.bufferLimit=1",
      "funnel.pushdown=never");
  private static final int ROUNDS = 8;

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void everyFunnelTableMatchesTheReference(StoreKind kind) throws SQLException {
    int checkedUsers = 0;
    int excludedUsers = 0;
    for (int round = 0; round < ROUNDS; round++) {
      final SplittableRandom random = new SplittableRandom(1000L * round + kind.ordinal());
      final List<TestEvent> events = RandomEvents.generate(random.nextLong(), 160, 16);
      final Set<FunnelMode> modes = MODES.get(round % MODES.size());
      final long windowDays = 1 + random.nextInt(5);
      final boolean excludes = round % 2 == 0;
      final Reference reference = new Reference(events, modes, windowDays * RandomEvents.DAY, excludes);
      excludedUsers += reference.excluded;
      checkedUsers += reference.levels.size();
      final Store store = TestEvent.store(kind, events);
      {
        for (String path : PATHS) {
          final Properties settings = new Properties();
          if (!path.isEmpty()) {
            settings.setProperty(path.substring(0, path.indexOf('=')), path.substring(path.indexOf('=') + 1));
          }
          try (AdapterConnection connection = AdapterConnections.open(store, model(modes, windowDays, excludes),
              settings)) {
            final String where = kind + ", round " + round + ", modes " + modes + ", " + path;
            assertEquals(reference.detail(), rows(connection, "SELECT user_id, step, step_name, entered_at, "
                + "reached_at, seconds_since_entry, volume, buyer FROM funnels.checkout"), where + ": detail");
            assertEquals(reference.summary(), connection.rows("SELECT * FROM funnels.checkout_summary").toString(),
                where + ": summary");
            assertEquals(reference.chart(), connection.rows("SELECT * FROM funnels.checkout_chart").toString(),
                where + ": chart");
          }
        }
      }
    }
    assertTrue(checkedUsers > 1000, "users checked: " + checkedUsers);
    assertTrue(excludedUsers > 10, "users an exclusion stopped: " + excludedUsers);
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, names = {"H2", "DUCKDB", "POSTGRES"})
  void aTableReadsOnlyTheMembershipsItsQueryUses(StoreKind kind) throws SQLException {
    final Reference reference = new Reference(RandomEvents.generate(5L, 120, 14), Set.of(), 2 * RandomEvents.DAY,
        true);
    try (AdapterConnection connection = AdapterConnections.open(TestEvent.store(kind,
        RandomEvents.generate(5L, 120, 14)), model(Set.of(), 2, true), new Properties())) {
      final String buyerOnly = "SELECT user_id, step, buyer FROM funnels.checkout";
      final String volume = "SELECT * FROM funnels.checkout_summary WHERE breakdown = 'volume'";
      assertTrue(connection.explain("SELECT * FROM funnels.checkout").contains("memberships=[[volume, buyer]]"));
      assertTrue(connection.explain(buyerOnly).contains("memberships=[[buyer]]"), connection.explain(buyerOnly));
      assertTrue(connection.explain("SELECT user_id, step FROM funnels.checkout").contains("memberships=[[]]"));
      assertTrue(connection.explain("SELECT * FROM funnels.checkout_chart").contains("memberships=[[]]"));
      assertTrue(connection.explain(volume).contains("memberships=[[volume]]"), connection.explain(volume));
      assertTrue(connection.explain("SELECT * FROM funnels.checkout_summary WHERE breakdown IS NULL")
          .contains("memberships=[[]]"));
      final Set<String> detail = new TreeSet<>();
      reference.levels.forEach((user, level) -> {
        for (int step = 1; step <= level; step++) {
          detail.add(Arrays.asList(user, step, reference.buyer.get(user)).toString());
        }
      });
      final Set<String> actual = new TreeSet<>();
      connection.rows(buyerOnly).forEach(row -> actual.add(row.toString()));
      assertEquals(detail, actual, kind + ": detail with one segmentation");
      final List<List<Object>> all = connection.rows("SELECT * FROM funnels.checkout_summary");
      all.removeIf(row -> !"volume".equals(row.get(3)));
      assertEquals(all.toString(), connection.rows(volume).toString(), kind + ": one breakdown");
      assertTrue(!all.isEmpty());
      // A breakdown named by a parameter (as literal SQL's shared plan has it): each execution reads only its own.
      final String byParameter = "SELECT * FROM funnels.checkout_summary WHERE breakdown = ?";
      assertTrue(connection.explain(byParameter).contains("breakdown=[?0]"), connection.explain(byParameter));
      final List<List<Object>> everything = connection.rows("SELECT * FROM funnels.checkout_summary");
      for (String breakdown : List.of("volume", "buyer", "nothing")) {
        final List<List<Object>> expected = new ArrayList<>(everything);
        expected.removeIf(row -> !breakdown.equals(row.get(3)));
        assertEquals(expected.toString(), boundRows(connection, byParameter, breakdown).toString(),
            kind + ": breakdown " + breakdown + " as a parameter");
      }
    }
  }

  private static List<List<Object>> boundRows(AdapterConnection connection, String sql, String value)
      throws SQLException {
    final List<List<Object>> rows = new ArrayList<>();
    try (java.sql.PreparedStatement statement = connection.connection().prepareStatement(sql)) {
      statement.setString(1, value);
      try (java.sql.ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          final List<Object> row = new ArrayList<>();
          for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
            row.add(result.getObject(i));
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }

  private static Set<String> rows(AdapterConnection connection, String sql) throws SQLException {
    final Set<String> rows = new TreeSet<>();
    for (List<Object> row : connection.rows(sql)) {
      final List<Object> values = new ArrayList<>(row);
      values.set(3, ((java.sql.Timestamp) row.get(3)).getTime());
      values.set(4, ((java.sql.Timestamp) row.get(4)).getTime());
      rows.add(values.toString());
    }
    return rows;
  }

  private static String model(Set<FunnelMode> modes, long windowDays, boolean excludes) {
    return """
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          checkout:
            window: %dd
            mode: "%s"
            steps:
              - { name: Saw a, when: "event_name = 'a'" }
              - { name: Saw b, when: "event_name = 'b'" }
              - { name: Saw c, when: "event_name = 'c'" }
            breakdowns: [volume, buyer]
        %s
        segmentations:
          volume:
            rules:
              - { segment: heavy, when: "COUNT(*) >= 10" }
              - { segment: medium, when: "COUNT(*) >= 5" }
            otherwise: light
          buyer:
            rules:
              - { segment: repeat, when: "COUNT(*) FILTER (WHERE event_name = 'c') >= 2" }
              - { segment: once, when: "COUNT(*) FILTER (WHERE event_name = 'c') = 1" }
        """.formatted(windowDays, FunnelSpec.formatModes(modes.isEmpty() ? EnumSet.noneOf(FunnelMode.class)
        : EnumSet.copyOf(modes)), excludes ? "    exclusions:\n      - { when: \"event_name = 'x'\", from: 1, to: 3 }"
        : "");
  }

  /** The tables computed from the events. */
  private static final class Reference {
    final Map<Long, Integer> levels = new TreeMap<>();
    final Map<Long, long[]> times = new TreeMap<>();
    final Map<Long, String> volume = new TreeMap<>();
    final Map<Long, String> buyer = new TreeMap<>();
    int excluded;

    Reference(List<TestEvent> events, Set<FunnelMode> modes, long window, boolean excludes) {
      final FunnelSpec spec = FunnelSpec.of(STEPS.size(), window, modes.isEmpty() ? EnumSet.noneOf(FunnelMode.class)
          : EnumSet.copyOf(modes));
      RandomEvents.byUser(events).forEach((user, own) -> {
        final FunnelAccumulator accumulator = new FunnelAccumulator(spec);
        for (TestEvent event : own) {
          if (event.millis() != null) {
            final int step = event.name() == null ? -1 : STEPS.indexOf(event.name());
            accumulator.add(event.millis(), step < 0 ? 0 : 1 << step);
          }
        }
        final long[] chain = accumulator.times();
        int level = accumulator.level();
        if (excludes && level >= 2) {
          final long after = chain[0];
          final long before = chain[Math.min(level, 3) - 1];
          if (own.stream().anyMatch(e -> "x".equals(e.name()) && e.millis() != null && e.millis() > after
              && e.millis() < before)) {
            level = 1;
            excluded++;
          }
        }
        levels.put(user, level);
        times.put(user, chain);
        volume.put(user, own.size() >= 10 ? "heavy" : own.size() >= 5 ? "medium" : "light");
        final long bought = own.stream().filter(e -> "c".equals(e.name())).count();
        buyer.put(user, bought >= 2 ? "repeat" : bought == 1 ? "once" : null);
      });
    }

    Set<String> detail() {
      final Set<String> rows = new TreeSet<>();
      levels.forEach((user, level) -> {
        final long[] chain = times.get(user);
        for (int step = 1; step <= level; step++) {
          rows.add(Arrays.asList(user, step, NAMES.get(step - 1), chain[0], chain[step - 1],
              (chain[step - 1] - chain[0]) / 1000, volume.get(user), buyer.get(user)).toString());
        }
      });
      return rows;
    }

    String summary() {
      final List<List<Object>> rows = new ArrayList<>(segmentRows(null, null, user -> true));
      for (String breakdown : List.of("buyer", "volume")) {
        final Map<Long, String> segments = breakdown.equals("buyer") ? buyer : volume;
        final Set<String> seen = new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        levels.forEach((user, level) -> {
          if (level > 0) {
            seen.add(segments.get(user));
          }
        });
        for (String segment : seen) {
          rows.addAll(segmentRows(breakdown, segment, user -> java.util.Objects.equals(segments.get(user), segment)));
        }
      }
      return rows.toString();
    }

    String chart() {
      final List<List<Object>> rows = new ArrayList<>();
      for (List<Object> row : segmentRows(null, null, user -> true)) {
        rows.add(List.of(row.get(2), row.get(5)));
      }
      return rows.toString();
    }

    private List<List<Object>> segmentRows(String breakdown, String segment,
        java.util.function.LongPredicate member) {
      final long[] users = new long[STEPS.size()];
      final List<List<Long>> seconds = new ArrayList<>();
      STEPS.forEach(step -> seconds.add(new ArrayList<>()));
      levels.forEach((user, level) -> {
        if (member.test(user)) {
          for (int k = 0; k < level; k++) {
            users[k]++;
            seconds.get(k).add((times.get(user)[k] - times.get(user)[0]) / 1000);
          }
        }
      });
      final List<List<Object>> rows = new ArrayList<>();
      for (int k = 0; k < STEPS.size(); k++) {
        final List<Long> own = seconds.get(k);
        own.sort(null);
        final Double median = own.isEmpty() ? null : (own.get((own.size() - 1) / 2) + own.get(own.size() / 2)) / 2.0;
        rows.add(Arrays.asList(k + 1, NAMES.get(k), (k + 1) + ". " + NAMES.get(k), breakdown, segment, users[k],
            users[0] == 0 ? null : (double) users[k] / users[0],
            k == 0 ? Double.valueOf(1.0) : users[k - 1] == 0 ? null : (double) users[k] / users[k - 1],
            users[k] - (k + 1 < users.length ? users[k + 1] : 0), median));
      }
      return rows;
    }
  }
}
