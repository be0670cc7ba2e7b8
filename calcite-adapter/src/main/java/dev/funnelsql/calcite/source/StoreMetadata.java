package dev.funnelsql.calcite.source;

import dev.funnelsql.calcite.resultcache.CacheScope;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The answers of an event store's catalog ({@code getTables}, {@code getColumns}) shared by every FunnelSQL
 * connection of this JVM to the same store with the same credentials, each kept for
 * {@link EventStore#METADATA_KEPT_FOR_MILLIS}. Calcite reads them for every connection, and DuckDB takes about 50 ms
 * to answer {@code getTables}, as long as many of the queries a dashboard sends.
 */
final class StoreMetadata {
  private static final Set<String> CACHED = Set.of("getTables", "getColumns");
  private static final int MAX_ANSWERS = 1024;

  /** Every store's answers in this JVM. */
  static final StoreMetadata JVM = new StoreMetadata(EventStore.METADATA_KEPT_FOR_MILLIS, System::nanoTime);

  /** One answer, read at {@code readAt} ({@link System#nanoTime} terms). */
  private record Answer(CachedRowSet rows, long readAt) {
  }

  private final long keptForNanos;
  private final LongSupplier clock;
  private final Map<String, Answer> answers = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
      return size() > MAX_ANSWERS;
    }
  };

  StoreMetadata(long keptForMillis, LongSupplier clock) {
    this.keptForNanos = keptForMillis * 1_000_000L;
    this.clock = clock;
  }

  /**
   * Who is asking: a salted digest of the store's URL and the credentials ({@link CacheScope.Builder}, never kept in
   * clear), so that stores and users that may see different tables never share answers.
   */
  static String identity(String url, Properties credentials) {
    return CacheScope.builder().add("store.url", url).add("store.user", credentials.getProperty("user"))
        .add("store.password", credentials.getProperty("password")).digest();
  }

  /** The store's catalog as {@code identity} sees it, answering the calls it keeps from this JVM's answers. */
  DatabaseMetaData of(String identity, DatabaseMetaData store) {
    return (DatabaseMetaData) Proxy.newProxyInstance(StoreMetadata.class.getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
          if (CACHED.contains(method.getName()) && method.getReturnType() == ResultSet.class) {
            return answer(identity + '|' + method.getName() + Arrays.deepToString(args), store, method, args);
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private ResultSet answer(String key, DatabaseMetaData store, Method method, @Nullable Object[] args)
      throws Throwable {
    synchronized (answers) {
      final @Nullable Answer kept = answers.get(key);
      if (kept != null && clock.getAsLong() - kept.readAt() < keptForNanos) {
        return kept.rows().createCopy();
      }
    }
    final CachedRowSet rows = RowSetProvider.newFactory().createCachedRowSet();
    try (ResultSet read = (ResultSet) method.invoke(store, args)) {
      rows.populate(LenientResultSet.of(read));
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    synchronized (answers) {
      answers.put(key, new Answer(rows, clock.getAsLong()));
      return rows.createCopy();
    }
  }
}
