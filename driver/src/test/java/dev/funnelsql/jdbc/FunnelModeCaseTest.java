package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A model funnel's {@code mode:} is read in any case, as {@code FUNNEL_STEP} reads it: {@code STRICT_ORDER} is
 * {@code strict_order}, so its table reads the rows between the steps too, where a non-step event stops the funnel.
 */
class FunnelModeCaseTest {
  private static final long BASE = 1_767_225_600_000L;
  private static final long MINUTE = 60_000L;

  @TempDir
  static Path dir;

  /** User 1 has a non-step event between steps 1 and 2, user 2 has none, user 3 has it after the last step. */
  private static final List<Event> EVENTS = List.of(
      new Event(1, BASE, "a"), new Event(1, BASE + MINUTE, "x"), new Event(1, BASE + 2 * MINUTE, "b"),
      new Event(1, BASE + 3 * MINUTE, "c"),
      new Event(2, BASE, "a"), new Event(2, BASE + MINUTE, "b"), new Event(2, BASE + 2 * MINUTE, "c"),
      new Event(3, BASE, "a"), new Event(3, BASE + MINUTE, "b"), new Event(3, BASE + 2 * MINUTE, "x"));

  private static Connection connect(Kind kind) throws Exception {
    final String url = EventStores.create(kind, EVENTS);
    final StringBuilder yaml = new StringBuilder("""
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
        """.formatted(url));
    for (String[] funnel : new String[][] {{"lower_case", "mode: strict_order"}, {"upper_case", "mode: STRICT_ORDER"},
        {"mixed", "mode: [Strict_Order, strict_increase]"}, {"ordered", "order: strict"}, {"plain", ""}}) {
      yaml.append("  ").append(funnel[0]).append(":\n    window: 10m\n")
          .append(funnel[1].isEmpty() ? "" : "    " + funnel[1] + "\n").append("""
                  steps:
                    - { name: a, when: "event_name = 'a'" }
                    - { name: b, when: "event_name = 'b'" }
                    - { name: c, when: "event_name = 'c'" }
              """);
    }
    final Path file = dir.resolve(kind.name().toLowerCase() + "-modes.yaml");
    Files.writeString(file, yaml.toString());
    return DriverManager.getConnection("jdbc:funnelsql:model=" + file);
  }

  private static List<List<Object>> deepest(Connection connection, String funnel) throws Exception {
    return ResultRows.of(connection, "SELECT user_id, MAX(step) FROM funnels." + funnel + " GROUP BY user_id "
        + "ORDER BY user_id");
  }

  @ParameterizedTest
  @EnumSource(value = Kind.class, names = {"H2", "DUCKDB"})
  void anUpperCaseStrictOrderModeGivesTheRowsOfTheLowerCaseOne(Kind kind) throws Exception {
    try (Connection connection = connect(kind)) {
      final List<List<Object>> strict = deepest(connection, "lower_case");
      assertEquals(List.of(List.of(1L, 1L), List.of(2L, 3L), List.of(3L, 2L)), strict, "the x between a and b "
          + "stops user 1 at step 1");
      assertEquals(strict, deepest(connection, "upper_case"), "mode: STRICT_ORDER");
      assertEquals(strict, deepest(connection, "mixed"), "mode: [Strict_Order, strict_increase]");
      assertEquals(strict, deepest(connection, "ordered"), "order: strict");
      assertEquals(List.of(List.of(1L, 3L), List.of(2L, 3L), List.of(3L, 2L)), deepest(connection, "plain"),
          "without strict_order the x is ignored");
      assertEquals(ResultRows.of(connection, "SELECT * FROM funnels.lower_case ORDER BY user_id, step"),
          ResultRows.of(connection, "SELECT * FROM funnels.upper_case ORDER BY user_id, step"));
    }
  }
}
