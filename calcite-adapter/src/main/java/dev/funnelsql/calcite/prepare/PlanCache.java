package dev.funnelsql.calcite.prepare;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The prepared plans of one connection, by SQL text: a dashboard that runs the same statements again and again
 * (each time through a new {@code Statement}, as BI tools do) pays Calcite's parse, validation, planning and code
 * generation once. Bounded (least recently used out) and dropped with the connection; a plan reads the store's
 * tables as they were when it was prepared, so a connection opened before the store's tables changed should be
 * reopened.
 */
final class PlanCache {
  private static final int MAX_PLANS = 256;
  private static final Map<Schema, PlanCache> BY_ROOT = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<Key, CalciteSignature<?>> plans = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<Key, CalciteSignature<?>> eldest) {
      return size() > MAX_PLANS;
    }
  };

  /** What makes two preparations the same: the SQL, the default schema, the row limit and the row class. */
  private record Key(String sql, List<String> schemaPath, long maxRowCount, Type elementType) {
  }

  /** The cache of the connection whose root schema (or a snapshot of it, which shares its schema) is {@code root}. */
  static PlanCache of(CalciteSchema root) {
    return BY_ROOT.computeIfAbsent(root.schema, r -> new PlanCache());
  }

  /**
   * Drops the plans of a connection that closed. (The map is weak, but a plan refers to its connection's root
   * schema, so without this an entry would keep itself alive.)
   */
  static void forget(CalciteSchema root) {
    BY_ROOT.remove(root.schema);
  }

  /** A plan prepared earlier for the same statement, or null. */
  @SuppressWarnings("unchecked")
  synchronized <T> @Nullable CalciteSignature<T> get(String sql, List<String> schemaPath, long maxRowCount,
      Type elementType) {
    return (CalciteSignature<T>) plans.get(new Key(sql, schemaPath, maxRowCount, elementType));
  }

  /** Keeps a plan for the statement. */
  synchronized void put(String sql, List<String> schemaPath, long maxRowCount, Type elementType,
      CalciteSignature<?> plan) {
    plans.put(new Key(sql, List.copyOf(schemaPath), maxRowCount, Objects.requireNonNull(elementType)), plan);
  }

  /** The number of plans kept. */
  synchronized int size() {
    return plans.size();
  }
}
