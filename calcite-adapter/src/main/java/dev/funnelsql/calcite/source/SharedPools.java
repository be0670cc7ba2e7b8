package dev.funnelsql.calcite.source;

import dev.funnelsql.calcite.store.StoreDialect;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * The event stores' connection pools, one per store URL and credentials ({@link StoreMetadata#identity}), shared by
 * the FunnelSQL connections of this JVM: a new FunnelSQL connection (each session of the wire server is one) reuses
 * the store connections an earlier one opened, instead of a fresh server session whose first queries are slower. Each
 * FunnelSQL connection adds {@link #CONNECTIONS_PER_USER} to the pool's limit while it is open. When the last one
 * closes, the pool closes at once, or, where the store's dialect says so ({@link StoreDialect#idleConnectionsKept}),
 * its idle connections stay for that long and are closed then.
 */
final class SharedPools {
  /** What each FunnelSQL connection adds to its store pool's limit: as many as it had in a pool of its own. */
  static final int CONNECTIONS_PER_USER = 8;

  /** The pools of this JVM. */
  static final SharedPools JVM = new SharedPools();

  /** One store's pool and how many FunnelSQL connections use it. */
  private static final class Shared {
    final BasicDataSource pool;
    final Duration idleKept;
    int users;

    Shared(BasicDataSource pool, Duration idleKept) {
      this.pool = pool;
      this.idleKept = idleKept;
    }
  }

  private final Map<String, Shared> pools = new HashMap<>();

  /** The pool of the store {@code identity} names, opened (and checked to answer) if none is open. */
  BasicDataSource acquire(String identity, String url, Properties credentials, StoreDialect dialect)
      throws SQLException {
    synchronized (this) {
      final Shared shared = pools.get(identity);
      if (shared != null && !shared.pool.isClosed()) {
        return use(shared);
      }
    }
    final BasicDataSource opened = SourcePool.open(url, credentials, dialect);
    final Duration kept = dialect.idleConnectionsKept();
    if (!kept.isZero()) {
      opened.setMinEvictableIdle(kept);
      opened.setDurationBetweenEvictionRuns(kept.dividedBy(4));
    }
    synchronized (this) {
      final Shared shared = pools.get(identity);
      if (shared != null && !shared.pool.isClosed()) {
        // Another connection opened the same store meanwhile: use its pool.
        SourcePool.closeQuietly(opened);
        return use(shared);
      }
      final Shared created = new Shared(opened, kept);
      pools.put(identity, created);
      return use(created);
    }
  }

  private static BasicDataSource use(Shared shared) {
    shared.users++;
    shared.pool.setMaxTotal(CONNECTIONS_PER_USER * shared.users);
    return shared.pool;
  }

  /** One FunnelSQL connection no longer uses {@code pool}; the last one closes it, or leaves its idle connections. */
  void release(String identity, BasicDataSource pool) {
    final boolean close;
    synchronized (this) {
      final Shared shared = pools.get(identity);
      if (shared == null || shared.pool != pool) {
        close = true;
      } else {
        shared.users--;
        if (shared.users > 0) {
          pool.setMaxTotal(CONNECTIONS_PER_USER * shared.users);
          close = false;
        } else if (shared.idleKept.isZero()) {
          pools.remove(identity);
          close = true;
        } else {
          pool.setMaxTotal(CONNECTIONS_PER_USER);
          close = false;
        }
      }
    }
    if (close) {
      SourcePool.closeQuietly(pool);
    }
  }
}
