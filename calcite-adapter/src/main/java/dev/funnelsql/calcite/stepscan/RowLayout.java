package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.TimestampReading;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The columns of a step query's rows: the group key columns, the time (unless the functions take none) and the
 * mask, and how the time is read.
 *
 * @param keyKinds the kinds of the key columns, in order
 * @param timeKind the kind of the time column, or null if the functions take no time (RETENTION)
 * @param timestamps how a TIMESTAMP time arrives and is read
 */
record RowLayout(List<ColumnKind> keyKinds, @Nullable TimeKind timeKind, TimestampReading timestamps) {
  RowLayout {
    keyKinds = List.copyOf(keyKinds);
  }

  /** The result-set column of the time (valid only if there is one). */
  int timeColumn() {
    return keyKinds.size() + 1;
  }

  /** The result-set column of the mask. */
  int maskColumn() {
    return keyKinds.size() + (timeKind == null ? 1 : 2);
  }
}
