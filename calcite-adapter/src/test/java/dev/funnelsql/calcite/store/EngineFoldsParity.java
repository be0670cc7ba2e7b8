package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.ComparableRows;
import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Funnels and retention computed whole in an engine ({@code funnel.pushdown=engine}, {@link LambdaFolds}) give exactly
 * the answers of the client's step scan, over the engine and over DuckDB (whose answers the reference tests hold to
 * brute force), on 3,000 random users whose times fall on six-hour slots (ties everywhere, windows ending exactly on
 * a later slot), with NULL times and names, repeated events, rows meeting several steps, a FILTER, several calls in
 * one aggregate, other group keys and no group key; and EXPLAIN says where each funnel runs. Each engine's test class
 * names its engine.
 */
abstract class EngineFoldsParity extends EngineAgainstDuckDb {
  private static final String A = "event_name = 'a'";
  private static final String B = "event_name = 'b'";
  private static final String C = "event_name = 'c'";
  private static final String A_OR_B = "event_name IN ('a', 'b')";
  private static final String B_OR_C = "(event_name = 'b' OR event_name = 'c')";

  /**
   * Every funnel mode the fold computes, step and times, timestamp and integer time, windows at and between slots;
   * and retention.
   */
  static final List<String> FOLDED = List.of(
      "FUNNEL_STEP(ts, INTERVAL '6' HOUR, " + A + ", " + B + ", " + C + ")",
      "FUNNEL_STEP(secs, 0, " + A + ", " + B + ", " + C + ")",
      "FUNNEL_STEP(ts, INTERVAL '1' DAY, 'strict_deduplication', " + A + ", " + B + ", " + C + ")",
      "FUNNEL_STEP(ts, INTERVAL '2' DAY, 'strict_order', " + A + ", " + B + ", " + C + ")",
      "FUNNEL_STEP(ts, INTERVAL '2' DAY, 'strict_order,allow_reentry', " + A + ", " + B + ", " + C + ")",
      "FUNNEL_STEP(ts, INTERVAL '3' DAY, 'strict_deduplication,strict_order', " + A + ", " + B + ", " + C + ")",
      "FUNNEL_STEP(ts, INTERVAL '1' DAY, 'strict_increase', " + A + ", " + B + ", " + C + ")",
      "FUNNEL_STEP(ts, INTERVAL '3' DAY, " + A + ", " + A_OR_B + ", " + B_OR_C + ", " + C + ")",
      "FUNNEL_STEP(secs, 86400, 'strict_increase', " + A + ", " + A + ", " + A_OR_B + ")",
      "FUNNEL_STEP(ts, INTERVAL '2' DAY, 'strict_deduplication', " + A + ", " + A_OR_B + ", " + B_OR_C + ")",
      "FUNNEL_STEP(ts, INTERVAL '2' DAY, " + A + ", " + B + ") FILTER (WHERE source = 'ads')",
      "FUNNEL_TIMES(ts, INTERVAL '1' DAY, " + A + ", " + B + ", " + C + ")",
      "FUNNEL_TIMES(ts, INTERVAL '2' DAY, 'strict_increase', " + A + ", " + A + ", " + B + ")",
      "FUNNEL_TIMES(secs, 172800, 'strict_deduplication,strict_order,allow_reentry', " + A + ", " + B + ", " + C + ")",
      "FUNNEL_TIMES(ts, INTERVAL '2' DAY, " + A + ", " + A_OR_B + ", " + B_OR_C + ")",
      "FUNNEL_TIMES(ts, INTERVAL '12' HOUR, 'strict_order', " + A + ", " + B + ", " + C + ")",
      "RETENTION(" + A + ", " + B + ", " + C + ")",
      "RETENTION(" + A_OR_B + ", " + B + ", " + C + ", " + A + ")",
      "RETENTION(" + B + ", " + A + ") FILTER (WHERE source IS NOT NULL)");

