package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.BinaryCopy;
import java.sql.SQLException;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Step rows as the store copies them out in bulk ({@link BinaryCopy}, PostgreSQL's binary {@code COPY}), each row's
 * columns parsed into numbers and strings instead of read through a driver getter per column. Used where there is one
 * key, an integer or a string, or none.
 */
final class CopyStepRows implements StepRowSource {
  private final SourceQuery query;
  private final BinaryCopy.CopiedRows rows;
  private final boolean keyed;
  /** Whether the one key is a string (else an integer). */
  private final boolean textKey;
  private final int timeIndex;
  private final int maskIndex;
  private final int valueIndex;
  private final boolean keepOthers;
  private final boolean numbered;
  private final long[] values;
  private final @Nullable String[] texts;
  private final boolean[] nulls;
  private int sinceCheck;

  /** Reads the copied rows of a query ({@link SourceQuery#copied()}, not null) laid out as {@code layout}. */
  CopyStepRows(SourceQuery query, RowLayout layout, boolean keepOthers) {
    final SourceQuery.@Nullable Copied copied = query.copied();
    if (copied == null) {
      throw new IllegalStateException("the step rows are not copied in bulk");
    }
    this.query = query;
    this.rows = copied.rows();
    this.keyed = !layout.keyKinds().isEmpty();
    this.textKey = keyed && layout.keyKinds().get(0) == ColumnKind.VARCHAR;
    this.timeIndex = layout.timeKind() == null ? -1 : layout.timeColumn() - 1;
    this.maskIndex = layout.maskColumn() - 1;
    this.valueIndex = layout.valueColumn() - 1;
    this.keepOthers = keepOthers;
    this.numbered = layout.numbered();
    this.values = new long[copied.formats().size()];
    this.texts = new String[values.length];
    this.nulls = new boolean[values.length];
  }

  /**
   * Whether a step scan's rows may be copied in bulk: the connection allows it, the store has a copy, there is one
   * key, an integer or a string, or none, and the time is an integer or a TIMESTAMP (the mask and a value, or its
   * number, always may be). The store still describes the query before the copy starts, and a column it would send
   * otherwise (a {@code timestamptz}) has the rows read through the getters.
   */
  static boolean reads(RowLayout layout, StoreQuery query, StepScanSettings settings) {
    final List<ColumnKind> keys = layout.keyKinds();
    final @Nullable TimeKind time = layout.timeKind();
    return settings.columnar() && query.copy() != null
        && (keys.isEmpty()
            || keys.size() == 1 && (keys.get(0).integral() || keys.get(0) == ColumnKind.VARCHAR))
        && (time == null || time == TimeKind.INTEGER || time == TimeKind.TIMESTAMP);
  }

  @Override public boolean fill(RowBatch batch) throws SQLException {
    final boolean[] events = batch.events;
    final int @Nullable [] numbers = valueIndex >= 0 && numbered ? batch.numbers() : null;
    final @Nullable String @Nullable [] strings = valueIndex >= 0 && !numbered ? batch.texts() : null;
    int n = 0;
    while (n < RowBatch.CAPACITY) {
      if (++sinceCheck == RowBatch.CAPACITY) {
        sinceCheck = 0;
        query.check();
      }
      if (!rows.next(values, texts, nulls)) {
        batch.size = n;
        return false;
      }
      if (textKey) {
        batch.values()[n] = nulls[0] ? null : texts[0];
      } else if (keyed) {
        batch.keys[n] = values[0];
        batch.keyNull[n] = nulls[0];
      }
      boolean event = true;
      if (timeIndex >= 0) {
        batch.times[n] = values[timeIndex];
        event = !nulls[timeIndex];
      }
      final int mask = nulls[maskIndex] ? 0 : (int) values[maskIndex];
      batch.masks[n] = mask;
      events[n] = event && (mask != 0 || keepOthers);
      if (numbers != null) {
        numbers[n] = nulls[valueIndex] ? -1 : SourceQuery.checkedNumber(values[valueIndex]);
      } else if (strings != null) {
        strings[n] = nulls[valueIndex] ? null : texts[valueIndex];
      }
      n++;
    }
    batch.size = n;
    return true;
  }

  @Override public void close() {
    // The copy belongs to the query, which its owner closes.
  }
}
