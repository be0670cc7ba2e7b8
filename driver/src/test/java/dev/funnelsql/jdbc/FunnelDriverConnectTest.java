package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How {@code jdbc:funnelsql:} URLs and properties are read, and what a bad one gets. */
class FunnelDriverConnectTest {
  private static final List<Event> EVENTS = List.of(new Event(1, 1_000L, "a"), new Event(1, 2_000L, "b"));

  private static long count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void driverIsFoundThroughTheServiceFile() throws SQLException {
    final Driver driver = DriverManager.getDriver("jdbc:funnelsql:url=jdbc:h2:mem:x");
    assertTrue(driver instanceof FunnelDriver, driver.getClass().getName());
    assertTrue(driver.acceptsURL("jdbc:funnelsql:"));
    assertFalse(driver.acceptsURL("jdbc:calcite:"));
    assertNull(driver.connect("jdbc:h2:mem:x", new Properties()));
  }

  @Test
  void sourceUrlWithSemicolonsIsPassedQuoted() throws SQLException {
    final String source = EventStores.create(Kind.H2, EVENTS);
    assertTrue(source.contains(";"), source);
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:url='" + source + "'")) {
      assertEquals(2, count(connection));
    }
  }

  @Test
  void sameKeysWorkAsProperties() throws SQLException {
    final Properties properties = new Properties();
    properties.setProperty("url", EventStores.create(Kind.H2, EVENTS));
    properties.setProperty("events", "events");
    try (Connection connection = DriverManager.getConnection("jdbc:funnelsql:", properties)) {
      assertEquals(2, count(connection));
      assertEquals("PUBLIC", connection.getSchema());
    }
  }

  @Test
  void identifiersAreCaseInsensitiveOnEveryStore() throws SQLException {
    for (Kind kind : Kind.values()) {
      try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(kind,
          EventStores.create(kind, EVENTS)));
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT Event_Name FROM EVENTS WHERE USER_ID = 1 ORDER BY ts")) {
        rows.next();
        assertEquals("a", rows.getString(1), kind.name());
      }
    }
  }

  @Test
  void missingSourceUrlIsAClearError() {
    final SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:funnelsql:"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("needs a model file or the event store's JDBC URL"), e.getMessage());
  }

  @Test
  void unreachableSourceIsAClearErrorWithoutThePassword() {
    final SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
        "jdbc:funnelsql:url='jdbc:postgresql://127.0.0.1:1/none?password=hunter2';password=hunter2"));
    assertTrue(e.getMessage().startsWith("cannot connect to the event store at jdbc:postgresql://127.0.0.1:1/none"),
        e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getSQLState().startsWith("08"), e.getSQLState());
  }

  @Test
  void unknownEventsTableIsAClearError() throws SQLException {
    final String source = EventStores.create(Kind.H2, EVENTS);
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:url='" + source + "';events=clicks"));
    assertEquals("42P01", e.getSQLState());
    assertTrue(e.getMessage().contains("'clicks'"), e.getMessage());
  }

  @Test
  void aWrongStepScanSettingNamesTheKeyAndItsValidValues() throws SQLException {
    final String source = EventStores.create(EventStores.Kind.H2, java.util.List.of());
    for (String bad : new String[] {"funnel.sort=sideways", "funnel.pushdown=maybe", "funnel.bufferLimit=lots",
        "funnel.bufferLimit=-5m"}) {
      final SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(
          EventStores.funnelUrl(EventStores.Kind.H2, source) + ";" + bad));
      assertEquals("22023", e.getSQLState(), bad);
      assertTrue(e.getMessage().startsWith("connection property " + bad.substring(0, bad.indexOf('='))),
          e.getMessage());
    }
  }

  @Test
  void malformedUrlIsAClearError() {
    final SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:funnelsql:password=hunter2;url='jdbc:h2:mem:x"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("malformed jdbc:funnelsql: URL"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertNull(e.getCause(), "no cause carrying the connect string");
  }

  @Test
  void syntaxErrorHasASqlState() throws SQLException {
    try (Connection connection = DriverManager.getConnection(EventStores.funnelUrl(Kind.H2,
        EventStores.create(Kind.H2, EVENTS)))) {
      final SQLException e = assertThrows(SQLException.class, () -> connection.prepareStatement("SELEC 1"));
      assertEquals("42601", e.getSQLState(), e.getMessage());
    }
  }
}
