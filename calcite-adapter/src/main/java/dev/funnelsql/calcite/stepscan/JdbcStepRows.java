package dev.funnelsql.calcite.stepscan;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Step rows read through the store driver's getters, one row and column at a time: every store can do this. */
final class JdbcStepRows implements StepRowSource {
  private final SourceQuery query;
  private final ResultSet rows;
  private final GroupKeys keys;
  private final @Nullable TimeColumn time;
  private final int maskColumn;
  private final int valueColumn;
  private final boolean numbered;
  private final boolean keepOthers;

  /** Reads the rows of a query; the parameters are those of {@link StepRowReader}'s constructor. */
  JdbcStepRows(SourceQuery query, GroupKeys keys, @Nullable TimeColumn time, int maskColumn, int valueColumn,
      boolean numbered, boolean keepOthers) {
    this.query = query;
    this.rows = query.rows();
    this.keys = keys;
    this.time = time;
    this.maskColumn = maskColumn;
    this.valueColumn = valueColumn;
    this.numbered = numbered;
    this.keepOthers = keepOthers;
  }

  @Override public boolean fill(RowBatch batch) throws SQLException {
    final @Nullable String[] texts = valueColumn > 0 && !numbered ? batch.texts() : null;
    final int @Nullable [] numbers = numbered ? batch.numbers() : null;
    int n = 0;
    boolean more = true;
    while (n < RowBatch.CAPACITY && (more = query.next())) {
      keys.read(rows, batch, n);
      boolean event = true;
      if (time != null) {
        batch.times[n] = time.read(rows);
        event = !time.wasNull();
      }
      final int mask = (int) rows.getLong(maskColumn);
      batch.masks[n] = mask;
      batch.events[n] = event && (mask != 0 || keepOthers);
      if (texts != null) {
        texts[n] = rows.getString(valueColumn);
      } else if (numbers != null) {
        final long number = rows.getLong(valueColumn);
        numbers[n] = rows.wasNull() ? -1 : SourceQuery.checkedNumber(number);
      }
      n++;
    }
    batch.size = n;
    return more;
  }

  @Override public void close() {
    // The query belongs to the reader's owner.
  }
}
