package dev.funnelsql.calcite.stepscan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exact SQL a step scan sends to each store dialect: only the key, the time (DuckDB: as epoch milliseconds, an
 * integer time as it is) and one mask column (one {@code CASE} when the conditions hold one at a time, a sum of
 * one-bit {@code CASE}s when they may overlap); rows that match no step stay in the store, and each user without a
 * step row comes back once through a key lane ({@code UNION ALL … IS NOT TRUE GROUP BY}), except on H2 where all
 * rows are read; the user's filter is in both lanes; {@code RETENTION} reads no time; {@code strict_order} reads every
 * row (a row matching no step stops its scan); a model funnel table reads step rows alone; and
 * {@code SEQUENCE_NEXT_NODE} reads every row with its event column (on DuckDB, the value's number). Spark's and
 * ClickHouse's texts are left out: they are the PostgreSQL shape in the engine's quoting (ClickHouse's with its own
 * type names in casts and the database named), and {@code SparkStoreTest} and {@code ClickHouseStoreTest} hold their
 * answers.
 */
class StepScanStoreSqlTest {
  /** The time column as DuckDB sends it: epoch milliseconds, its microseconds divided by 1000 rounding down. */
  private static final String DUCKDB_TIME =
      "DIVIDE(EPOCH_US(\"ts\") - CASE WHEN EPOCH_US(\"ts\") < 0 THEN 999 ELSE 0 END, 1000)";

  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name }
      funnels:
        f:
          window: 10m
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
      """;
  private static final String FUNNEL = "SELECT user_id, FUNNEL_STEP(ts, 600, event_name = 'a', event_name = 'b') AS s "
      + "FROM events ";
  private static final Map<StoreKind, Store> STORES = new EnumMap<>(StoreKind.class);

  @BeforeAll
  static void createStores() throws SQLException {
    final List<TestEvent> events = List.of(TestEvent.of(1, 1_000L, "a"), TestEvent.of(1, 2_000L, "b"),
        TestEvent.of(2, 1_000L, "x"), TestEvent.of(3, 1_000L, "a"), TestEvent.of(3, 701_000L, "b"),
        TestEvent.of(4, null, "a"), TestEvent.of(5, 5_000L, null));
    for (StoreKind kind : EnumSet.complementOf(EnumSet.of(StoreKind.SPARK, StoreKind.CLICKHOUSE))) {
      STORES.put(kind, TestEvent.store(kind, events));
    }
  }

  /** The step rows' query the client's step scan sends (on Trino, funnels run whole in the engine by default). */
  private static String storeSql(StoreKind kind, String sql) throws SQLException {
    final Properties client = new Properties();
    client.setProperty(StepScanSettings.PUSHDOWN, "client");
    try (AdapterConnection connection = AdapterConnections.open(STORES.get(kind), MODEL, client)) {
      return StoreSql.of(connection.explain(sql));
    }
  }

  /**
   * The text for the store: Trino's where Calcite's Trino dialect writes {@code x IS NOT TRUE} (which Trino cannot
   * parse) as {@code x IS NULL OR NOT x}, else the others'.
   */
  private static String onTrino(StoreKind kind, String trino, String others) {
    return kind == StoreKind.TRINO ? trino : others;
  }

  /** The text for the store: H2's, DuckDB's, or PostgreSQL's (which Trino's is too, unless {@link #onTrino}). */
  private static String pick(StoreKind kind, String h2, String duckDb, String postgres) {
    switch (kind) {
      case H2:
        return h2;
      case DUCKDB:
        return duckDb;
      default:
        return postgres;
    }
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"SPARK", "CLICKHOUSE"})
  void exclusiveConditionsAreOneCaseAndUsersWithoutAStepComeBackThroughTheKeyLane(StoreKind kind)
      throws SQLException {
    assertEquals(onTrino(kind, """
        SELECT "user_id" AS "k0", "ts" AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events"
        WHERE "event_name" IN ('a', 'b')
        UNION ALL
        SELECT "user_id" AS "k0", CAST(NULL AS TIMESTAMP) AS "t", 0 AS "mask"
        FROM "events"
        WHERE ("event_name" IN ('a', 'b')) IS NULL OR NOT "event_name" IN ('a', 'b')
        GROUP BY "user_id\"""", pick(kind, """
        SELECT "USER_ID" AS "k0", "TS" AS "t", CASE WHEN "EVENT_NAME" = 'a' THEN 1 WHEN "EVENT_NAME" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "EVENTS\"""", """
        SELECT "user_id" AS "k0", DIVIDE(EPOCH_US("ts") - CASE WHEN EPOCH_US("ts") < 0 THEN 999 ELSE 0 \
        END, 1000) AS "t", \
        CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' \
        THEN 2 ELSE 0 END AS "mask"
        FROM "events"
        WHERE CAST("event_name" AS VARCHAR(1)) IN ('a', 'b')
        UNION ALL
        SELECT "user_id" AS "k0", CAST(NULL AS BIGINT) AS "t", 0 AS "mask"
        FROM "events"
        WHERE CAST("event_name" AS VARCHAR(1)) IN ('a', 'b') IS NOT TRUE
        GROUP BY "user_id\"""", """
        SELECT "user_id" AS "k0", "ts" AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events"
        WHERE "event_name" IN ('a', 'b')
        UNION ALL
        SELECT "user_id" AS "k0", CAST(NULL AS TIMESTAMP(3)) AS "t", 0 AS "mask"
        FROM "events"
        WHERE "event_name" IN ('a', 'b') IS NOT TRUE
        GROUP BY "user_id\"""")), storeSql(kind, FUNNEL + "GROUP BY user_id"));
    try (AdapterConnection connection = AdapterConnections.open(STORES.get(kind))) {
      // Every user comes back: 2 (no step row) and 4 (its step row has no time) and 5 (NULL name) at level 0.
      assertEquals(List.of(List.of(1L, 2), List.of(2L, 0), List.of(3L, 1), List.of(4L, 0), List.of(5L, 0)),
          connection.rows(FUNNEL + "GROUP BY user_id ORDER BY user_id"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"SPARK", "CLICKHOUSE"})
  void overlappingConditionsAreOneBitEachAndTheUsersFilterIsInBothLanes(StoreKind kind) throws SQLException {
    assertEquals(onTrino(kind, """
        SELECT "user_id" AS "k0", "ts" AS "t", CASE WHEN "event_name" = 'a' THEN 1 ELSE 0 END + CASE WHEN "user_id" \
        > 2 THEN 2 ELSE 0 END AS "mask"
        FROM "events"
        WHERE "source" IS NULL AND ("event_name" = 'a' OR "user_id" > 2)
        UNION ALL
        SELECT "user_id" AS "k0", CAST(NULL AS TIMESTAMP) AS "t", 0 AS "mask"
        FROM "events"
        WHERE "source" IS NULL AND (("event_name" = 'a' OR "user_id" > 2) IS NULL  OR NOT ("event_name" = 'a' OR \
        "user_id" > 2))
        GROUP BY "user_id\"""", pick(kind, """
        SELECT "USER_ID" AS "k0", "TS" AS "t", CASE WHEN "EVENT_NAME" = 'a' THEN 1 ELSE 0 END + CASE WHEN "USER_ID" \
        > 2 THEN 2 ELSE 0 END AS "mask"
        FROM "EVENTS"
        WHERE "SOURCE" IS NULL""", """
        SELECT "user_id" AS "k0", DIVIDE(EPOCH_US("ts") - CASE WHEN EPOCH_US("ts") < 0 THEN 999 ELSE 0 \
        END, 1000) AS "t", \
        CASE WHEN "event_name" = 'a' THEN 1 ELSE 0 END + CASE WHEN \
        "user_id" > 2 THEN 2 ELSE 0 END AS "mask"
        FROM "events"
        WHERE "source" IS NULL AND ("event_name" = 'a' OR "user_id" > 2)
        UNION ALL
        SELECT "user_id" AS "k0", CAST(NULL AS BIGINT) AS "t", 0 AS "mask"
        FROM "events"
        WHERE "source" IS NULL AND ("event_name" = 'a' OR "user_id" > 2) IS NOT TRUE
        GROUP BY "user_id\"""", """
        SELECT "user_id" AS "k0", "ts" AS "t", CASE WHEN "event_name" = 'a' THEN 1 ELSE 0 END + CASE WHEN "user_id" \
        > 2 THEN 2 ELSE 0 END AS "mask"
        FROM "events"
        WHERE "source" IS NULL AND ("event_name" = 'a' OR "user_id" > 2)
        UNION ALL
        SELECT "user_id" AS "k0", CAST(NULL AS TIMESTAMP(3)) AS "t", 0 AS "mask"
        FROM "events"
        WHERE "source" IS NULL AND ("event_name" = 'a' OR "user_id" > 2) IS NOT TRUE
        GROUP BY "user_id\"""")), storeSql(kind, "SELECT user_id, FUNNEL_STEP(ts, 600, event_name = 'a', user_id > 2) "
        + "FROM events WHERE source IS NULL GROUP BY user_id"));
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"SPARK", "CLICKHOUSE"})
  void aFilterThatKeepsOnlyStepRowsSendsStepRowsAloneAndAnIntegerTimeAsItIs(StoreKind kind) throws SQLException {
    final String sql = FUNNEL.replace("(ts,", "(secs,") + "WHERE event_name IN ('a', 'b') GROUP BY user_id";
    final String column = kind == StoreKind.H2 ? "\"EVENT_NAME\"" : "\"event_name\"";
    assertEquals(pick(kind, """
        SELECT "USER_ID" AS "k0", "SECS" AS "t", CASE WHEN "EVENT_NAME" = 'a' THEN 1 WHEN "EVENT_NAME" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "EVENTS"
        """, """
        SELECT "user_id" AS "k0", "secs" AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events"
        """, """
        SELECT "user_id" AS "k0", "secs" AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events"
        """) + "WHERE " + (kind == StoreKind.DUCKDB ? "CAST(" + column + " AS VARCHAR(1))" : column)
        + " IN ('a', 'b')", storeSql(kind, sql));
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"SPARK", "CLICKHOUSE"})
  void retentionReadsNoTime(StoreKind kind) throws SQLException {
    final String sql = "SELECT user_id, RETENTION(event_name = 'a', event_name = 'b') FROM events GROUP BY user_id";
    assertEquals(onTrino(kind, """
        SELECT "user_id" AS "k0", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 ELSE 0 END AS \
        "mask"
        FROM "events"
        WHERE "event_name" IN ('a', 'b')
        UNION ALL
        SELECT "user_id" AS "k0", 0 AS "mask"
        FROM "events"
        WHERE ("event_name" IN ('a', 'b')) IS NULL OR NOT "event_name" IN ('a', 'b')
        GROUP BY "user_id\"""", pick(kind, """
        SELECT "USER_ID" AS "k0", CASE WHEN "EVENT_NAME" = 'a' THEN 1 WHEN "EVENT_NAME" = 'b' THEN 2 ELSE 0 END AS \
        "mask"
        FROM "EVENTS\"""", """
        SELECT "user_id" AS "k0", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 ELSE 0 END AS \
        "mask"
        FROM "events"
        WHERE CAST("event_name" AS VARCHAR(1)) IN ('a', 'b')
        UNION ALL
        SELECT "user_id" AS "k0", 0 AS "mask"
        FROM "events"
        WHERE CAST("event_name" AS VARCHAR(1)) IN ('a', 'b') IS NOT TRUE
        GROUP BY "user_id\"""", """
        SELECT "user_id" AS "k0", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 ELSE 0 END AS \
        "mask"
        FROM "events"
        WHERE "event_name" IN ('a', 'b')
        UNION ALL
        SELECT "user_id" AS "k0", 0 AS "mask"
        FROM "events"
        WHERE "event_name" IN ('a', 'b') IS NOT TRUE
        GROUP BY "user_id\"""")), storeSql(kind, sql));
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"SPARK", "CLICKHOUSE"})
  void strictOrderReadsEveryRowBecauseARowMatchingNoStepStopsTheScan(StoreKind kind) throws SQLException {
    final String sql = FUNNEL.replace("600,", "600, 'strict_order',") + "GROUP BY user_id";
    final String time = pick(kind, "\"TS\"", DUCKDB_TIME, "\"ts\"");
    final String expected = pick(kind, """
        SELECT "USER_ID" AS "k0", %s AS "t", CASE WHEN "EVENT_NAME" = 'a' THEN 1 WHEN "EVENT_NAME" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "EVENTS\"""", """
        SELECT "user_id" AS "k0", %s AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events\"""", """
        SELECT "user_id" AS "k0", %s AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events\"""");
    assertEquals(expected.formatted(time), storeSql(kind, sql));
  }

  @ParameterizedTest
  @EnumSource(value = StoreKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"SPARK", "CLICKHOUSE"})
  void aModelFunnelTableReadsStepRowsAlone(StoreKind kind) throws SQLException {
    final String time = pick(kind, "\"TS\"", DUCKDB_TIME, "\"ts\"");
    final String filter = pick(kind, "\"EVENT_NAME\" IN ('a', 'b')", "CAST(\"event_name\" AS VARCHAR(1)) IN ('a', 'b')",
        "\"event_name\" IN ('a', 'b')");
    final String expected = pick(kind, """
        SELECT "USER_ID" AS "k0", %s AS "t", CASE WHEN "EVENT_NAME" = 'a' THEN 1 WHEN "EVENT_NAME" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "EVENTS"
        WHERE %s""", """
        SELECT "user_id" AS "k0", %s AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events"
        WHERE %s""", """
        SELECT "user_id" AS "k0", %s AS "t", CASE WHEN "event_name" = 'a' THEN 1 WHEN "event_name" = 'b' THEN 2 \
        ELSE 0 END AS "mask"
        FROM "events"
        WHERE %s""");
    assertEquals(expected.formatted(time, filter),
        storeSql(kind, "SELECT step, COUNT(*) FROM funnels.f GROUP BY step"));
  }

  /**
   * SEQUENCE_NEXT_NODE reads every row (each is a node) with its event column after the mask; a condition that can be
   * NULL other than over the event column ({@code source = 'x'}) has a bit that skips the row; DuckDB numbers the
   * values ({@code LEFT JOIN} the numbered distinct values), its driver reading strings slowly.
   */
  @ParameterizedTest
  @EnumSource(value = StoreKind.class, mode = EnumSource.Mode.EXCLUDE, names = {"SPARK", "CLICKHOUSE"})
  void sequenceNextNodeReadsEveryRowWithItsValue(StoreKind kind) throws SQLException {
    final String expected = pick(kind, """
        SELECT "USER_ID" AS "k0", "TS" AS "t", 1 + CASE WHEN "EVENT_NAME" = 'a' THEN 2 ELSE 0 END + CASE WHEN \
        "SOURCE" = 'x' THEN 4 ELSE 0 END + CASE WHEN "SOURCE" IS NULL THEN 8 ELSE 0 END AS "mask", "EVENT_NAME" AS "v"
        FROM "EVENTS\"""", """
        SELECT "t"."k0", "t"."t", "t"."mask", "t2"."n" AS "v"
        FROM (SELECT "user_id" AS "k0", DIVIDE(EPOCH_US("ts") - CASE WHEN EPOCH_US("ts") < 0 THEN 999 ELSE 0 \
        END, 1000) AS "t", \
        1 + CASE WHEN "event_name" = 'a' THEN 2 ELSE 0 END + \
        CASE WHEN "source" = 'x' THEN 4 ELSE 0 END + CASE WHEN "source" IS NULL THEN 8 ELSE 0 END AS "mask", \
        "event_name" AS "v"
        FROM "events") AS "t"
        LEFT JOIN (SELECT ROW_NUMBER() OVER (ORDER BY ("event_name" COLLATE C)) AS "n", ("event_name" COLLATE C) \
        AS "n_v"
        FROM "events"
        GROUP BY ("event_name" COLLATE C)) AS "t2" ON ("t"."v" COLLATE C) = "t2"."n_v\"""", """
        SELECT "user_id" AS "k0", "ts" AS "t", 1 + CASE WHEN "event_name" = 'a' THEN 2 ELSE 0 END + CASE WHEN \
        "source" = 'x' THEN 4 ELSE 0 END + CASE WHEN "source" IS NULL THEN 8 ELSE 0 END AS "mask", "event_name" AS "v"
        FROM "events\"""");
    assertEquals(expected, storeSql(kind, "SELECT user_id, SEQUENCE_NEXT_NODE('forward', 'head', ts, event_name, "
        + "TRUE, event_name = 'a', source = 'x') FROM events GROUP BY user_id"));
  }
}
