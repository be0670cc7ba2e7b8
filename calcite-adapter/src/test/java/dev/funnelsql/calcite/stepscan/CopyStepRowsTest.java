package dev.funnelsql.calcite.stepscan;

import static dev.funnelsql.calcite.stepscan.TransferComparison.STEP_ROW_KINDS;
import static dev.funnelsql.calcite.stepscan.TransferComparison.assertSameRows;
import static dev.funnelsql.calcite.stepscan.TransferComparison.sortedRows;
import static dev.funnelsql.calcite.stepscan.TransferComparison.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import dev.funnelsql.calcite.testing.TestStores;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL copies the step rows out in binary ({@code COPY … TO STDOUT (FORMAT binary)}), and every kind of step
 * row read that way gives the rows its getters give ({@code funnel.transfer=jdbc}): integer, NULL, SMALLINT, text and
 * absent keys, timestamps (before 1970 and 2000, to the microsecond) and integer times with NULLs, text values in
 * any script and longer than the copy's buffer, more rows than one batch, and the statement's values written into
 * the copy as literals (quotes, backslashes, negative numbers, decimals, timestamps, dates). A {@code timestamptz}
 * time is read through the getters.
 */
class CopyStepRowsTest {
  private static final String COPY = "transfer=[copy]";
  private static final List<String> QUERIES = Stream.concat(STEP_ROW_KINDS.stream(), Stream.of(
      "SELECT user_id, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b') FROM events "
          + "WHERE source <> 'o''k\\' AND revenue > -3 AND ts >= TIMESTAMP '2026-01-06 00:00:00' GROUP BY user_id",
      "SELECT source, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b'), "
          + "FUNNEL_TIMES(ts, 86400, event_name = 'a', event_name = 'c') FROM events GROUP BY source"))
      .toList();

  @Test
  void copiedRowsGiveTheRowsTheGettersGiveOnRandomEvents() throws SQLException {
    for (long seed = 1; seed <= 30; seed++) {
      assertSameRows(TestEvent.store(StoreKind.POSTGRES, RandomEvents.generate(seed, 60, 12)), QUERIES,
          COPY);
    }
  }

  @Test
  void copiedRowsGiveTheRowsTheGettersGiveAcrossManyBatches() throws SQLException {
    assertSameRows(TestEvent.store(StoreKind.POSTGRES, RandomEvents.generate(99L, 800, 16)), QUERIES, COPY);
  }

