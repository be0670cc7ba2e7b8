package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;

/**
 * The code Calcite generates for a behavioural aggregate gets the spec bound into the call (window and modes,
 * pattern) by the number it was bound under: the code neither re-decodes nor re-parses it, per group or at all.
 */
class BoundSpecCodeTest {
  private static final long BASE = 1_767_225_600_000L;

  @Test void theGeneratedCodeReachesTheBoundSpecByItsNumber() throws Exception {
    final String url = EventStores.create(Kind.H2, List.of(new Event(1, BASE, "a"), new Event(1, BASE + 1000, "x"),
        new Event(1, BASE + 2000, "b"), new Event(2, BASE, "a"), new Event(2, BASE + 1000, "b")));
    final List<String> code = new CopyOnWriteArrayList<>();
    final List<List<Object>> rows;
    try (Hook.Closeable ignored = Hook.JAVA_PLAN.addThread((Consumer<Object>) java -> code.add(String.valueOf(java)));
        Connection connection = DriverManager.getConnection(EventStores.funnelUrl(Kind.H2, url)
            + ";funnel.pushdown=never")) {
      rows = ResultRows.of(connection, "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '1' HOUR, 'STRICT_ORDER', "
          + "event_name = 'a', event_name = 'b') AS f, SEQUENCE_COUNT('(?1).*(?2)', ts, event_name = 'a', "
          + "event_name = 'b') AS s FROM events GROUP BY user_id ORDER BY user_id");
    }
    assertEquals(List.of(List.of(1L, 1L, 1L), List.of(2L, 2L, 1L)), rows);
    final String java = String.join("\n", code);
    assertTrue(Pattern.compile("new dev\\.funnelsql\\.functions\\.funnel\\.FunnelAccumulator\\(\\s*"
        + "dev\\.funnelsql\\.calcite\\.function\\.BehaviouralRuntime\\.funnelSpec\\(\\d+\\)\\)").matcher(java).find(),
        java);
    assertTrue(Pattern.compile("new dev\\.funnelsql\\.functions\\.sequence\\.SequenceAccumulator\\(\\s*"
        + "dev\\.funnelsql\\.calcite\\.function\\.BehaviouralRuntime\\.sequencePattern\\(\\d+\\),\\s*1000L\\)")
        .matcher(java).find(), java);
    assertFalse(java.contains("3600000") || java.contains("strict_order") || java.contains("STRICT_ORDER")
        || java.contains("(?1).*(?2)"), "nothing is decoded or parsed again: " + java);
  }
}
