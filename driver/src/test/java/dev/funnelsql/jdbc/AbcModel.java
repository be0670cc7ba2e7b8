package dev.funnelsql.jdbc;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The small a → b → c funnel model the cache and plan-sharing tests share: its events, its model file over a store,
 * and rows added to that store behind FunnelSQL's back.
 */
final class AbcModel {
  private static final long BASE = 1_767_225_600_000L;

  private AbcModel() {
  }

  /** Three users: one reaches b, one reaches c, one only a. */
  static List<Event> events() {
    return List.of(new Event(1, BASE, "a"), new Event(1, BASE + 1_000, "b"), new Event(2, BASE, "a"),
        new Event(2, BASE + 5_000, "b"), new Event(2, BASE + 9_000, "c"), new Event(3, BASE, "a"));
  }

  /** The FunnelSQL URL of the model written to a new file in {@code dir} over the store at {@code source}. */
  static String url(Path dir, Kind kind, String source) throws Exception {
    final String yaml = """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          abc:
            window: 10m
            steps:
              - { name: a, when: "event_name = 'a'" }
              - { name: b, when: "event_name = 'b'" }
              - { name: c, when: "event_name = 'c'" }
        segmentations:
          activity:
            rules:
              - { segment: busy, when: "COUNT(*) >= 2" }
            otherwise: quiet
        """.formatted(source.replace("\"", "\\\""));
    final Path file = Files.createTempFile(dir, kind.name().toLowerCase(), ".yaml");
    Files.writeString(file, yaml);
    final String password = kind == Kind.POSTGRES ? ";user=postgres;password=postgres" : "";
    return "jdbc:funnelsql:model=" + file + password;
  }

  /** Adds events to the store through a direct connection, behind FunnelSQL's back. */
  static void insert(Kind kind, String source, String values) throws SQLException {
    try (Connection store = kind == Kind.POSTGRES ? DriverManager.getConnection(source, "postgres", "postgres")
        : DriverManager.getConnection(source); Statement statement = store.createStatement()) {
      statement.execute("INSERT INTO events VALUES " + values);
    }
  }
}
