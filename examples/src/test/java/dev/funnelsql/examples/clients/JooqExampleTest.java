package dev.funnelsql.examples.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jOOQ example prints the overall funnel of a small H2 store, in step order, and step 2's conversion. */
class JooqExampleTest {
  @TempDir
  Path dir;

  @Test
  void printsTheFunnelThroughJooq() throws Exception {
    final String store = "jdbc:h2:mem:jooq_example;DB_CLOSE_DELAY=-1";
    try (Connection h2 = DriverManager.getConnection(store); Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE events (user_id BIGINT, event_time TIMESTAMP, event_name VARCHAR(20))");
      s.execute("INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 10:00:00', 'view'), "
          + "(1, TIMESTAMP '2026-01-01 10:05:00', 'pay'), (2, TIMESTAMP '2026-01-01 11:00:00', 'view')");
    }
    final Path model = dir.resolve("model.yaml");
    Files.writeString(model, """
        source: { url: "%s" }
        events: { table: events, user: user_id, time: event_time, event: event_name }
        funnels:
          buy:
            window: 1d
            steps:
              - { name: Viewed, when: "event_name = 'view'" }
              - { name: Paid, when: "event_name = 'pay'" }
        """.formatted(store));
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model)) {
      JooqExample.run(connection, "buy", new PrintStream(out, true, StandardCharsets.UTF_8));
    }
    assertEquals("1. Viewed\t2\n2. Paid\t1\nstep 2 converts 0.5 of step 1\n", out.toString(StandardCharsets.UTF_8));
  }
}
