package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.testing.RandomEvents;
import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** FunnelSQL over Spark's Thrift server gives DuckDB's answers ({@link EngineStoreParity}). */
class SparkStoreTest extends EngineStoreParity {
  private static Store spark;
  private static Store duckDb;

  @BeforeAll
  static void createStores() throws SQLException {
    final List<TestEvent> events = RandomEvents.generate(2026L, 400, 16);
    spark = TestEvent.store(StoreKind.SPARK, events);
    duckDb = TestEvent.store(StoreKind.DUCKDB, events);
  }

  @Override Store engine() {
    return spark;
  }

  @Override Store duckDb() {
    return duckDb;
  }
}
