package dev.funnelsql.calcite.prepare;

import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * reopened. Plans are also offered to, and taken from, the other connections of the same scope
 * ({@link SharedPlans}).
 *
 * <p>A plan shared by queries that differ only in their filter literals ({@link LiteralParameters}) is kept by the
 * text with those literals masked and by their types; a masked text whose plan cannot be shared is remembered, so
 * that its next variants are planned as they are without trying again.
 */
final class PlanCache {
  private static final int MAX_PLANS = 256;
  private static final Map<Schema, PlanCache> BY_ROOT = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<Key, CalciteSignature<?>> plans = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<Key, CalciteSignature<?>> eldest) {
      return size() > MAX_PLANS;
    }
  };

  private final Map<Key, Boolean> unshared = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
      return size() > MAX_PLANS;
    }
  };

  private final Map<String, Optional<LiteralTemplate>> templates = new LinkedHashMap<>(16, 0.75f, true) {
    @Override protected boolean removeEldestEntry(Map.Entry<String, Optional<LiteralTemplate>> eldest) {
      return size() > MAX_PLANS;
    }
  };

  /**
   * What makes two preparations the same: the SQL (with its filter literals masked, if their types are given), the
   * default schema, the row limit and the row class.
   */
  record Key(String sql, List<String> literalTypes, List<String> schemaPath, long maxRowCount,
      Type elementType) {
    Key {
      literalTypes = List.copyOf(literalTypes);
      schemaPath = List.copyOf(schemaPath);
      Objects.requireNonNull(elementType);
    }
  }

  private final CalciteSchema root;
  private final @Nullable SharedPlans shared;

  private PlanCache(CalciteSchema root, @Nullable SharedPlans shared) {
    this.root = root;
    this.shared = shared;
  }

  /** The cache of the connection whose root schema (or a snapshot of it, which shares its schema) is {@code root}. */
  static PlanCache of(CalciteSchema root) {
    return BY_ROOT.computeIfAbsent(root.schema, r -> new PlanCache(root, SharedPlans.of(root)));
  }

  /**
   * The plan of a key: this connection's, or one another connection of its scope prepared (then kept here too),
   * or null.
   */
  @SuppressWarnings("unchecked")
  private <T> @Nullable CalciteSignature<T> lookUp(Key key) {
    @Nullable CalciteSignature<T> plan = (CalciteSignature<T>) plans.get(key);
    if (plan == null && shared != null) {
      plan = shared.get(key, root);
      if (plan != null) {
        plans.put(key, plan);
      }
    }
    return plan;
  }

  private void keep(Key key, CalciteSignature<?> plan) {
    plans.put(key, plan);
    if (shared != null) {
      shared.put(key, plan);
    }
  }

  /**
   * Drops the plans of a connection that closed. (The map is weak, but a plan refers to its connection's root
   * schema, so without this an entry would keep itself alive.)
   */
  static void forget(CalciteSchema root) {
    BY_ROOT.remove(root.schema);
  }

  /** A plan prepared earlier for the same statement, or null. */
  synchronized <T> @Nullable CalciteSignature<T> get(String sql, List<String> schemaPath, long maxRowCount,
      Type elementType) {
    return lookUp(new Key(sql, List.of(), schemaPath, maxRowCount, elementType));
  }

  /** The plan shared by the variants of a query whose filter literals are parameters, or null. */
  synchronized <T> @Nullable CalciteSignature<T> getShared(LiteralParameters query, List<String> schemaPath,
      long maxRowCount, Type elementType) {
    return lookUp(sharedKey(query, schemaPath, maxRowCount, elementType));
  }

  /** Keeps the plan shared by the variants of a query. */
  synchronized void putShared(LiteralParameters query, List<String> schemaPath, long maxRowCount, Type elementType,
      CalciteSignature<?> plan) {
    keep(sharedKey(query, schemaPath, maxRowCount, elementType), plan);
  }

  /** Remembers that the variants of a query cannot share a plan. */
  synchronized void refuseSharing(LiteralParameters query, List<String> schemaPath, long maxRowCount,
      Type elementType) {
    unshared.put(sharedKey(query, schemaPath, maxRowCount, elementType), Boolean.TRUE);
  }

  /** Whether the variants of a query were found unable to share a plan. */
  synchronized boolean isUnshared(LiteralParameters query, List<String> schemaPath, long maxRowCount,
      Type elementType) {
    return unshared.containsKey(sharedKey(query, schemaPath, maxRowCount, elementType));
  }

  /** The template of a statement shape's parameters (empty: the shape has none), or null if none was learnt. */
  @SuppressWarnings("NullableOptional")
  synchronized @Nullable Optional<LiteralTemplate> template(String shape) {
    return templates.get(shape);
  }

  /** Keeps the template of a statement shape's parameters (empty: statements of that shape must be parsed). */
  synchronized void putTemplate(String shape, Optional<LiteralTemplate> template) {
    templates.put(shape, template);
  }

  private static Key sharedKey(LiteralParameters query, List<String> schemaPath, long maxRowCount,
      Type elementType) {
    return new Key(query.keySql(), query.keyTypes(), schemaPath, maxRowCount, elementType);
  }

  /** Keeps a plan for the statement. */
  synchronized void put(String sql, List<String> schemaPath, long maxRowCount, Type elementType,
      CalciteSignature<?> plan) {
    keep(new Key(sql, List.of(), schemaPath, maxRowCount, elementType), plan);
  }

  /** The number of plans kept. */
  synchronized int size() {
    return plans.size();
  }
}
