package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared result cache through the driver, on real stores: a card asked again is answered from the cache (shown
 * by changing the store behind FunnelSQL's back and still getting the first answer), by any connection with the same
 * model, store and credentials, never by one with other credentials; parameters are part of the key, a result over
 * {@code cache.maxEntry} streams and is not kept, answers expire with {@code cache.ttl}, and {@code cache.ttl=0} and
 * non-deterministic queries always reach the store.
 */
class ResultCacheEndToEndTest {
  private static final long BASE = 1_767_225_600_000L;
  private static final String FUNNEL_CARD = "SELECT step, users FROM funnels.abc_summary ORDER BY step";
  private static final String COUNT_CARD = "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM events";

  @TempDir
  static Path dir;

  private static List<List<Object>> ask(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      return ResultRows.of(connection, sql);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aCardAskedAgainByAnotherConnectionIsAnsweredFromTheCache(Kind kind) throws Exception {
    final String source = EventStores.create(kind, AbcModel.events());
    final String url = AbcModel.url(dir, kind, source);
    final List<List<Object>> funnel = ask(url, FUNNEL_CARD);
    final List<List<Object>> count = ask(url, COUNT_CARD);
    assertEquals(List.of(List.of(1L, 3L), List.of(2L, 2L), List.of(3L, 1L)), funnel);
    AbcModel.insert(kind, source, "(4, TIMESTAMP '2026-01-01 00:00:00', 0, 'a'),"
        + " (4, TIMESTAMP '2026-01-01 00:00:01', 0, 'b'),"
        + " (4, TIMESTAMP '2026-01-01 00:00:02', 0, 'c')");
    try (LogCapture log = LogCapture.of("dev.funnelsql.calcite.resultcache")) {
      assertEquals(funnel, ask(url, FUNNEL_CARD), "the cached answer, though the store changed");
      assertEquals(count, ask(url, COUNT_CARD));
      assertEquals(2, log.count("answered from the result cache"), log.messages().toString());
    }
    assertEquals(List.of(List.of(1L, 4L), List.of(2L, 3L), List.of(3L, 2L)), ask(url + ";cache.ttl=0", FUNNEL_CARD),
        "with the cache off, the store's new answer");
    assertEquals(List.of(List.of(9L, 4L)), ask(url + ";cache.ttl=0", COUNT_CARD));
  }

  @Test
  void openConnectionsShareAnswersAndAPreparedStatementToo() throws Exception {
    final String source = EventStores.create(Kind.H2, AbcModel.events());
    final String url = EventStores.funnelUrl(Kind.H2, source);
    final String sql = "SELECT event_name, COUNT(*) FROM events WHERE user_id <= ? GROUP BY event_name "
        + "ORDER BY event_name";
    try (Connection first = DriverManager.getConnection(url); Connection second = DriverManager.getConnection(url)) {
      final List<List<Object>> before = prepared(first, sql, 2);
      AbcModel.insert(Kind.H2, source, "(1, TIMESTAMP '2026-01-01 00:00:00', 0, 'z')");
      assertEquals(before, prepared(second, sql, 2));
      assertEquals(before, prepared(first, sql, 2));
      assertNotEquals(before, prepared(second, sql, 3), "another parameter value is another card");
    }
  }

  private static List<List<Object>> prepared(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      final List<List<Object>> result = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          final List<Object> row = new ArrayList<>();
          for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
            final Object value = rows.getObject(i);
            row.add(value instanceof Number ? (Object) ((Number) value).longValue() : value);
          }
          result.add(row);
        }
      }
      return result;
    }
  }

  @Test
  void connectionsWithOtherStoreCredentialsNeverShareAnswers() throws Exception {
    final String owned = EventStores.create(Kind.POSTGRES, AbcModel.events());
    final String schema = owned.substring(owned.indexOf("currentSchema=") + "currentSchema=".length());
    final String alice = "alice_" + schema;
    final String bob = "bob_" + schema;
    try (Connection admin = DriverManager.getConnection(owned, "postgres", "postgres");
        Statement statement = admin.createStatement()) {
      for (String role : List.of(alice, bob)) {
        statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw_" + role + "'");
        statement.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + role);
        statement.execute("GRANT SELECT ON " + schema + ".events TO " + role);
      }
      statement.execute("ALTER TABLE " + schema + ".events ENABLE ROW LEVEL SECURITY");
      statement.execute("CREATE POLICY own_rows ON " + schema + ".events FOR SELECT USING (user_id = CASE "
          + "WHEN current_user = '" + alice + "' THEN 1 ELSE 2 END)");
    }
    final String store = owned.replaceFirst("\\?user=[^&]*&", "?");
    final String base = "jdbc:funnelsql:url='" + store + "'";
    final String asAlice = base + ";user=" + alice + ";password=pw_" + alice;
    final String asBob = base + ";user=" + bob + ";password=pw_" + bob;
    final String sql = "SELECT MIN(user_id), COUNT(*) FROM events";
    for (int round = 0; round < 2; round++) {
      assertEquals(List.of(List.of(1L, 2L)), ask(asAlice, sql));
      assertEquals(List.of(List.of(2L, 3L)), ask(asBob, sql));
    }
  }

  @Test
  void parametersAndLiteralsArePartOfTheKey() throws Exception {
    final SplittableRandom random = new SplittableRandom(11L);
    final String[] names = {"a", "b", "c"};
    final List<Event> events = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      events.add(new Event(random.nextInt(40), BASE + 1_000L * random.nextInt(600), names[random.nextInt(3)]));
    }
    final String source = EventStores.create(Kind.H2, events);
    final String url = EventStores.funnelUrl(Kind.H2, source);
    final String sql = "SELECT COUNT(*), COUNT(DISTINCT user_id) FROM events WHERE user_id >= ? AND event_name = ?";
    try (Connection cached = DriverManager.getConnection(url);
        Connection uncached = DriverManager.getConnection(url + ";cache.ttl=0")) {
      for (int i = 0; i < 60; i++) {
        final long from = random.nextInt(45);
        final String name = names[random.nextInt(3)];
        assertEquals(prepared(uncached, sql, from, name), prepared(cached, sql, from, name), from + ", " + name);
      }
      for (int from = 0; from < 45; from += 7) {
        final String literal = "SELECT COUNT(*) FROM events WHERE user_id >= " + from;
        assertEquals(ResultRows.of(uncached, literal), ResultRows.of(cached, literal), literal);
      }
    }
  }

  @Test
  void aResultOverTheEntryLimitStreamsWholeAndIsNotKept() throws Exception {
    final List<Event> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(new Event(i, BASE + i, "event number " + i % 7));
    }
    final String source = EventStores.create(Kind.H2, events);
    final String url = EventStores.funnelUrl(Kind.H2, source) + ";cache.maxEntry=4k";
    final String sql = "SELECT user_id, event_name FROM events ORDER BY user_id";
    try (LogCapture log = LogCapture.of("dev.funnelsql.calcite.resultcache")) {
      final List<List<Object>> rows = ask(url, sql);
      assertEquals(500, rows.size());
      assertEquals(ask(url + ";cache.ttl=0", sql), rows);
      assertEquals(1, log.count("not keeping the result"), log.messages().toString());
    }
    AbcModel.insert(Kind.H2, source, "(1000, TIMESTAMP '2026-01-01 00:00:00', 0, 'late')");
    assertEquals(501, ask(url, sql).size(), "not kept, so read again from the store");
  }

  @Test
  void answersExpireWithTheTtl() throws Exception {
    final String source = EventStores.create(Kind.H2, AbcModel.events());
    final String url = EventStores.funnelUrl(Kind.H2, source) + ";cache.ttl=2s";
    ask(url + ";cache.ttl=0", COUNT_CARD);
    final long start = System.nanoTime();
    final List<List<Object>> before = ask(url, COUNT_CARD);
    final long computed = System.nanoTime();
    AbcModel.insert(Kind.H2, source, "(7, TIMESTAMP '2026-01-01 00:00:00', 0, 'a')");
    final List<List<Object>> again = ask(url, COUNT_CARD);
    assumeTrue(System.nanoTime() - start < 1_800_000_000L, "the machine was too slow to ask again within the TTL");
    assertEquals(before, again);
    Thread.sleep(Math.max(0, 2_100 - (System.nanoTime() - computed) / 1_000_000));
    assertEquals(List.of(List.of(7L, 4L)), ask(url, COUNT_CARD));
  }

  @Test
  void nonDeterministicQueriesAreNotCached() throws Exception {
    final String source = EventStores.create(Kind.H2, AbcModel.events());
    final String url = EventStores.funnelUrl(Kind.H2, source);
    final String sql = "SELECT COUNT(*) FROM events WHERE ts < CURRENT_TIMESTAMP";
    assertEquals(List.of(List.of(6L)), ask(url, sql));
    AbcModel.insert(Kind.H2, source, "(7, TIMESTAMP '2026-01-01 00:00:00', 0, 'a')");
    assertEquals(List.of(List.of(7L)), ask(url, sql));
    try (Connection connection = DriverManager.getConnection(url)) {
      assertFalse(ResultRows.of(connection, "EXPLAIN PLAN FOR " + COUNT_CARD).isEmpty());
    }
  }

  @Test
  void segmentOfIsCachedLikeItsMemberships() throws Exception {
    final String url = AbcModel.url(dir, Kind.H2, EventStores.create(Kind.H2, AbcModel.events()));
    final String sql = "SELECT s, COUNT(*) FROM (SELECT DISTINCT user_id, SEGMENT_OF('activity', user_id) AS s "
        + "FROM events) t GROUP BY s ORDER BY s";
    try (LogCapture log = LogCapture.of("dev.funnelsql.calcite.resultcache")) {
      assertEquals(List.of(List.of("busy", 2L), List.of("quiet", 1L)), ask(url, sql));
      assertEquals(List.of(List.of("busy", 2L), List.of("quiet", 1L)), ask(url, sql));
      assertEquals(1, log.count("answered from the result cache"), log.messages().toString());
    }
  }

  @Test
  void wrongCacheSettingsAreConnectionErrorsWithoutThePassword() throws Exception {
    final String source = EventStores.create(Kind.H2, AbcModel.events());
    final String url = EventStores.funnelUrl(Kind.H2, source) + ";password=s3cr3t-value";
    for (String setting : List.of("cache.ttl=soon", "cache.ttl=-5s", "cache.maxEntry=lots", "cache.tll=60s")) {
      final SQLException e = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url + ";" + setting).close(), setting);
      assertEquals("22023", e.getSQLState(), setting);
      assertFalse(String.valueOf(e.getMessage()).contains("s3cr3t"), e.getMessage());
    }
  }
}