  @Test
  void timestampsBefore1970And2000ToTheMicrosecondAreCopiedAsTheGettersReadThem() throws SQLException {
    final Store store = TestStores.create(StoreKind.POSTGRES, "events", "user_id BIGINT, ts TIMESTAMP(6), "
        + "secs BIGINT, event_name VARCHAR(16)", List.of());
    final String[] times = {"1969-12-31 23:59:59.999500", "1969-12-31 23:59:59.9999", "1970-01-01 00:00:00.000001",
        "1999-12-31 23:59:59.999999", "2000-01-01 00:00:00", "2000-01-01 00:00:00.000999", "1900-03-01 12:00:00.5",
        "2262-04-11 23:47:16.854775", "2026-01-05 06:00:00.0015"};
    try (Connection connection = DriverManager.getConnection(store.url(), store.credentials());
        PreparedStatement insert = connection.prepareStatement("INSERT INTO " + store.schema()
            + ".events VALUES (?, CAST(? AS TIMESTAMP), ?, ?)")) {
      long user = 0;
      for (String first : times) {
        for (String second : times) {
          insert.setLong(1, user++);
          insert.setString(2, first);
          insert.setLong(3, user % 7 - 3);
          insert.setString(4, "a");
          insert.addBatch();
          insert.setLong(1, user - 1);
          insert.setString(2, second);
          insert.setLong(3, user % 5 - 2);
          insert.setString(4, "b");
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
    assertSameRows(store, List.of(
        "SELECT user_id, FUNNEL_TIMES(ts, 86400, event_name = 'a', event_name = 'b') FROM events GROUP BY user_id",
        "SELECT user_id, FUNNEL_STEP(secs, 3, event_name = 'a', event_name = 'b') FROM events GROUP BY user_id"), COPY);
  }

  @Test
  void parametersAreWrittenIntoTheCopyAsLiteralsOfTheirTypes() throws SQLException {
    final Store store = TestEvent.store(StoreKind.POSTGRES, RandomEvents.generate(7L, 400, 12));
    try (Connection connection = DriverManager.getConnection(store.url(), store.credentials());
        Statement statement = connection.createStatement()) {
      statement.execute("UPDATE " + store.schema() + ".events SET source = 'it''s\\' WHERE user_id % 3 = 0");
    }
    final String sql = "SELECT user_id, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b') FROM events "
        + "WHERE source <> ? AND revenue > ? AND ts >= ? AND CAST(ts AS DATE) < ? AND score <= ? GROUP BY user_id";
    final List<List<Object>> answers = new ArrayList<>();
    final List<String> logged = new ArrayList<>();
    final Logger log = Logger.getLogger(SourceQuery.class.getName());
    final Level level = log.getLevel();
    final Handler handler = new Handler() {
      @Override public void publish(LogRecord record) {
        synchronized (logged) {
          logged.add(record.getMessage());
        }
      }

      @Override public void flush() {
      }

      @Override public void close() {
      }
    };
    log.setLevel(Level.FINE);
    log.addHandler(handler);
    try {
      answerBothWays(store, sql, answers);
    } finally {
      log.removeHandler(handler);
      log.setLevel(level);
    }
    assertTrue(answers.get(0).size() > 10, answers.get(0).toString());
    assertEquals(answers.get(1), answers.get(0));
    // One copy, with every value written in: the string's quote doubled and its backslash kept.
    final List<String> copies = logged.stream().filter(m -> m.startsWith("step rows copied in bulk")).toList();
    assertEquals(1, copies.size(), logged.toString());
    final String copied = copies.get(0);
    assertTrue(copied.contains("<> CAST('it''s\\' AS VARCHAR)") && copied.contains("CAST('-1' AS INTEGER)")
        && copied.contains("'2026-01-06T06:00:00.001'") && copied.contains("CAST('7.5' AS DECIMAL)")
        && !copied.contains("?"), copied);
  }

  private static void answerBothWays(Store store, String sql, List<List<Object>> answers) throws SQLException {
    for (Properties properties : List.of(new Properties(), transfer("jdbc"))) {
      try (AdapterConnection funnel = AdapterConnections.open(store, null, properties);
          PreparedStatement query = funnel.connection().prepareStatement(sql)) {
        query.setString(1, "it's\\");
        query.setInt(2, -1);
        query.setTimestamp(3, new Timestamp(RandomEvents.BASE + RandomEvents.DAY + 21_600_001L));
        query.setDate(4, new java.sql.Date(RandomEvents.BASE + 20 * RandomEvents.DAY));
        query.setBigDecimal(5, new java.math.BigDecimal("7.5"));
        final List<Object> rows = new ArrayList<>();
        try (ResultSet result = query.executeQuery()) {
          while (result.next()) {
            rows.add(result.getLong(1) + ":" + result.getInt(2));
          }
        }
        rows.sort((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
        answers.add(rows);
      }
    }
  }

  @Test
  void textValuesInAnyScriptAndLongerThanTheCopysBufferAreCopiedAsTheGettersReadThem() throws SQLException {
    final Store store = TestStores.create(StoreKind.POSTGRES, "events", "user_id BIGINT, ts TIMESTAMP, "
        + "secs BIGINT, event_name TEXT", List.of());
    final String[] names = {"a", "café", "日本語", "emoji \uD83D\uDE00", "", "x".repeat(100_000), "b'\\"};
    try (Connection connection = DriverManager.getConnection(store.url(), store.credentials());
        PreparedStatement insert = connection.prepareStatement("INSERT INTO " + store.schema()
            + ".events VALUES (?, ?, ?, ?)")) {
      for (int i = 0; i < 3_000; i++) {
        insert.setLong(1, i % 40);
        insert.setTimestamp(2, new Timestamp(RandomEvents.BASE + 60_000L * (i % 97)));
        insert.setLong(3, i);
        insert.setString(4, i % 11 == 0 ? null : names[(i * 7) % names.length]);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    assertSameRows(store, List.of(
        "SELECT user_id, SEQUENCE_NEXT_NODE('forward', 'head', ts, event_name, TRUE, event_name = 'a') "
            + "FROM events GROUP BY user_id",
        "SELECT user_id, SEQUENCE_NEXT_NODE('backward', 'tail', ts, event_name, TRUE, event_name = 'café') "
            + "FROM events GROUP BY user_id"), COPY);
  }

  @Test
  void aTimestampWithTimeZoneIsReadThroughTheGetters() throws SQLException {
    final Store store = postgresEvents("TIMESTAMPTZ", "SELECT g % 50, TIMESTAMPTZ '2026-03-28 12:00:00+01' "
        + "+ g * INTERVAL '7 minutes', g, CASE WHEN g % 3 = 0 THEN 'a' ELSE 'b' END FROM generate_series(1, 2000) g");
    final String sql = "SELECT user_id, FUNNEL_TIMES(ts, 3600, event_name = 'a', event_name = 'b') FROM events "
        + "GROUP BY user_id";
    try (AdapterConnection copy = AdapterConnections.open(store, null, new Properties());
        AdapterConnection getters = AdapterConnections.open(store, null, transfer("jdbc"))) {
      assertEquals(sortedRows(getters, sql), sortedRows(copy, sql));
    }
  }

  @Test
  void infiniteTimestampsStayAtTheEndsOfTheTimeLineBothWays() throws SQLException {
    final Store store = postgresEvents("TIMESTAMP", "VALUES "
        + "(0, '-infinity', 0, 'a'), (0, '2026-01-05 00:00:00', 0, 'b'), "
        + "(1, '2026-01-05 00:00:00', 0, 'a'), (1, 'infinity', 0, 'b'), "
        + "(2, '2026-01-05 00:00:00', 0, 'a'), (2, '2026-01-05 01:00:00', 0, 'b'), (2, 'infinity', 0, 'c'), "
        + "(3, '-infinity', 0, 'b'), (3, 'infinity', 0, 'a'), "
        + "(4, '-infinity', 0, 'a'), (4, '-infinity', 0, 'a'), (4, '1970-01-01 00:00:00', 0, 'b')");
    final String sql = "SELECT user_id, FUNNEL_STEP(ts, 86400, event_name = 'a', event_name = 'b', "
        + "event_name = 'c') FROM events GROUP BY user_id";
    final String expected = "[[0, 1], [1, 1], [2, 2], [3, 1], [4, 1]]";
    try (AdapterConnection copy = AdapterConnections.open(store, null, new Properties());
        AdapterConnection getters = AdapterConnections.open(store, null, transfer("jdbc"))) {
      assertEquals(expected, sortedRows(getters, sql));
      assertEquals(expected, sortedRows(copy, sql));
    }
  }

  /**
   * A PostgreSQL store of events ({@code user_id, ts, secs, event_name}) whose time has the type {@code timeType},
   * filled by PostgreSQL itself from {@code rows} (a {@code VALUES} list or a query).
   */
  private static Store postgresEvents(String timeType, String rows) throws SQLException {
    final Store store = TestStores.create(StoreKind.POSTGRES, "events", "user_id BIGINT, ts " + timeType
        + ", secs BIGINT, event_name VARCHAR(16)", List.of());
    try (Connection connection = DriverManager.getConnection(store.url(), store.credentials());
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO " + store.schema() + ".events " + rows);
    }
    return store;
  }
}
