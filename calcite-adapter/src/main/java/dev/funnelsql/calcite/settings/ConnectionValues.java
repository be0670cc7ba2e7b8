package dev.funnelsql.calcite.settings;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One value of a kind per open connection (its settings, its calendar, its cache scope), kept by the connection's
 * root {@link Schema}, which the snapshots a statement is prepared against share with the connection's own root, so
 * that planning finds the value of the connection it plans for; a value goes when its connection closes.
 *
 * @param <T> the kind of value
 */
public final class ConnectionValues<T> {
  private final Map<Schema, T> byRoot = Collections.synchronizedMap(new WeakHashMap<>());

  /** Records the value of the connection whose root schema is {@code root}. */
  public void put(CalciteSchema root, T value) {
    byRoot.put(root.schema, value);
  }

  /** Forgets the value of a connection that closed. */
  public void remove(CalciteSchema root) {
    byRoot.remove(root.schema);
  }

  /** The value of the connection whose root schema (or a snapshot of it) is {@code root}, or null. */
  public @Nullable T get(@Nullable CalciteSchema root) {
    return root == null ? null : byRoot.get(root.schema);
  }
}
