package dev.funnelsql.calcite.prepare;

import dev.funnelsql.calcite.resultcache.CacheScope;
import dev.funnelsql.calcite.source.EventStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.jdbc.CalciteSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The plans that the connections of one {@link CacheScope} share in this JVM (same model, store, credentials and
 * settings): a new connection, as each session of the wire server is, runs a statement another connection prepared
 * without parsing, validating and planning it again, so a dashboard's reload is answered from the result cache in
 * well under 50 ms even on a new connection, and with the cache off it still does not plan. A plan executes against
 * the connection that runs it (its tables and store are found through the execution's root schema), and it is kept
 * as long as the store's metadata is believed ({@link EventStore#METADATA_KEPT_FOR_MILLIS}), or the result cache's
 * {@code cache.ttl} if longer, because it reads the store's tables as they were when it was prepared.
 */
final class SharedPlans {
  private static final int MAX_SCOPES = 64;
  private static final int MAX_PLANS = 256;
  private static final Map<String, SharedPlans> BY_SCOPE = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, SharedPlans> eldest) {
      return size() > MAX_SCOPES;
    }
  };

  /** A plan and when it stops being shared (in {@link System#nanoTime} terms). */
  private record Entry(CalciteSignature<?> plan, long expiresAt) {
  }

  private final long ttlNanos;
  private final LongSupplier clock;
  private final Map<PlanCache.Key, Entry> plans = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<PlanCache.Key, Entry> eldest) {
      return size() > MAX_PLANS;
    }
  };

  SharedPlans(long ttlMillis, LongSupplier clock) {
    this.ttlNanos = ttlMillis * 1_000_000L;
    this.clock = clock;
  }

  /** The plans shared by the connections of {@code root}'s scope, or null when it has none (no FunnelSQL scope). */
  static @Nullable SharedPlans of(CalciteSchema root) {
    final @Nullable CacheScope scope = CacheScope.of(root);
    if (scope == null) {
      return null;
    }
    final long keptFor = Math.max(EventStore.METADATA_KEPT_FOR_MILLIS, scope.settings().ttlMillis());
    synchronized (BY_SCOPE) {
      return BY_SCOPE.computeIfAbsent(scope.planSharingKey(), key -> new SharedPlans(keptFor, System::nanoTime));
    }
  }

  /** The plan kept for {@code key}, running against {@code root}'s connection, or null (none, or expired). */
  synchronized <T> @Nullable CalciteSignature<T> get(PlanCache.Key key, CalciteSchema root) {
    final @Nullable Entry entry = plans.get(key);
    if (entry == null) {
      return null;
    }
    if (clock.getAsLong() - entry.expiresAt() >= 0) {
      plans.remove(key);
      return null;
    }
    @SuppressWarnings("unchecked")
    final CalciteSignature<T> plan = (CalciteSignature<T>) entry.plan();
    return plan.rootSchema == root ? plan : runningAgainst(plan, root);
  }

  /** Keeps a plan for the other connections of the scope. */
  synchronized void put(PlanCache.Key key, CalciteSignature<?> plan) {
    plans.put(key, new Entry(plan, clock.getAsLong() + ttlNanos));
  }

  /** The same plan, executed with {@code root} as the root schema of its executions (the connection's tables). */
  static <T> CalciteSignature<T> runningAgainst(CalciteSignature<T> plan, CalciteSchema root) {
    return new CalciteSignature<>(plan.sql, plan.parameters, plan.internalParameters, plan.rowType, plan.columns,
        plan.cursorFactory, root, plan.getCollationList(), -1, plan::enumerable, plan.statementType);
  }
}
