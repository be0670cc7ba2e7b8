package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.pgwire.auth.AuthMethod;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pgjdbc (PostgreSQL's own JDBC driver, as DBeaver, Metabase's PostgreSQL driver and Tableau's use it) against the
 * wire server: simple and extended protocol, text and binary values, portals with a fetch size, cancel, errors with
 * SQLSTATE, DatabaseMetaData; every result is compared with the same query on a direct FunnelSQL connection.
 */
class PgJdbcClientTest {
  private static final String PASSWORD = "s3cret-pass";
  private static final List<String> QUERIES = List.of(
      "SELECT step, step_label, users, conversion_from_start, drop_off, median_seconds_to_reach "
          + "FROM funnels.checkout_summary ORDER BY breakdown NULLS FIRST, segment NULLS FIRST, step",
      "SELECT user_id, event_time, event_name, revenue FROM events ORDER BY user_id, event_time, event_name",
      "SELECT cohort_period, period_offset, cohort_users, users, retention_rate FROM cohorts.weekly_matrix "
          + "ORDER BY cohort_period, period_offset",
      "SELECT segment, users, share FROM segments.engagement_sizes ORDER BY segment",
      "SELECT user_id, step, step_name, entered_at, reached_at, seconds_since_entry, engagement FROM funnels.checkout "
          + "ORDER BY user_id, step",
      "SELECT source, target, depth, users, share_of_start FROM paths.after_cart ORDER BY depth, source, target",
      "SELECT source, target, depth, users, share_of_start FROM paths.after_cart_sessions "
          + "ORDER BY depth, source, target",
      "SELECT user_id, SEQUENCE_NEXT_NODE('forward', 'first_match', event_time, event_name, TRUE, "
          + "event_name = 'cart_added') AS next_event, WINDOW_FUNNEL(604800, 'deduplication', event_time, "
          + "event_name = 'product_viewed', event_name = 'cart_added', event_name = 'order_paid') AS level, "
          + "SEQUENCE_MATCH('(?1)(?t<=86400)(?2)', event_time, event_name = 'product_viewed', "
          + "event_name = 'order_paid') AS bought_within_a_day FROM events GROUP BY user_id ORDER BY user_id",
      "SELECT user_id, event_time, event_name, SESSIONIZE(event_time, INTERVAL '30' MINUTE) OVER (PARTITION BY "
          + "user_id ORDER BY event_time) AS session_number FROM events ORDER BY user_id, event_time, event_name");
  private static ShopFixture shop;
  private static PgServer server;

  @BeforeAll
  static void start() throws Exception {
    shop = ShopFixture.create(300);
    server = shop.serve(AuthMethod.SCRAM_SHA_256, Map.of("analyst", PASSWORD));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Connection connect(String options) throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/funnelsql?" + options,
        "analyst", PASSWORD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=0", "prepareThreshold=1",
      "prepareThreshold=1&binaryTransfer=false"})
  void everyProtocolModeGivesTheRowsOfADirectConnection(String mode) throws Exception {
    try (Connection direct = shop.direct(); Connection wire = connect(mode)) {
      for (String sql : QUERIES) {
        final List<List<Object>> expected = Rows.of(direct, sql);
        assertTrue(expected.size() >= 3, sql);
        try (PreparedStatement statement = wire.prepareStatement(sql)) {
          for (int run = 0; run < 3; run++) {
            try (ResultSet rows = statement.executeQuery()) {
              assertEquals(expected, Rows.read(rows), mode + " run " + run + ": " + sql);
            }
          }
        }
      }
    }
  }

  /** Timestamps keep milliseconds, FunnelSQL's precision. */
  @ParameterizedTest
  @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1", "prepareThreshold=1&binaryTransfer=false"})
  void parametersOfEachTypeArriveAsBound(String mode) throws Exception {
    try (Connection wire = connect(mode); PreparedStatement statement = wire.prepareStatement(
        "SELECT ?::int4 AS i, ?::int8 AS l, ?::float8 AS d, ?::numeric AS n, ?::text AS t, ?::bool AS b, "
            + "?::date AS day, ?::timestamp AS ts")) {
      for (int run = 0; run < 3; run++) {
        statement.setInt(1, -7 - run);
        statement.setLong(2, 9_000_000_000L + run);
        statement.setDouble(3, 0.1 + run);
        statement.setBigDecimal(4, new BigDecimal("-12345.678").add(BigDecimal.valueOf(run)));
        statement.setString(5, "it's \"quoted\" ünïcode " + run);
        statement.setBoolean(6, run % 2 == 0);
        statement.setDate(7, java.sql.Date.valueOf(LocalDate.of(2026, 1, 2 + run)));
        statement.setTimestamp(8, Timestamp.valueOf(LocalDateTime.of(2026, 1, 2, 3, 4, 5,
            123_000_000 + run * 1_000_000)));
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
          assertEquals(-7 - run, rows.getInt(1));
          assertEquals(9_000_000_000L + run, rows.getLong(2));
          assertEquals(0.1 + run, rows.getDouble(3));
          assertEquals(0, new BigDecimal("-12345.678").add(BigDecimal.valueOf(run)).compareTo(rows.getBigDecimal(4)));
          assertEquals("it's \"quoted\" ünïcode " + run, rows.getString(5));
          assertEquals(run % 2 == 0, rows.getBoolean(6));
          assertEquals(LocalDate.of(2026, 1, 2 + run), rows.getDate(7).toLocalDate());
          assertEquals(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_000_000 + run * 1_000_000),
              rows.getTimestamp(8).toLocalDateTime());
        }
      }
    }
  }

  @Test
  void timestampParametersFilterTheEventStore() throws Exception {
    final String sql = "SELECT COUNT(*) FROM events WHERE event_time >= ? AND event_name = ?";
    final Timestamp from = Timestamp.valueOf("2026-01-20 00:00:00");
    try (Connection direct = shop.direct(); Connection wire = connect("prepareThreshold=1");
        PreparedStatement statement = wire.prepareStatement(sql)) {
      final long expected = (Long) Rows.of(direct, "SELECT COUNT(*) FROM events WHERE event_time >= "
          + "TIMESTAMP '2026-01-20 00:00:00' AND event_name = 'cart_added'").get(0).get(0);
      for (int run = 0; run < 3; run++) {
        statement.setTimestamp(1, from);
        statement.setString(2, "cart_added");
        try (ResultSet rows = statement.executeQuery()) {
          assertTrue(rows.next());
          assertEquals(expected, rows.getLong(1));
        }
      }
      assertTrue(expected > 0);
    }
  }

  /**
   * A dashboard's date range on a funnel chart, as Superset writes it (PostgreSQL's {@code TO_TIMESTAMP}, literal SQL
   * through the simple protocol) and as a prepared parameter, scopes the funnel as the same range written as
   * literals on a direct connection.
   */
  @Test
  void aDateRangeScopesAFunnelChartThroughTheWire() throws Exception {
    final String literal = "SELECT step_label, users FROM funnels.checkout_chart WHERE entered_at >= "
        + "TIMESTAMP '2026-01-10 00:00:00' AND entered_at < TIMESTAMP '2026-01-24 00:00:00'";
    try (Connection direct = shop.direct(); Connection simple = connect("preferQueryMode=simple");
        Connection prepared = connect("prepareThreshold=1")) {
      final List<List<Object>> expected = Rows.of(direct, literal);
      final List<List<Object>> all = Rows.of(direct, "SELECT step_label, users FROM funnels.checkout_chart");
      assertTrue((Long) expected.get(0).get(1) > 0 && !expected.equals(all), expected + " within " + all);
      assertEquals(expected, Rows.of(simple, "SELECT step_label, users FROM funnels.checkout_chart WHERE entered_at "
          + ">= TO_TIMESTAMP('2026-01-10 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US') AND entered_at < "
          + "TO_TIMESTAMP('2026-01-24 00:00:00.000000', 'YYYY-MM-DD HH24:MI:SS.US')"), "Superset's literal SQL");
      try (PreparedStatement statement = prepared.prepareStatement("SELECT step_label, users FROM "
          + "funnels.checkout_chart WHERE entered_at >= ? AND entered_at < ?")) {
        for (int run = 0; run < 3; run++) {
          statement.setTimestamp(1, Timestamp.valueOf("2026-01-10 00:00:00"));
          statement.setTimestamp(2, Timestamp.valueOf("2026-01-24 00:00:00"));
          try (ResultSet rows = statement.executeQuery()) {
            assertEquals(expected, Rows.read(rows), "run " + run + " with parameters");
          }
        }
      }
    }
  }

  @Test
  void aFetchSizeReadsTheResultThroughAPortalInPieces() throws Exception {
    final String sql = "SELECT user_id, event_name, event_time FROM events ORDER BY user_id, event_time, event_name";
    try (Connection direct = shop.direct(); Connection wire = connect("prepareThreshold=1")) {
      final List<List<Object>> expected = Rows.of(direct, sql);
      wire.setAutoCommit(false);
      try (Statement statement = wire.createStatement()) {
        statement.setFetchSize(7);
        try (ResultSet rows = statement.executeQuery(sql)) {
          assertEquals(expected, Rows.read(rows));
        }
      }
      wire.commit();
      assertTrue(expected.size() > 100, "many fetches of 7 rows");
    }
  }

  @Test
  void aCancelRequestStopsALongQueryWith57014AndTheSessionGoesOn() throws Exception {
    // Joins on a FunnelSQL function run in Calcite (some 20 s for 300 users' events); cancelled after 300 ms.
    final String slow = "SELECT COUNT(*) FROM events a JOIN events b ON PERIOD_START(a.event_time, 'day') "
        + "<= PERIOD_START(b.event_time, 'day') JOIN events c ON PERIOD_START(c.event_time, 'day') "
        + "<= PERIOD_START(a.event_time, 'day') WHERE c.user_id < 10";
    try (Connection wire = connect("prepareThreshold=1"); Statement statement = wire.createStatement()) {
      final AtomicReference<Throwable> cancelError = new AtomicReference<>();
      final Thread canceller = new Thread(() -> {
        try {
          Thread.sleep(300);
          statement.cancel();
        } catch (InterruptedException | SQLException e) {
          cancelError.set(e);
        }
      });
      canceller.start();
      final SQLException error = assertThrows(SQLException.class, () -> statement.executeQuery(slow));
      canceller.join();
      assertEquals(null, cancelError.get());
      assertEquals("57014", error.getSQLState(), error.getMessage());
      try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM events")) {
        assertTrue(rows.next());
        assertTrue(rows.getLong(1) > 0);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"preferQueryMode=simple", "prepareThreshold=1"})
  void errorsCarryFunnelSqlsSqlState(String mode) throws Exception {
    final Map<String, String> expected = new TreeMap<>(Map.of(
        "SELECT nope FROM events", "42703",
        "SELECT * FROM no_such_table", "42P01",
        "SELEC 1", "42601",
        "DELETE FROM events", "25006",
        "SELECT NO_SUCH_FUNCTION(1)", "42883",
        "SELECT 'unterminated", "42601"));
    try (Connection wire = connect(mode); Statement statement = wire.createStatement()) {
      for (Map.Entry<String, String> entry : expected.entrySet()) {
        final SQLException error = assertThrows(SQLException.class, () -> statement.execute(entry.getKey()));
        assertEquals(entry.getValue(), error.getSQLState(), entry.getKey() + ": " + error.getMessage());
        assertTrue(!error.getMessage().contains("Was expecting"), error.getMessage());
      }
      try (ResultSet rows = statement.executeQuery("SELECT 1")) {
        assertTrue(rows.next(), "the session survives its errors");
      }
    }
  }

  @Test
  void aFailedTransactionBlockRefusesStatementsUntilRollback() throws Exception {
    try (Connection wire = connect("prepareThreshold=1")) {
      wire.setAutoCommit(false);
      try (Statement statement = wire.createStatement()) {
        assertThrows(SQLException.class, () -> statement.executeQuery("SELECT nope FROM events"));
        final SQLException refused = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT 1"));
        assertEquals("25P02", refused.getSQLState());
        wire.rollback();
        try (ResultSet rows = statement.executeQuery("SELECT 1")) {
          assertTrue(rows.next());
        }
      }
    }
  }

  @Test
  void databaseMetaDataListsWhatFunnelSqlLists() throws Exception {
    try (Connection direct = shop.direct(); Connection wire = connect("")) {
      final DatabaseMetaData metaData = wire.getMetaData();
      assertEquals("PostgreSQL", metaData.getDatabaseProductName());
      assertTrue(metaData.getDatabaseProductVersion().startsWith("9.6"), metaData.getDatabaseProductVersion());
      final List<String> schemas = new ArrayList<>();
      try (ResultSet rows = metaData.getSchemas()) {
        while (rows.next()) {
          schemas.add(rows.getString("TABLE_SCHEM"));
        }
      }
      assertEquals(List.of("PUBLIC", "cohorts", "funnels", "paths", "segments"), schemas);
      final List<String> tables = new ArrayList<>();
      try (ResultSet rows = metaData.getTables(null, "funnels", "%", null)) {
        while (rows.next()) {
          tables.add(rows.getString("TABLE_NAME") + ":" + rows.getString("TABLE_TYPE"));
        }
      }
      assertEquals(List.of("checkout:VIEW", "checkout_chart:VIEW", "checkout_drivers:VIEW", "checkout_paths:VIEW",
          "checkout_summary:VIEW", "checkout_time_to_convert:VIEW", "checkout_trend:VIEW"), tables);
      try (ResultSet rows = metaData.getTables(null, "public", "events", new String[] {"TABLE"})) {
        assertTrue(rows.next(), "names match without regard to case, as in FunnelSQL");
        assertEquals("EVENTS", rows.getString("TABLE_NAME"));
      }
      assertEquals(columns(direct.getMetaData(), "funnels", "checkout_summary"),
          columns(metaData, "funnels", "checkout_summary"));
      assertEquals(columns(direct.getMetaData(), "PUBLIC", "EVENTS"), columns(metaData, "PUBLIC", "EVENTS"));
    }
  }

  /** Column name, JDBC type and nullability; VARCHAR and CHAR compare equal, as do FLOAT and DOUBLE. */
  private static List<String> columns(DatabaseMetaData metaData, String schema, String table) throws SQLException {
    final List<String> columns = new ArrayList<>();
    try (ResultSet rows = metaData.getColumns(null, schema, table, "%")) {
      while (rows.next()) {
        int type = rows.getInt("DATA_TYPE");
        type = type == Types.FLOAT ? Types.DOUBLE : type == Types.NUMERIC ? Types.DECIMAL : type;
        columns.add(rows.getString("COLUMN_NAME") + ":" + type + ":" + rows.getInt("NULLABLE"));
      }
    }
    return columns;
  }

  @ParameterizedTest
  @EnumSource(value = AuthMethod.class, names = {"SCRAM_SHA_256", "MD5", "PASSWORD"})
  void eachPasswordMethodAdmitsTheRightPasswordAndRefusesAWrongOne(AuthMethod method) throws Exception {
    try (PgServer other = method == AuthMethod.SCRAM_SHA_256 ? null : shop.serve(method, Map.of("bob", "pw-1"))) {
      final PgServer target = other == null ? server : other;
      final String user = other == null ? "analyst" : "bob";
      final String password = other == null ? PASSWORD : "pw-1";
      final String url = "jdbc:postgresql://127.0.0.1:" + target.port() + "/funnelsql";
      try (Connection connection = DriverManager.getConnection(url, user, password);
          ResultSet rows = connection.createStatement().executeQuery("SELECT current_user")) {
        assertTrue(rows.next());
        assertEquals(user, rows.getString(1));
      }
      final SQLException wrong = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url, user, password + "x"));
      assertEquals("28P01", wrong.getSQLState());
      assertTrue(!wrong.getMessage().contains(password), "no password in the message");
      final SQLException unknown = assertThrows(SQLException.class,
          () -> DriverManager.getConnection(url, "mallory", password));
      assertEquals("28P01", unknown.getSQLState());
    }
  }
}
