package dev.funnelsql.calcite.source;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The event store's tables as Calcite looks them up, each answer (a table and its columns, a list of names) kept for
 * {@link EventStore#METADATA_KEPT_FOR_MILLIS} before the store is asked again. Calcite's JDBC schema asks the store's
 * metadata on every statement it plans (the table list, then each table and its columns), which costs more than a
 * small query on DuckDB (about 50 ms a call) and one call per table of the schema on PostgreSQL.
 */
final class RecentTables implements Lookup<Table> {
  private final Lookup<Table> store;
  private final long keptForNanos;
  private final LongSupplier clock;
  private @Nullable Answers answers;

  /** The answers read since {@link #readAt}, each absent answer kept as an empty Optional. */
  private static final class Answers {
    final long readAt;
    final Map<String, Optional<Table>> exact = new ConcurrentHashMap<>();
    final Map<String, Optional<Named<Table>>> ignoringCase = new ConcurrentHashMap<>();
    final Map<String, Set<String>> names = new ConcurrentHashMap<>();

    Answers(long readAt) {
      this.readAt = readAt;
    }
  }

  RecentTables(Lookup<Table> store, long keptForMillis, LongSupplier clock) {
    this.store = store;
    this.keptForNanos = keptForMillis * 1_000_000L;
    this.clock = clock;
  }

  private synchronized Answers answers() {
    final long now = clock.getAsLong();
    if (answers == null || now - answers.readAt >= keptForNanos) {
      answers = new Answers(now);
    }
    return answers;
  }

  @Override public @Nullable Table get(String name) {
    return answers().exact.computeIfAbsent(name, n -> Optional.ofNullable(store.get(n))).orElse(null);
  }

  @Override public @Nullable Named<Table> getIgnoreCase(String name) {
    return answers().ignoringCase.computeIfAbsent(name, n -> Optional.ofNullable(store.getIgnoreCase(n)))
        .orElse(null);
  }

  @Override public Set<String> getNames(LikePattern pattern) {
    return answers().names.computeIfAbsent(pattern.pattern, p -> Set.copyOf(store.getNames(pattern)));
  }
}
