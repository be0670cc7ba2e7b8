package dev.funnelsql.calcite.resultcache;

import dev.funnelsql.calcite.settings.SettingValues;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.calcite.linq4j.Enumerable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The results of recent queries, shared by every connection in the JVM, so that a dashboard card asked again (by
 * any session with the same {@link CacheScope}) is answered without running its query. Bounded: a result larger than
 * the asking connection's {@code cache.maxEntry} is not kept, and the total is held under a byte budget (system
 * property {@value #SIZE_PROPERTY}, default the smaller of 64 MB and a sixteenth of the heap) by dropping the least
 * recently used results. A result is kept for its connection's {@code cache.ttl} and served only to readers whose
 * own TTL it is younger than. Sessions that ask for a card while another computes it wait for that answer.
 */
public final class ResultCache {
  /** The system property that sets the total budget of the cache, e.g. {@code 256m}. */
  public static final String SIZE_PROPERTY = "funnelsql.cache.size";

  private static final Logger LOG = Logger.getLogger(ResultCache.class.getName());
  private static final ResultCache SHARED = new ResultCache(budget(System.getProperty(SIZE_PROPERTY)),
      System::nanoTime);

  private final long budget;
  private final LongSupplier nanos;
  private final LinkedHashMap<ResultKey, CachedRows> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<ResultKey, Flight> flights = new HashMap<>();
  private long bytes;

  ResultCache(long budget, LongSupplier nanos) {
    this.budget = budget;
    this.nanos = nanos;
  }

  /** The cache of this JVM. */
  public static ResultCache shared() {
    return SHARED;
  }

  static long budget(@Nullable String property) {
    final long fallback = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
    if (property == null || property.isBlank()) {
      return fallback;
    }
    try {
      return SettingValues.bytes(SIZE_PROPERTY, property, "64m or 1g");
    } catch (SQLException e) {
      LOG.warning(e.getMessage() + "; using " + fallback + " bytes");
      return fallback;
    }
  }

  /**
   * The result of the card {@code key}: kept rows if a fresh answer is cached, else the query's, kept on the way
   * when it fits.
   *
   * @param query runs the card's query (each call runs it again)
   * @param cancelled whether the asking statement was cancelled (it then stops waiting for another session)
   */
  <T> Enumerable<T> answer(ResultKey key, CacheSettings settings, Supplier<Enumerable<T>> query,
      BooleanSupplier cancelled) {
    final Flight flight;
    final boolean mine;
    synchronized (this) {
      final @Nullable CachedRows hit = fresh(key, settings);
      if (hit != null) {
        log("answered from the result cache: [", key, "]");
        return hit.enumerable();
      }
      final @Nullable Flight running = flights.get(key);
      mine = running == null;
      flight = mine ? new Flight() : running;
      if (mine) {
        flights.put(key, flight);
      }
    }
    if (!mine) {
      if (!flight.ownedBy(Thread.currentThread())) {
        final @Nullable CachedRows shared = flight.await(cancelled);
        if (shared != null) {
          log("answered from the result cache after another session computed it: [", key, "]");
          return shared.enumerable();
        }
      }
      return compute(key, settings, query, null);
    }
    return compute(key, settings, query, flight);
  }

  private <T> Enumerable<T> compute(ResultKey key, CacheSettings settings, Supplier<Enumerable<T>> query,
      @Nullable Flight flight) {
    final long start = nanos.getAsLong();
    @Nullable CachedRows kept = null;
    try {
      final Prefetch<T> prefetch = Prefetch.read(query.get(), settings.maxEntryBytes());
      if (!prefetch.complete()) {
        log("not keeping the result (larger than cache.maxEntry, or not copyable): [", key, "]");
        return prefetch.remainder(query);
      }
      kept = new CachedRows(prefetch.copies(), prefetch.bytes(), start,
          start + settings.ttlMillis() * 1_000_000L);
      keep(key, kept);
      return kept.enumerable();
    } finally {
      if (flight != null) {
        synchronized (this) {
          flights.remove(key, flight);
        }
        flight.finish(kept);
      }
    }
  }

  private @Nullable CachedRows fresh(ResultKey key, CacheSettings settings) {
    final @Nullable CachedRows entry = entries.get(key);
    final long now = nanos.getAsLong();
    if (entry == null) {
      return null;
    }
    if (entry.expired(now)) {
      remove(key);
      return null;
    }
    return entry.freshFor(now, settings.ttlMillis() * 1_000_000L) ? entry : null;
  }

  private synchronized void keep(ResultKey key, CachedRows rows) {
    final long now = nanos.getAsLong();
    for (Iterator<Map.Entry<ResultKey, CachedRows>> it = entries.entrySet().iterator(); it.hasNext();) {
      final Map.Entry<ResultKey, CachedRows> entry = it.next();
      if (entry.getValue().expired(now)) {
        bytes -= entry.getValue().bytes();
        it.remove();
      }
    }
    remove(key);
    if (rows.bytes() > budget) {
      return;
    }
    for (Iterator<Map.Entry<ResultKey, CachedRows>> it = entries.entrySet().iterator();
        bytes + rows.bytes() > budget && it.hasNext();) {
      bytes -= it.next().getValue().bytes();
      it.remove();
    }
    entries.put(key, rows);
    bytes += rows.bytes();
    log("kept " + rows.size() + " rows (" + rows.bytes() + " bytes) in the result cache: [", key, "]");
  }

  private void remove(ResultKey key) {
    final @Nullable CachedRows old = entries.remove(key);
    if (old != null) {
      bytes -= old.bytes();
    }
  }

  /** Forgets every kept result. */
  public synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  /** The number of results kept. */
  synchronized int size() {
    return entries.size();
  }

  /** The estimated bytes of the results kept. */
  synchronized long bytes() {
    return bytes;
  }

  private static void log(String what, ResultKey key, String end) {
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine(what + key.sql() + end);
    }
  }
}
