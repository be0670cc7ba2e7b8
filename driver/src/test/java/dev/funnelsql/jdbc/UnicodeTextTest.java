package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Text beyond ISO-8859-1 (dashes, accents, CJK, emoji) works in literals, conditions and results on every store. */
class UnicodeTextTest {
  @ParameterizedTest
  @EnumSource(Kind.class)
  void unicodeLiteralsMatchAndComeBackIntact(Kind kind) throws Exception {
    final String source = EventStores.create(kind, List.of(new Event(1, 1_000L, "見た–ページ"),
        new Event(1, 2_000L, "カート🛒"), new Event(2, 1_000L, "見た–ページ")));
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind, source))) {
      assertEquals("[[1, 2], [2, 1]]", ResultRows.of(connection, "SELECT user_id, "
          + "FUNNEL_STEP(ts, 60, event_name = '見た–ページ', event_name = 'カート🛒') FROM events "
          + "WHERE event_name <> 'é' GROUP BY user_id ORDER BY user_id").toString());
      assertEquals(List.of(List.of("カート🛒", "ü–€")), ResultRows.of(connection,
          "SELECT event_name, 'ü–€' FROM events WHERE event_name LIKE 'カ%'"));
    }
  }
}
