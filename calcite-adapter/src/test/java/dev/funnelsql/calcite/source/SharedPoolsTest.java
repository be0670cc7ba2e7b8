package dev.funnelsql.calcite.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.store.H2StoreDialect;
import dev.funnelsql.calcite.store.ReadOnlySetup;
import dev.funnelsql.calcite.store.StoreDialect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.sql.SqlDialect;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

/**
 * FunnelSQL connections to the same store and credentials share one pool, whose limit grows with them; the last one
 * to close closes it, unless the store's dialect keeps idle connections, which then close after that time.
 */
class SharedPoolsTest {
  private static Properties user(String name) {
    final Properties credentials = new Properties();
    credentials.setProperty("user", name);
    credentials.setProperty("password", "");
    return credentials;
  }

  @Test
  void connectionsToTheSameStoreShareAPoolThatTheLastOneCloses() throws Exception {
    final String url = "jdbc:h2:mem:shared_pools_a;DB_CLOSE_DELAY=-1";
    final SharedPools pools = new SharedPools();
    final H2StoreDialect dialect = new H2StoreDialect();
    final String sa = StoreMetadata.identity(url, user("sa"));
    final BasicDataSource first = pools.acquire(sa, url, user("sa"), dialect);
    final BasicDataSource second = pools.acquire(sa, url, user("sa"), dialect);
    assertSame(first, second);
    assertEquals(2 * SharedPools.CONNECTIONS_PER_USER, first.getMaxTotal(), "each connection adds to the limit");
    final String other = StoreMetadata.identity(url, user("other"));
    final BasicDataSource otherUser = pools.acquire(other, url, user("sa"), dialect);
    assertNotSame(first, otherUser, "other credentials, another pool");

    pools.release(sa, first);
    assertFalse(first.isClosed());
    assertEquals(SharedPools.CONNECTIONS_PER_USER, first.getMaxTotal());
    pools.release(sa, second);
    assertTrue(first.isClosed(), "the last connection closes an embedded store's pool at once");
    final BasicDataSource reopened = pools.acquire(sa, url, user("sa"), dialect);
    assertNotSame(first, reopened);
    pools.release(sa, reopened);
    pools.release(other, otherUser);
    assertTrue(otherUser.isClosed());
  }

  @Test
  void aStoreThatKeepsIdleConnectionsClosesThemAfterThatTime() throws Exception {
    final String url = "jdbc:h2:mem:shared_pools_b;DB_CLOSE_DELAY=-1";
    final SharedPools pools = new SharedPools();
    final H2StoreDialect h2 = new H2StoreDialect();
    final StoreDialect keeping = new StoreDialect() {
      @Override public boolean handlesUrl(String u) {
        return h2.handlesUrl(u);
      }

      @Override public boolean handlesProduct(String productName) {
        return h2.handlesProduct(productName);
      }

      @Override public SqlDialect sqlDialect(DatabaseMetaData metaData) {
        return h2.sqlDialect(metaData);
      }

      @Override public ReadOnlySetup readOnlySetup(String u) {
        return h2.readOnlySetup(u);
      }

      @Override public Duration idleConnectionsKept() {
        return Duration.ofMillis(400);
      }
    };
    final String sa = StoreMetadata.identity(url, user("sa"));
    final BasicDataSource pool = pools.acquire(sa, url, user("sa"), keeping);
    try (Connection ignored = pool.getConnection()) {
      assertEquals(1, pool.getNumActive());
    }
    pools.release(sa, pool);
    assertFalse(pool.isClosed(), "kept for the next connection");
    assertTrue(pool.getNumIdle() > 0);
    assertSame(pool, pools.acquire(sa, url, user("sa"), keeping), "the next connection reuses it");
    pools.release(sa, pool);
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (pool.getNumIdle() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(0, pool.getNumIdle(), "idle connections are closed after the kept time");
  }
}
