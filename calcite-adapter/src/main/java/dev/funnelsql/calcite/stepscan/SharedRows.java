package dev.funnelsql.calcite.stepscan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The result of a step scan that one plan runs several times (a funnel summary reads its funnel table once per
 * part: steps, counts, medians, each breakdown): the first run in an execution keeps its rows, the others replay
 * them, so the store is scanned once per execution. Rows are kept until the execution's {@link DataContext} is gone.
 */
final class SharedRows {
  private final Map<DataContext, List<@Nullable Object>> byExecution = Collections.synchronizedMap(new WeakHashMap<>());

  /** The rows of this execution, computed by {@code run} on first use. */
  Enumerable<@Nullable Object> of(DataContext root, Supplier<Enumerator<@Nullable Object>> run) {
    final @Nullable List<@Nullable Object> kept = byExecution.get(root);
    if (kept != null) {
      return Linq4j.asEnumerable(kept);
    }
    final List<@Nullable Object> rows = new ArrayList<>();
    try (Enumerator<@Nullable Object> enumerator = run.get()) {
      while (enumerator.moveNext()) {
        rows.add(enumerator.current());
      }
    }
    byExecution.put(root, rows);
    return Linq4j.asEnumerable(rows);
  }
}
