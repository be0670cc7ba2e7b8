package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Names from the model — funnel, step, segmentation, segment and cohort names — are always quoted: a name made of
 * quotes, semicolons and a {@code DROP TABLE} is just a name that comes back as written, on every store, and the
 * store's events are unchanged afterwards.
 */
class ModelNameInjectionTest {
  private static final String EVIL = "x\"; DROP TABLE events; --";
  private static final String QUOTE = "it's";
  private static final String EVIL_SEGMENT = "a'); DELETE FROM events; --";
  private static final long BASE = 1_767_225_600_000L;

  @TempDir
  static Path dir;

  private static List<Event> events() {
    final List<Event> events = new ArrayList<>();
    for (long user = 1; user <= 12; user++) {
      events.add(new Event(user, BASE + user * 1_000L, "a"));
      if (user % 2 == 0) {
        events.add(new Event(user, BASE + user * 1_000L + 60_000L, "b"));
      }
      if (user % 4 == 0) {
        events.add(new Event(user, BASE + user * 1_000L + 120_000L, "c"));
      }
    }
    return events;
  }

  /** A YAML single-quoted scalar. */
  private static String yaml(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static Path model(Kind kind, String url) throws Exception {
    final String text = "source: { url: " + yaml(url) + (kind == Kind.POSTGRES ? ", user: postgres" : "") + " }\n"
        + "events: { table: events, user: user_id, time: ts, event: event_name }\n"
        + "funnels:\n"
        + "  " + yaml(EVIL) + ":\n"
        + "    window: 1h\n"
        + "    steps:\n"
        + "      - { name: " + yaml(QUOTE) + ", when: \"event_name = 'a'\" }\n"
        + "      - { name: " + yaml(EVIL) + ", when: \"event_name = 'b'\" }\n"
        + "      - { name: " + yaml(EVIL_SEGMENT) + ", when: \"event_name = 'c'\" }\n"
        + "    breakdowns: [" + yaml(QUOTE) + "]\n"
        + "    as_of: now\n"
        + "segmentations:\n"
        + "  " + yaml(QUOTE) + ":\n"
        + "    rules:\n"
        + "      - { segment: " + yaml(EVIL_SEGMENT) + ", when: \"COUNT(*) >= 3\" }\n"
        + "    otherwise: " + yaml(EVIL) + "\n"
        + "cohorts:\n"
        + "  " + yaml(EVIL) + ": { entry: \"event_name = 'a'\", return: \"event_name = 'b'\", period: day }\n";
    final Path file = dir.resolve(kind.name().toLowerCase() + "-evil.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static Set<String> strings(Connection connection, String sql) throws Exception {
    final Set<String> values = new TreeSet<>();
    ResultRows.of(connection, sql).forEach(row -> values.add(String.valueOf(row.get(0))));
    return values;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void namesWithQuotesAndSemicolonsAreNamesAndInjectNothing(Kind kind) throws Exception {
    final String source = EventStores.create(kind, events());
    final StoreContents before = StoreContents.of(kind, source);
    final String password = kind == Kind.POSTGRES ? ";password=postgres" : "";
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model(kind, source)
        + password)) {
      final String funnel = SqlText.identifier(EVIL);
      assertEquals(Set.of(QUOTE, EVIL, EVIL_SEGMENT),
          strings(connection, "SELECT step_name FROM funnels." + funnel), kind.name());
      assertEquals(List.of(List.of(1L, 12L), List.of(2L, 6L), List.of(3L, 3L)), ResultRows.of(connection,
          "SELECT step, COUNT(*) FROM funnels." + funnel + " GROUP BY step ORDER BY step"), kind.name());
      assertEquals(Set.of(EVIL, EVIL_SEGMENT), strings(connection, "SELECT " + SqlText.identifier(QUOTE)
          + " FROM funnels." + funnel), kind + " the segmentation column");
      assertEquals(Set.of("1. " + QUOTE, "2. " + EVIL, "3. " + EVIL_SEGMENT), strings(connection,
          "SELECT step_label FROM funnels." + SqlText.identifier(EVIL + "_summary")), kind.name());
      assertEquals(Set.of(EVIL, EVIL_SEGMENT), strings(connection, "SELECT segment FROM segments."
          + SqlText.identifier(QUOTE)), kind.name());
      assertEquals(Set.of(EVIL, EVIL_SEGMENT), strings(connection, "SELECT SEGMENT_OF('it''s', user_id) FROM events"),
          kind + " SEGMENT_OF");
      assertEquals(Set.of("12"), strings(connection, "SELECT cohort_users FROM cohorts."
          + SqlText.identifier(EVIL + "_matrix") + " WHERE period_offset = 0"), kind.name());
      final DatabaseMetaData metaData = connection.getMetaData();
      try (ResultSet tables = metaData.getTables(null, "funnels", null, null)) {
        final Set<String> names = new TreeSet<>();
        while (tables.next()) {
          names.add(tables.getString("TABLE_NAME"));
        }
        assertTrue(names.contains(EVIL) && names.contains(EVIL + "_summary"), names.toString());
      }
    }
    assertEquals(before, StoreContents.of(kind, source), kind + ": the events are unchanged");
  }
}
