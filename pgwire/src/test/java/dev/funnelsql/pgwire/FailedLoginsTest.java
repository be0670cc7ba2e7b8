package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.funnelsql.pgwire.auth.AuthMethod;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Failed logins through pgjdbc are answered later and later from the same address and logged with the user name and
 * address in the same words whether the user exists or not, never with a password and never with a control
 * character a client put in its user name (a forged log line); a good login forgets them.
 */
class FailedLoginsTest {
  private static final String PASSWORD = "Right-Pw-2718";

  @Test
  void failedLoginsAreSlowedDownAndLoggedAlikeForKnownAndUnknownUsers() throws Exception {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final Logger logger = Logger.getLogger(ConnectionHandler.class.getName());
    final Handler handler = new Handler() {
      @Override public void publish(LogRecord record) {
        lines.add(record.getMessage());
      }

      @Override public void flush() {
      }

      @Override public void close() {
      }
    };
    logger.addHandler(handler);
    final ShopFixture shop = ShopFixture.create(20);
    try (PgServer server = shop.serve(AuthMethod.SCRAM_SHA_256, Map.of("analyst", PASSWORD))) {
      final String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/funnelsql";
      for (String[] attempt : new String[][] {{"analyst", "Wrong-Pw-1"}, {"mal\nlory", PASSWORD},
          {"analyst", "Wrong-Pw-3"}}) {
        final SQLException e = assertThrows(SQLException.class,
            () -> DriverManager.getConnection(url, attempt[0], attempt[1]));
        assertEquals("28P01", e.getSQLState());
      }
      try (Connection good = DriverManager.getConnection(url, "analyst", PASSWORD)) {
        good.createStatement().execute("SELECT 1");
      }
      assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "analyst", "Wrong-Pw-5"));
    } finally {
      logger.removeHandler(handler);
    }
    assertEquals(List.of(
        "failed login for user \"analyst\" from 127.0.0.1 (1 in a row from there; answered after 250 ms)",
        "failed login for user \"mal?lory\" from 127.0.0.1 (2 in a row from there; answered after 500 ms)",
        "failed login for user \"analyst\" from 127.0.0.1 (3 in a row from there; answered after 1000 ms)",
        "failed login for user \"analyst\" from 127.0.0.1 (1 in a row from there; answered after 250 ms)"),
        lines.stream().filter(line -> line.startsWith("failed login")).toList());
    assertFalse(lines.stream().anyMatch(line -> line.contains("Pw")), "no password in the log");
  }
}
