package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model's expressions are checked (one statement prepared per expression) by the first connection to a store; a
 * new connection with the same model file content, store and credentials opens without checking them again, while
 * another store is checked on its own and a model that fails its checks fails every connection.
 */
class ModelValidationSharedTest {
  @TempDir
  static Path dir;

  /** How many statements opening a connection to {@code url} parsed. */
  private static int parsedOnOpening(String url) throws SQLException {
    final AtomicInteger parsed = new AtomicInteger();
    try (Hook.Closeable hook = Hook.PARSE_TREE.addThread((Consumer<Object>) tree -> parsed.incrementAndGet());
         Connection ignored = DriverManager.getConnection(url)) {
      return parsed.get();
    }
  }

  @Test
  void aModelCheckedOnAStoreIsNotCheckedAgainByTheNextConnection() throws Exception {
    final String url = AbcModel.url(dir, Kind.H2, EventStores.create(Kind.H2, AbcModel.events()));
    assertTrue(parsedOnOpening(url) >= 4, "the first connection checks the steps, rule and funnel mode");
    assertEquals(0, parsedOnOpening(url), "the next connection of the same model and store does not");

    final String otherStore = AbcModel.url(dir, Kind.H2, EventStores.create(Kind.H2, AbcModel.events()));
    assertTrue(parsedOnOpening(otherStore) >= 4, "another store is checked on its own");
  }

  @Test
  void aModelThatFailsItsChecksFailsEveryConnection() throws Exception {
    final String source = EventStores.create(Kind.H2, AbcModel.events());
    final Path model = dir.resolve("broken.yaml");
    Files.writeString(model, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: ts, event: event_name }
        funnels:
          broken:
            window: 10m
            steps:
              - { name: a, when: "event_name = 'a'" }
              - { name: b, when: "no_such_column = 'b'" }
        """.formatted(source));
    for (int attempt = 0; attempt < 2; attempt++) {
      final SQLException error = assertThrows(SQLException.class,
          () -> DriverManager.getConnection("jdbc:funnelsql:model=" + model).close());
      assertTrue(error.getMessage().contains("no_such_column") || error.getMessage().contains("NO_SUCH_COLUMN"),
          error.getMessage());
      assertTrue(error.getMessage().contains("broken.yaml"), "the model file is named: " + error.getMessage());
    }
  }
}
