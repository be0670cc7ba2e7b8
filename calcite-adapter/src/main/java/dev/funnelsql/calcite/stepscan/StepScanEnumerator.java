package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.GroupEvaluator;
import dev.funnelsql.functions.grouping.EventBuffer;
import dev.funnelsql.functions.grouping.GroupedEvents;
import dev.funnelsql.functions.grouping.ValueIds;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One execution of a {@link StepScan}, yielding a row per group. By default it reads all step rows in the order the
 * store sends them, buckets them by group in compact arrays and then evaluates group after group; if the rows would
 * pass the connection's buffer limit (or {@code funnel.sort=source}), it has the store order them by key and time
 * instead and evaluates each group as its rows stream past, keeping only the current group's state. A row's value
 * (for SEQUENCE_NEXT_NODE) is kept as a number, its place in this execution's table of the distinct values — the
 * store's number where the store numbers them ({@link RowLayout#numbered()}), else that of {@link ValueIds} — and
 * given to the functions that take it as that table's one string.
 */
final class StepScanEnumerator implements Enumerator<@Nullable Object> {
  private static final Logger LOG = Logger.getLogger(StepScanEnumerator.class.getName());

  private final StepScan scan;
  private final DataContext root;
  private final DataSource source;
  private final GroupEvaluator[] evaluators;
  private final boolean[] readsOthers;
  /** Per function: whether it takes values or skips rows, and so is fed by {@link #feedSelected}. */
  private final boolean[] selects;
  private final int width;
  private final boolean scalar;
  private @Nullable Object current;
  private boolean started;

  // FunnelSQL orders the rows: the bucketed rows and the next group to evaluate.
  private @Nullable GroupKeys keys;
  private @Nullable GroupedEvents grouped;
  /** The distinct values by number; null if the rows have none. */
  private @Nullable String @Nullable [] values;
  private int nextGroup;

  // The store orders the rows: the open query and whether it is on a row of the next group.
  private @Nullable SourceQuery ordered;
  private @Nullable TimeColumn orderedTime;
  private boolean onRow;
  private boolean emittedAny;

  StepScanEnumerator(StepScan scan, DataContext root, DataSource source, boolean scalar) {
    this.scan = scan;
    this.scalar = scalar;
    this.root = root;
    this.source = source;
    this.evaluators = scan.newEvaluators();
    this.readsOthers = new boolean[evaluators.length];
    this.selects = new boolean[evaluators.length];
    for (int f = 0; f < evaluators.length; f++) {
      readsOthers[f] = scan.readsRowsMatchingNoCondition(f);
      selects[f] = scan.takesValue(f) || scan.skipMask(f) != 0;
    }
    this.width = scan.keyKinds().size() + evaluators.length;
  }

