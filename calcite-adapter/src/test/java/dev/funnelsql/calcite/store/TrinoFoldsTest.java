package dev.funnelsql.calcite.store;

import dev.funnelsql.calcite.testing.Store;
import dev.funnelsql.calcite.testing.StoreKind;
import dev.funnelsql.calcite.testing.TestEvent;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/**
 * Funnels and retention computed whole in Trino ({@link TrinoFolds}) give the client's answers
 * ({@link EngineFoldsParity}).
 */
class TrinoFoldsTest extends EngineFoldsParity {
  private static Store engine;
  private static Store duckDb;

  @BeforeAll
  static void createStores() throws SQLException {
    final List<TestEvent> events = events();
    engine = TestEvent.store(StoreKind.TRINO, events);
    duckDb = TestEvent.store(StoreKind.DUCKDB, events);
  }

  @Override Store engine() {
    return engine;
  }

  @Override Store duckDb() {
    return duckDb;
  }

  @Override boolean foldsByDefault() {
    return true;
  }
}
