package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.funnelsql.calcite.testing.AdapterConnection;
import dev.funnelsql.calcite.testing.AdapterConnections;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Tests that hold an engine (Trino, Spark) to DuckDB, whose answers the reference tests hold to brute force: the same
 * random events in both, created once per test class; each engine's test class names its engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineAgainstDuckDb {
  private Store engine;
  private Store duckDb;

  /** The engine under test. */
  abstract StoreKind kind();

  /** The random events both stores hold. */
  abstract List<TestEvent> events();

  /** Creates both stores and checks that each holds every event, so that no comparison runs on a partial load. */
  @BeforeAll
  void createStores() throws SQLException {
    final List<TestEvent> events = events();
    engine = TestEvent.store(kind(), events);
    duckDb = TestEvent.store(StoreKind.DUCKDB, events);
    for (Store store : List.of(engine, duckDb)) {
      try (AdapterConnection connection = AdapterConnections.open(store)) {
        assertEquals(List.of(List.of((long) events.size())), connection.rows("SELECT COUNT(*) FROM events"),
            store.kind() + " holds every event");
      }
    }
  }

  /** The engine's store of the random events. */
  Store engine() {
    return engine;
  }

  /** DuckDB's store of the same events. */
  Store duckDb() {
    return duckDb;
  }

  /** Connection settings choosing where whole aggregates run ({@code funnel.pushdown}). */
  static Properties pushdown(String value) {
    final Properties properties = new Properties();
    properties.setProperty("funnel.pushdown", value);
    return properties;
  }

  /** The model's tables as the connection's metadata lists them, {@code schema.table}, sorted. */
  static List<String> modelTables(AdapterConnection connection) throws SQLException {
    final List<String> tables = new ArrayList<>();
    for (String schema : List.of("funnels", "segments", "cohorts", "paths")) {
      try (ResultSet rows = connection.connection().getMetaData().getTables(null, schema, "%", null)) {
        while (rows.next()) {
          tables.add(schema + "." + rows.getString("TABLE_NAME"));
        }
      }
    }
    tables.sort(Comparator.naturalOrder());
    return tables;
  }
}