  /** Model funnels whose per-user aggregate the fold computes: with exclusions, in several modes. */
  private static final String MODEL = """
      events: { table: events, user: user_id, time: ts, event: event_name, properties: [source] }
      funnels:
        excluded:
          window: 2d
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
            - { name: C, when: "event_name = 'c'" }
          exclusions:
            - { when: "event_name = 'x'", from: 1, to: 3 }
            - { when: "event_name IS NULL", from: 2, to: 3 }
          breakdowns: [source]
        dedup:
          window: 1d
          mode: strict_deduplication
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: AB, when: "event_name IN ('a', 'b')" }
            - { name: C, when: "event_name = 'c'" }
          exclusions:
            - { when: "event_name = 'b'", from: 2, to: 3 }
        ordered:
          window: 3d
          order: strict
          steps:
            - { name: A, when: "event_name = 'a'" }
            - { name: B, when: "event_name = 'b'" }
          exclusions:
            - { when: "source = 'seo'", from: 1, to: 2 }
      """;

  @Override List<TestEvent> events() {
    return RandomEvents.generate(1405L, 3000, 12);
  }

  /** Whether {@code funnel.pushdown=auto} computes funnels in this engine. */
  abstract boolean foldsByDefault();

  @Test
  void everyFoldedModeEqualsTheClientStepScan() throws SQLException {
    try (AdapterConnection engine = AdapterConnections.open(engine(), null, pushdown("engine"));
        AdapterConnection client = AdapterConnections.open(engine(), null, pushdown("client"));
        AdapterConnection onDuckDb = AdapterConnections.open(duckDb())) {
      for (String call : FOLDED) {
        final String sql = "SELECT user_id, " + call + " FROM events GROUP BY user_id";
        assertTrue(engine.explain(sql).contains("pushdown=[engine]"), call + ": " + engine.explain(sql));
        final List<List<Object>> expected = ComparableRows.sorted(onDuckDb.rows(sql));
        assertTrue(expected.size() > 2500, call + ": " + expected.size() + " users");
        assertTrue(expected.stream().map(row -> row.get(1).toString()).distinct().count() >= 3,
            call + " reaches too few distinct results to tell the modes apart");
        assertEquals(expected, ComparableRows.sorted(client.rows(sql)), call + " (client)");
        assertEquals(expected, ComparableRows.sorted(engine.rows(sql)), call + " (engine)");
      }
    }
  }

  @Test
  void severalCallsOtherKeysAndNoKeyAreFoldedToo() throws SQLException {
    final List<String> queries = List.of(
        "SELECT user_id, " + FOLDED.get(0) + ", " + FOLDED.get(3) + ", " + FOLDED.get(11) + " FROM events "
            + "GROUP BY user_id",
        "SELECT source, " + FOLDED.get(2) + " FROM events GROUP BY source",
        "SELECT user_id, source, " + FOLDED.get(12) + " FROM events WHERE MOD(user_id, 3) = 0 GROUP BY user_id, source",
        "SELECT " + FOLDED.get(6) + ", " + FOLDED.get(14) + " FROM events",
        "SELECT user_id, " + FOLDED.get(16) + ", " + FOLDED.get(17) + " FROM events GROUP BY user_id",
        "SELECT source, " + FOLDED.get(17) + " FROM events GROUP BY source",
        "SELECT " + FOLDED.get(0) + " FROM events WHERE user_id < 0");
    final String contradiction = "SELECT " + FOLDED.get(0) + " FROM events WHERE event_name = 'nothing'";
    try (AdapterConnection engine = AdapterConnections.open(engine(), null, pushdown("engine"));
        AdapterConnection onDuckDb = AdapterConnections.open(duckDb())) {
      for (String sql : queries) {
        assertTrue(engine.explain(sql).contains("pushdown=[engine]"), sql + ": " + engine.explain(sql));
        assertEquals(ComparableRows.sorted(onDuckDb.rows(sql)), ComparableRows.sorted(engine.rows(sql)), sql);
      }
      // A filter that no step row can pass leaves no rows for the store to send: Calcite's aggregate answers.
      assertEquals(List.of(List.of(0)), engine.rows(contradiction));
    }
  }

