package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.pgwire.auth.AuthMethod;
import dev.funnelsql.pgwire.session.SessionLimits;
import dev.funnelsql.pgwire.tls.ServerTls;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits that protect the wire server from one session: the statement timeout (the server's and the session's
 * SET), the idle-session timeout (a busy session is not idle), the maximum rows and bytes of a result, and
 * backpressure: a client that stops reading holds the session's thread, not the server's memory.
 */
class SessionLimitsTest {
  /** Millions of rows through Calcite's join: far longer than the timeouts below. */
  /**
   * The idle server's timeout: long enough that a test's client never waits that long between two of its own
   * statements on a loaded machine (at 300 ms one did, and its session was closed before the busy statement).
   */
  private static final long IDLE_MILLIS = 1_000;
  private static final String SLOW = "SELECT COUNT(*) FROM events a CROSS JOIN events b CROSS JOIN events c";
  private static ShopFixture shop;
  private static PgServer server;
  private static PgServer idle;
  private static PgServer small;
  private static long events;

  @BeforeAll
  static void start() throws Exception {
    shop = ShopFixture.create(200);
    final InetAddress loopback = InetAddress.getLoopbackAddress();
    server = shop.serve(loopback, AuthMethod.TRUST, Map.of(), ServerTls.off(false),
        new SessionLimits(Duration.ofMillis(400), Duration.ofHours(1), 0, 0));
    idle = shop.serve(loopback, AuthMethod.TRUST, Map.of(), ServerTls.off(false),
        new SessionLimits(Duration.ZERO, Duration.ofMillis(IDLE_MILLIS), 0, 0));
    small = shop.serve(loopback, AuthMethod.TRUST, Map.of(), ServerTls.off(false),
        new SessionLimits(Duration.ZERO, Duration.ofHours(1), 25, 1_000));
    try (Connection direct = shop.direct(); Statement statement = direct.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
      rows.next();
      events = rows.getLong(1);
    }
  }

  @AfterAll
  static void stop() {
    for (PgServer each : new PgServer[] {server, idle, small}) {
      if (each != null) {
        each.close();
      }
    }
  }

  private static Connection connect(PgServer target) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + target.port() + "/funnelsql?user=analyst"
        + "&preferQueryMode=simple&connectTimeout=60");
  }

  private static String one(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void theServersStatementTimeoutStopsALongStatementAndTheSessionGoesOn() throws SQLException {
    try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
      assertEquals("400ms", one(statement, "SHOW statement_timeout"));
      final SQLException e = assertThrows(SQLException.class, () -> one(statement, SLOW));
      assertEquals("57014", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("canceling statement due to statement timeout"), e.getMessage());
      assertEquals(Long.toString(events), one(statement, "SELECT COUNT(*) FROM events"));
    }
  }

  @Test
  void aSessionSetsItsOwnStatementTimeoutInPostgreSqlSpelling() throws SQLException {
    try (Connection connection = connect(idle); Statement statement = connection.createStatement()) {
      assertEquals("0", one(statement, "SHOW statement_timeout"));
      statement.execute("SET statement_timeout = '250ms'");
      assertEquals("250ms", one(statement, "SHOW statement_timeout"));
      final SQLException e = assertThrows(SQLException.class, () -> one(statement, SLOW));
      assertTrue(e.getMessage().contains("statement timeout"), e.getMessage());
      statement.execute("SET statement_timeout TO 60000");
      assertEquals("60s", one(statement, "SHOW statement_timeout"));
      final SQLException bad = assertThrows(SQLException.class,
          () -> statement.execute("SET statement_timeout = 'soon'"));
      assertEquals("22023", bad.getSQLState(), bad.getMessage());
      statement.execute("RESET ALL");
      assertEquals("0", one(statement, "SHOW statement_timeout"));
    }
  }

  @Test
  void anIdleSessionIsClosedButABusyOneIsNot() throws Exception {
    try (Connection connection = connect(idle); Statement statement = connection.createStatement()) {
      statement.execute("SET statement_timeout = '" + 3 * IDLE_MILLIS + "ms'");
      final SQLException busy = assertThrows(SQLException.class, () -> one(statement, SLOW));
      assertTrue(busy.getMessage().contains("statement timeout"), "the busy session ran to its own timeout, "
          + "past the idle timeout: " + busy.getMessage());
      Thread.sleep(2 * IDLE_MILLIS);
      final SQLException closed = assertThrows(SQLException.class, () -> one(statement, "SELECT 1"));
      // The server's notice, a broken connection, or (when the driver saw the close first) a closed one.
      assertTrue(closed.getMessage().contains("idle-session timeout") || "08006".equals(closed.getSQLState())
          || "08003".equals(closed.getSQLState()), closed.getSQLState() + " " + closed.getMessage());
    }
  }

  @Test
  void aResultPastTheRowOrByteLimitIsAClearError() throws SQLException {
    try (Connection connection = connect(small); Statement statement = connection.createStatement()) {
      final SQLException rows = assertThrows(SQLException.class, () -> {
        try (ResultSet all = statement.executeQuery("SELECT user_id FROM events")) {
          while (all.next()) {
            all.getLong(1);
          }
        }
      });
      assertEquals("54000", rows.getSQLState(), rows.getMessage());
      assertTrue(rows.getMessage().contains("more than 25 rows"), rows.getMessage());
      assertEquals("25", one(statement, "SELECT COUNT(*) FROM (SELECT user_id FROM events LIMIT 25) AS t"));
      try (ResultSet limited = statement.executeQuery("SELECT user_id FROM events LIMIT 25")) {
        int count = 0;
        while (limited.next()) {
          count++;
        }
        assertEquals(25, count);
      }
      final SQLException bytes = assertThrows(SQLException.class, () -> {
        try (ResultSet wide = statement.executeQuery("SELECT event_name, event_time, event_name || event_name "
            + "AS twice FROM events LIMIT 24")) {
          while (wide.next()) {
            wide.getString(1);
          }
        }
      });
      assertEquals("54000", bytes.getSQLState(), bytes.getMessage());
      assertTrue(bytes.getMessage().contains("larger than 1000 bytes"), bytes.getMessage());
    }
  }

  @Test
  void aClientThatStopsReadingHoldsTheSessionThreadAndLosesNoRow() throws Exception {
    final long expected = events * events;
    try (RawPgClient client = new RawPgClient(idle.port())) {
      client.startup("reader");
      client.query("SELECT a.event_name, b.event_name, a.event_time FROM events a CROSS JOIN events b");
      boolean waiting = false;
      for (int attempt = 0; attempt < 100 && !waiting; attempt++) {
        Thread.sleep(100);
        waiting = Thread.getAllStackTraces().entrySet().stream()
            .filter(entry -> entry.getKey().getName().startsWith("funnelsql-pg-"))
            .anyMatch(entry -> Arrays.stream(entry.getValue()).anyMatch(frame -> frame.getMethodName()
                .equals("awaitWritable")));
      }
      assertTrue(waiting, "the session's thread waits for the client instead of producing rows");
      long rows = 0;
      RawPgClient.Message message;
      while ((message = client.read()).type() != 'C') {
        if (message.type() == 'D') {
          rows++;
        }
      }
      assertEquals(expected, rows);
      assertEquals("SELECT " + expected, message.text().trim().replace("\0", ""));
      assertEquals('Z', client.read().type());
    }
    assertTrue(List.of(expected).get(0) > 100_000, "the result is larger than the socket buffers");
  }
}