  @Override public @Nullable Object current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (!started) {
      started = true;
      if (scan.settings().sourceSort()) {
        openOrdered();
      } else if (!bucketAll()) {
        LOG.fine("step rows pass funnel.bufferLimit (" + scan.settings().bufferLimit() + " bytes) or cannot be packed: "
            + "the store orders them instead");
        openOrdered();
      }
    }
    return ordered != null ? nextOrderedGroup() : nextBucketedGroup();
  }

  private @Nullable TimeColumn timeColumn() {
    return scan.timeKind() == null ? null
        : new TimeColumn(scan.timeKind(), scan.timeColumn(), scan.timestamps());
  }

  /** Reads every step row into buckets; returns false (keeping nothing) if they would not fit the buffer limit. */
  private boolean bucketAll() {
    final GroupKeys groupKeys = GroupKeys.of(scan.keyKinds());
    final int valueColumn = scan.valueColumn();
    final boolean numbered = scan.numberedValues();
    final EventBuffer buffer = new EventBuffer(scan.maskBits(), valueColumn > 0);
    final @Nullable ValueIds ids = valueColumn > 0 && !numbered ? new ValueIds() : null;
    @Nullable String @Nullable [] table = null;
    final @Nullable TimeColumn time = timeColumn();
    final long limit = scan.settings().bufferLimit();
    final long start = System.nanoTime();
    try (SourceQuery query = SourceQuery.open(source, scan.sql(), scan.parameters(), root, scan.numbering(),
            scan.copy());
        StepRowReader reader = new StepRowReader(query, groupKeys, time, scan.plan().layout(),
            ArrowStepRows.reads(scan.plan().layout(), scan.settings()), anyReadsOthers())) {
      for (@Nullable RowBatch batch = reader.next(); batch != null; batch = reader.next()) {
        final long keyBytes = batch.keyBytes;
        if (numbered) {
          final int[] numbers = batch.numbers();
          for (int i = 0; i < batch.size; i++) {
            final int id = batch.ids[i];
            if (batch.events[i] && !buffer.add(id, batch.times[i], batch.masks[i], numbers[i])) {
              return false;
            }
          }
        } else if (ids == null) {
          for (int i = 0; i < batch.size; i++) {
            final int id = batch.ids[i];
            if (batch.events[i] && !buffer.add(id, batch.times[i], batch.masks[i])) {
              return false;
            }
          }
        } else if (!bucketWithValues(batch, buffer, ids)) {
          return false;
        }
        reader.recycle(batch);
        if (buffer.bytes() + keyBytes + (ids == null ? 0 : ids.bytes()) > limit) {
          return false;
        }
      }
      if (numbered) {
        table = query.numberedValues();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading step rows", e);
    }
    final long bytes = buffer.bytes() + groupKeys.bytes() + (ids == null ? 0 : ids.bytes());
    if (bytes > limit) {
      return false;
    }
    keys = groupKeys;
    if (ids != null) {
      table = new String[ids.size()];
      for (int i = 0; i < table.length; i++) {
        table[i] = ids.value(i);
      }
    }
    values = table;
    final long rowCount = buffer.size();
    final long read = System.nanoTime();
    grouped = buffer.groupBy(groupKeys.size());
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine("step scan bucketed " + rowCount + " rows of " + groupKeys.size() + " groups" + (table == null ? ""
          : " with values " + (numbered ? "numbered by the store" : "numbered here, " + table.length + " distinct"))
          + " (" + bytes + " bytes): read in "
          + (read - start) / 1_000_000 + " ms, grouped in " + (System.nanoTime() - read) / 1_000_000 + " ms");
    }
    return true;
  }

  /** Buckets a batch's rows with the ids of their values (-1 for NULL); false if a row cannot be packed. */
  private static boolean bucketWithValues(RowBatch batch, EventBuffer buffer, ValueIds ids) {
    final @Nullable String[] texts = batch.texts();
    for (int i = 0; i < batch.size; i++) {
      final int id = batch.ids[i];
      if (batch.events[i]) {
        final @Nullable String text = texts[i];
        if (!buffer.add(id, batch.times[i], batch.masks[i], text == null ? -1 : ids.idOf(text))) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean anyReadsOthers() {
    for (boolean reads : readsOthers) {
      if (reads) {
        return true;
      }
    }
    return false;
  }

  private boolean nextBucketedGroup() {
    final GroupedEvents events = grouped;
    final GroupKeys groupKeys = keys;
    if (events == null || groupKeys == null || nextGroup >= events.groupCount()) {
      release();
      return false;
    }
    final int g = nextGroup++;
    if ((g & 0xFFF) == 0) {
      CancelWatch.check(DataContext.Variable.CANCEL_FLAG.get(root));
    }
    events.sortGroup(g);
    final int from = events.from(g);
    final int to = events.to(g);
    for (int f = 0; f < evaluators.length; f++) {
      final GroupEvaluator evaluator = evaluators[f];
      evaluator.reset();
      if (selects[f]) {
        feedSelected(f, events, from, to);
        continue;
      }
      for (int i = from; i < to && !evaluator.stopped(); i++) {
        final int mask = scan.maskOf(f, events.mask(i));
        if (mask != 0 || readsOthers[f]) {
          evaluator.accept(events.time(i), mask);
        }
      }
    }
    final @Nullable Object[] row = new Object[width];
    groupKeys.write(g, row);
    emit(row);
    return true;
  }

  /**
   * Feeds function {@code f} the rows {@code from..to} of a group that it does not skip, with their values if it takes
   * them (a row whose value is NULL is skipped).
   */
  private void feedSelected(int f, GroupedEvents events, int from, int to) {
    final GroupEvaluator evaluator = evaluators[f];
    final int skip = scan.skipMask(f);
    final @Nullable String @Nullable [] dictionary = scan.takesValue(f) ? values : null;
    for (int i = from; i < to && !evaluator.stopped(); i++) {
      final int row = events.mask(i);
      if ((row & skip) != 0) {
        continue;
      }
      final int mask = scan.maskOf(f, row);
      if (mask == 0 && !readsOthers[f]) {
        continue;
      }
      if (dictionary == null) {
        evaluator.accept(events.time(i), mask);
      } else {
        final int value = events.value(i);
        if (value >= 0) {
          evaluator.accept(events.time(i), mask, valueOf(dictionary, value));
        }
      }
    }
  }

  private static String valueOf(@Nullable String[] dictionary, int number) {
    final @Nullable String value = number < dictionary.length ? dictionary[number] : null;
    if (value == null) {
      throw new IllegalStateException("the event store sent the value number " + number + " without its value");
    }
    return value;
  }

  private void openOrdered() {
    final SourceQuery query = SourceQuery.open(source, scan.orderedSql(), scan.orderedParameters(), root);
    ordered = query;
    orderedTime = timeColumn();
    keys = GroupKeys.of(scan.keyKinds());
    onRow = query.next();
    if (onRow) {
      startsGroup(query);
    }
  }

  private boolean startsGroup(SourceQuery query) {
    try {
      return keys.next(query.rows());
    } catch (SQLException e) {
      throw query.failure(e);
    }
  }

  private boolean nextOrderedGroup() {
    final SourceQuery query = ordered;
    if (query == null || !onRow) {
      if (!emittedAny && scan.keyKinds().isEmpty()) {
        // An aggregate without GROUP BY returns one row even when there are no rows.
        for (GroupEvaluator evaluator : evaluators) {
          evaluator.reset();
        }
        emit(new Object[width]);
        return true;
      }
      release();
      return false;
    }
    final @Nullable Object[] row = new Object[width];
    keys.writeCurrent(row);
    for (GroupEvaluator evaluator : evaluators) {
      evaluator.reset();
    }
    final ResultSet rows = query.rows();
    final int maskColumn = scan.maskColumn();
    final int valueColumn = scan.valueColumn();
    final @Nullable TimeColumn time = orderedTime;
    try {
      do {
        long t = 0;
        if (time != null) {
          t = time.read(rows);
        }
        if (time == null || !time.wasNull()) {
          final int mask = (int) rows.getLong(maskColumn);
          final @Nullable String value = valueColumn > 0 ? rows.getString(valueColumn) : null;
          for (int f = 0; f < evaluators.length; f++) {
            final int own = scan.maskOf(f, mask);
            if ((own != 0 || readsOthers[f]) && !evaluators[f].stopped() && (mask & scan.skipMask(f)) == 0) {
              if (!scan.takesValue(f)) {
                evaluators[f].accept(t, own);
              } else if (value != null) {
                evaluators[f].accept(t, own, value);
              }
            }
          }
        }
        onRow = query.next();
      } while (onRow && !startsGroup(query));
    } catch (SQLException e) {
      throw query.failure(e);
    }
    emit(row);
    return true;
  }

  /** Completes a row with the functions' results and makes it current. */
  private void emit(@Nullable Object[] row) {
    final int offset = width - evaluators.length;
    for (int f = 0; f < evaluators.length; f++) {
      row[offset + f] = evaluators[f].result();
    }
    emittedAny = true;
    current = scalar ? row[0] : row;
  }

  private void release() {
    grouped = null;
    values = null;
    keys = null;
    if (ordered != null) {
      ordered.close();
      ordered = null;
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("a step scan is read once");
  }

  @Override public void close() {
    release();
  }
}