  @Test
  void modelFunnelsWithExclusionsGiveTheSameTables() throws SQLException {
    try (AdapterConnection engine = AdapterConnections.open(engine(), MODEL, pushdown("engine"));
        AdapterConnection onDuckDb = AdapterConnections.open(duckDb(), MODEL, new Properties())) {
      final List<String> tables = modelTables(onDuckDb);
      assertTrue(tables.size() > 20, tables.toString());
      for (String table : tables) {
        final String sql = "SELECT * FROM \"" + table.replace(".", "\".\"") + "\"";
        assertEquals(ComparableRows.sorted(onDuckDb.rows(sql)), ComparableRows.sorted(engine.rows(sql)), table);
      }
      for (String funnel : List.of("excluded", "dedup", "ordered")) {
        final String plan = engine.explain("SELECT * FROM funnels." + funnel + "_summary");
        assertTrue(plan.contains("pushdown=[engine]") && plan.contains("FUNNEL_TABLE"), plan);
      }
    }
  }

  @Test
  void anEngineFailureSaysHowToAvoidIt() throws SQLException {
    // Times of about 1.7e17 pass through the step query but overflow the fold's t * 64.
    final String sql = "SELECT user_id, FUNNEL_STEP(secs * 100000000, 86400, " + A + ", " + B
        + ") FROM events GROUP BY user_id";
    try (AdapterConnection engine = AdapterConnections.open(engine(), null, pushdown("engine"));
        AdapterConnection client = AdapterConnections.open(engine(), null, pushdown("client"))) {
      final SQLException failed = assertThrows(SQLException.class, () -> engine.rows(sql));
      assertTrue(failed.getMessage().contains("failed computing the aggregate in its SQL (funnel.pushdown=client"),
          failed.getMessage());
      assertTrue(client.rows(sql).size() > 2500);
    }
  }

  @Test
  void explainSaysWhyAFunnelStaysInTheClient() throws SQLException {
    final String once = "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '1' DAY, 'strict_once', " + A + ", " + A_OR_B
        + ") FROM events GROUP BY user_id";
    final String unordered = "SELECT user_id, FUNNEL_STEP(ts, INTERVAL '1' DAY, 'unordered', " + A + ", " + B
        + ") FROM events GROUP BY user_id";
    final String sequence = "SELECT user_id, SEQUENCE_MATCH('(?1)(?2)', ts, " + A + ", " + B
        + ") FROM events GROUP BY user_id";
    final String plain = "SELECT user_id, " + FOLDED.get(0) + " FROM events GROUP BY user_id";
    try (AdapterConnection auto = AdapterConnections.open(engine());
        AdapterConnection engine = AdapterConnections.open(engine(), null, pushdown("engine"));
        AdapterConnection client = AdapterConnections.open(engine(), null, pushdown("client"));
        AdapterConnection onDuckDb = AdapterConnections.open(duckDb(), null, pushdown("engine"))) {
      assertEquals(foldsByDefault(), auto.explain(plain).contains("pushdown=[engine]"), auto.explain(plain));
      assertTrue(engine.explain(once).contains("pushdown=[client (the store cannot compute FUNNEL_STEP"),
          engine.explain(once));
      assertTrue(engine.explain(unordered).contains("pushdown=[client (the store cannot compute"),
          engine.explain(unordered));
      assertTrue(engine.explain(sequence).contains("pushdown=[client (the store computes no SEQUENCE_MATCH"),
          engine.explain(sequence));
      assertTrue(client.explain(plain).contains("pushdown=[client (funnel.pushdown=client)]"), client.explain(plain));
      assertTrue(onDuckDb.explain(plain).contains("pushdown=[client (the store computes no funnel in its SQL)]"),
          onDuckDb.explain(plain));
    }
  }
}
