package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.ColumnarExport;
import dev.funnelsql.calcite.store.TimestampReading;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The columns of a step query's rows: the group key columns, the time (unless the functions take none), the mask
 * and, if a function keeps a value with each row (SEQUENCE_NEXT_NODE's event column), that value, and how the time
 * is read.
 *
 * @param keyKinds the kinds of the key columns, in order
 * @param timeKind the kind of the time column, or null if the functions take no time (RETENTION)
 * @param timestamps how a TIMESTAMP time arrives and is read
 * @param value whether the rows end with a VARCHAR value column
 * @param numbered whether the rows in any order carry, instead of the value, its number (a BIGINT, NULL for NULL)
 *     given by the store, whose query {@link StoreQuery#numbering()} sends each distinct value once with its number
 *     (the ordered rows always carry the value)
 * @param columnar how the store's driver exports the rows as Arrow batches, or null to read them through its getters
 */
record RowLayout(List<ColumnKind> keyKinds, @Nullable TimeKind timeKind, TimestampReading timestamps, boolean value,
    boolean numbered, @Nullable ColumnarExport columnar) {
  RowLayout {
    keyKinds = List.copyOf(keyKinds);
  }

  /** The columns of rows without a value, read through the driver's getters. */
  RowLayout(List<ColumnKind> keyKinds, @Nullable TimeKind timeKind, TimestampReading timestamps) {
    this(keyKinds, timeKind, timestamps, false, false, null);
  }

  /** The result-set column of the time (valid only if there is one). */
  int timeColumn() {
    return keyKinds.size() + 1;
  }

  /** The result-set column of the mask. */
  int maskColumn() {
    return keyKinds.size() + (timeKind == null ? 1 : 2);
  }

  /** The result-set column of the value, or 0 if the rows have none. */
  int valueColumn() {
    return value ? maskColumn() + 1 : 0;
  }
}
