package dev.funnelsql.calcite.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.source.EventStore;
import dev.funnelsql.calcite.testing.ClickHouseServer;
import dev.funnelsql.calcite.testing.SparkServer;
import dev.funnelsql.calcite.testing.TrinoServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Each store gets its own dialect, chosen from real connections; a store no dialect claims gets the generic one. */
class StoreDialectChoiceTest {
  private static final StoreDialects DIALECTS = StoreDialects.discover();

  /** Opens the store and checks the dialect chosen by URL, by product name, and the one its EventStore holds. */
  private static void assertChosen(String url, Class<? extends StoreDialect> expected) throws Exception {
    assertEquals(expected, DIALECTS.forUrl(url).getClass(), "by URL");
    try (Connection connection = DriverManager.getConnection(url, RealStores.credentials(url))) {
      final String product = connection.getMetaData().getDatabaseProductName();
      assertEquals(expected, DIALECTS.forStore("jdbc:some-proxy:" + url, product).getClass(), "by " + product);
    }
    try (EventStore store = EventStore.open(url, RealStores.credentials(url), null)) {
      assertEquals(expected, store.dialect().getClass(), "the event store's");
    }
  }

  @Test
  void h2GetsTheH2Dialect() throws Exception {
    assertChosen(RealStores.h2(), H2StoreDialect.class);
  }

  @Test
  void duckDbGetsTheDuckDbDialect() throws Exception {
    assertChosen(RealStores.duckDbFile(), DuckDbStoreDialect.class);
    assertChosen("jdbc:duckdb:", DuckDbStoreDialect.class);
  }

  @Test
  void postgresGetsThePostgresDialect() throws Exception {
    assertChosen(RealStores.postgres(), PostgresStoreDialect.class);
  }

  @Test
  void trinoGetsTheTrinoDialect() throws Exception {
    assertChosen(TrinoServer.url(), TrinoStoreDialect.class);
  }

  @Test
  void sparkGetsTheSparkDialect() throws Exception {
    assertChosen(SparkServer.url(), SparkStoreDialect.class);
  }

  @Test
  void clickHouseGetsTheClickHouseDialect() throws Exception {
    assertChosen(ClickHouseServer.url(), ClickHouseStoreDialect.class);
  }

  /**
   * The generic dialect still writes SQL for a store whose driver refuses the metadata Calcite reads a dialect from
   * (Spark's, through a Hive driver), where Calcite alone fails with "cannot deduce null collation".
   */
  @Test
  void theGenericDialectServesADriverThatRefusesMetadata() throws Exception {
    try (Connection connection = DriverManager.getConnection(SparkServer.url())) {
      assertEquals("\"t\"", GenericStoreDialect.INSTANCE.sqlDialect(connection.getMetaData()).quoteIdentifier("t"));
    }
  }

  @Test
  void anUnknownProductAndUrlGetTheGenericDialect() {
    assertSame(GenericStoreDialect.INSTANCE, DIALECTS.forStore("jdbc:sqlite:events.db", "SQLite"));
    assertSame(GenericStoreDialect.INSTANCE, DIALECTS.forUrl("jdbc:mysql://host/db"));
  }

  @Test
  void theProductNameDecidesOverTheUrl() {
    assertEquals(H2StoreDialect.class, DIALECTS.forStore("jdbc:duckdb:", "H2").getClass());
  }

  @Test
  void theBuiltInDialectsAreServiceProvidersLikeAnyOther() {
    final List<Class<?>> providers = new ArrayList<>();
    ServiceLoader.load(StoreDialect.class).stream().forEach(provider -> providers.add(provider.type()));
    assertEquals(List.of(H2StoreDialect.class, DuckDbStoreDialect.class, PostgresStoreDialect.class,
        TrinoStoreDialect.class, SparkStoreDialect.class, ClickHouseStoreDialect.class), providers);
  }

  @Test
  void h2IsSaidToHaveWindowFunctionsWhichCalciteDeniesIt() throws Exception {
    try (EventStore store = EventStore.open(RealStores.h2(), RealStores.credentials("jdbc:h2:"), null)) {
      assertTrue(store.capabilities().windowFunctions());
    }
  }

  @Test
  void onlyDuckDbHasTimesSentAsEpochMillisAndAWideMask() {
    for (StoreDialect dialect : List.of(new H2StoreDialect(), new PostgresStoreDialect(),
        GenericStoreDialect.INSTANCE)) {
      assertEquals(TimestampReading.LOCAL_DATE_TIME, dialect.timestampReading(), dialect.getClass().getName());
      assertEquals(false, dialect.wideMask(), dialect.getClass().getName());
    }
    assertEquals(TimestampReading.EPOCH_MILLIS, new DuckDbStoreDialect().timestampReading());
    assertTrue(new DuckDbStoreDialect().wideMask());
  }

  @Test
  void onlyH2LeavesOutTheKeyLane() {
    assertEquals(false, new H2StoreDialect().keyLaneWorthIt());
    assertTrue(new DuckDbStoreDialect().keyLaneWorthIt());
    assertTrue(new PostgresStoreDialect().keyLaneWorthIt());
    assertTrue(GenericStoreDialect.INSTANCE.keyLaneWorthIt());
  }

  @Test
  void onlyH2ComputesInTheJvmHeapSoItsMembershipsAreReadOneAtATime() {
    assertTrue(new H2StoreDialect().sharesTheJvmHeap());
    assertFalse(new DuckDbStoreDialect().sharesTheJvmHeap(), "DuckDB's memory is its own, outside the heap");
    assertFalse(new PostgresStoreDialect().sharesTheJvmHeap());
    assertFalse(GenericStoreDialect.INSTANCE.sharesTheJvmHeap());
  }
}
