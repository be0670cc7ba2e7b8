package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.ModelLoader;
import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords come from the connection's keys, the environment ({@code passwordEnv}, {@code ${VAR}} in a model) or
 * the store URL, and appear nowhere else: not in any object's {@code toString}, not in a log line at any level, not
 * in an error (message, cause or stack trace), not in {@code DatabaseMetaData.getURL()}.
 */
class SecretsTest {
  /** The password of the test H2 store, set in the environment by the build (driver/pom.xml). */
  private static final String ENV = "FUNNELSQL_TEST_PASSWORD";
  private static final String KEY_PASSWORD = "Key-Sekr3t-4711";
  private static final String URL_PASSWORD = "Url-Sekr3t-9042";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  @TempDir
  static Path dir;

  private static String envPassword() {
    final String password = System.getenv(ENV);
    assertNotNull(password, ENV + " is set by the build's surefire configuration (driver/pom.xml)");
    return password;
  }

  /** An H2 store whose admin password is {@code password}. */
  private static String h2Store(String password) throws SQLException {
    final String url = "jdbc:h2:mem:secrets" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    try (Connection connection = DriverManager.getConnection(url, "sa", password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE events (user_id BIGINT, ts TIMESTAMP, event_name VARCHAR(16))");
      statement.execute("INSERT INTO events VALUES (1, TIMESTAMP '2026-01-01 00:00:00', 'a')");
    }
    return url;
  }

  private static List<String> secrets() {
    return List.of(KEY_PASSWORD, URL_PASSWORD, envPassword());
  }

  private static void assertNoSecret(String where, String text) {
    for (String secret : secrets()) {
      assertFalse(text.contains(secret), where + " holds a password: " + text);
    }
  }

  private static String stackTrace(Throwable e) {
    final StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  private static void assertCleanError(String where, SQLException e) {
    assertNotNull(e.getSQLState(), where);
    assertNoSecret(where + " (message)", String.valueOf(e.getMessage()));
    assertNoSecret(where + " (stack trace with causes)", stackTrace(e));
  }

  @Test
  void passwordEnvReadsThePasswordFromTheEnvironment() throws Exception {
    final String url = h2Store(envPassword());
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:url='" + url + "';user=sa;"
        + "passwordEnv=" + ENV)) {
      assertEquals(List.of(List.of(1L)), ResultRows.of(connection, "SELECT COUNT(*) FROM events"));
    }
    final SQLException unset = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:funnelsql:url='" + url + "';user=sa;passwordEnv=FUNNELSQL_NO_SUCH_VARIABLE"));
    assertEquals("08001", unset.getSQLState());
    assertTrue(unset.getMessage().contains("FUNNELSQL_NO_SUCH_VARIABLE") && unset.getMessage().contains("not set"),
        unset.getMessage());
    final SQLException misuse = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:funnelsql:url='" + url + "';user=sa;passwordEnv='" + KEY_PASSWORD + "!'"));
    assertCleanError("a password written in passwordEnv", misuse);
  }

  @Test
  void aModelTakesThePasswordFromTheEnvironment() throws Exception {
    final String url = h2Store(envPassword());
    final Path model = dir.resolve("env-model.yaml");
    Files.writeString(model, "source: { url: '" + url + "', user: sa, password: '${" + ENV + "}' }\n"
        + "events: { table: events, user: user_id, time: ts, event: event_name }\n");
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:model=" + model)) {
      assertEquals(List.of(List.of(1L)), ResultRows.of(connection, "SELECT COUNT(*) FROM events"));
    }
    final Model loaded = ModelLoader.load(model, Map.of(ENV, envPassword()));
    assertNoSecret("Model.toString", loaded.toString());
    assertNoSecret("SourceConfig.toString", String.valueOf(loaded.source()));
  }

  @Test
  void noPasswordInToStringGetUrlErrorsOrLogs() throws Exception {
    final String h2 = h2Store(KEY_PASSWORD);
    final String postgres = EventStores.create(Kind.POSTGRES, List.of(new Event(1, 1_000L, "a")));
    final String postgresWithPassword = postgres + "&password=" + URL_PASSWORD;
    final List<SQLException> errors = new ArrayList<>();
    final List<String> strings = new ArrayList<>();
    final List<String> log;
    try (LogCapture capture = new LogCapture()) {
      try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:url='" + h2 + "';user=sa;password="
          + KEY_PASSWORD)) {
        strings.add(connection.toString());
        strings.add(connection.getMetaData().getURL());
        strings.add(connection.getMetaData().toString());
        strings.add(String.valueOf(connection.getClientInfo()));
        strings.add(String.valueOf(connection.getMetaData().getUserName()));
        try (Statement statement = connection.createStatement();
            PreparedStatement prepared = connection.prepareStatement("SELECT * FROM events WHERE user_id = ?");
            ResultSet rows = statement.executeQuery("SELECT FUNNEL_STEP(ts, 60, event_name = 'a') FROM events")) {
          strings.add(statement.toString());
          strings.add(prepared.toString());
          strings.add(rows.toString());
          rows.next();
        }
        for (String sql : List.of("SELEC 1", "SELECT nope FROM events", "SELECT * FROM events WHERE user_id = 'x'",
            "DROP TABLE events", "SELECT FUNNEL_STEP(ts, -1, event_name = 'a') FROM events")) {
          errors.add(assertThrows(SQLException.class, () -> ResultRows.of(connection, sql), sql));
        }
      }
      final Properties properties = new Properties();
      properties.setProperty("url", postgresWithPassword);
      properties.setProperty("user", "postgres");
      properties.setProperty("password", KEY_PASSWORD);
      try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:", properties)) {
        strings.add(connection.getMetaData().getURL());
        assertEquals(List.of(List.of(1L)), ResultRows.of(connection, "SELECT COUNT(*) FROM events"));
      }
      errors.add(assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:funnelsql:url='" + h2
          + "';user=sa;password=" + URL_PASSWORD)));
      errors.add(assertThrows(SQLException.class, () -> DriverManager.getConnection(
          "jdbc:funnelsql:url='jdbc:postgresql://127.0.0.1:1/none?password=" + URL_PASSWORD + "';password="
          + KEY_PASSWORD)));
      errors.add(assertThrows(SQLException.class, () -> DriverManager.getConnection(
          "jdbc:funnelsql:url='jdbc:nosuchdriver://u:" + URL_PASSWORD + "@127.0.0.1/x';password=" + KEY_PASSWORD)));
      errors.add(assertThrows(SQLException.class, () -> DriverManager.getConnection(
          "jdbc:funnelsql:url='" + h2 + "';user=sa;password=" + KEY_PASSWORD + ";events=nope")));
      log = capture.lines();
    }
    strings.add(Source.of(ConnectionSettings.from(properties(postgresWithPassword)), null).toString());
    strings.forEach(text -> assertNoSecret("toString/getURL", text));
    assertTrue(strings.get(1).startsWith("jdbc:funnelsql:"), strings.get(1));
    for (SQLException e : errors) {
      assertCleanError("error", e);
    }
    assertTrue(log.size() > 10, "the capture sees the log: " + log.size() + " lines");
    for (String line : log) {
      assertNoSecret("log", line);
    }
  }

  private static Properties properties(String url) {
    final Properties properties = new Properties();
    properties.setProperty("url", url);
    properties.setProperty("password", KEY_PASSWORD);
    return properties;
  }
}
