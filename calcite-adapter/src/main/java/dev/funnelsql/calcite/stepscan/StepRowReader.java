package dev.funnelsql.calcite.stepscan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads the store's step rows on a thread of its own, in batches, while the caller buckets the batches already
 * read: the driver's per-row getters and FunnelSQL's grouping then run on two cores at once.
 */
final class StepRowReader implements AutoCloseable {
  private static final int BATCHES = 4;
  private static final long POLL_MILLIS = 50;
  private static final ExecutorService THREADS = Executors.newCachedThreadPool(runnable -> {
    final Thread thread = new Thread(runnable, "funnelsql-step-reader");
    thread.setDaemon(true);
    return thread;
  });
  /** Marks the end of the rows. */
  private static final RowBatch END = new RowBatch();

  private final BlockingQueue<RowBatch> free = new ArrayBlockingQueue<>(BATCHES);
  private final BlockingQueue<RowBatch> ready = new ArrayBlockingQueue<>(BATCHES + 1);
  private final Future<?> task;
  private volatile boolean stop;

  /**
   * Starts reading.
   *
   * @param query the store query, positioned before its first row
   * @param keys how to read the key columns
   * @param time the time column, or null
   * @param maskColumn the mask column
   * @param valueColumn the value column, or 0 if there is none
   * @param numbered whether the value column holds the store's numbers of the values ({@link RowLayout#numbered()}),
   *     read with {@code getLong}, rather than the VARCHAR values, read with {@code getString}
   * @param keepOthers whether rows that match no condition are events too
   */
  StepRowReader(SourceQuery query, GroupKeys keys, @Nullable TimeColumn time, int maskColumn, int valueColumn,
      boolean numbered, boolean keepOthers) {
    for (int i = 0; i < BATCHES; i++) {
      free.add(new RowBatch());
    }
    task = THREADS.submit(() -> {
      read(query, keys, time, maskColumn, valueColumn, numbered, keepOthers);
      return null;
    });
  }

  private void read(SourceQuery query, GroupKeys keys, @Nullable TimeColumn time, int maskColumn, int valueColumn,
      boolean numbered, boolean keepOthers) throws InterruptedException {
    final ResultSet rows = query.rows();
    boolean more = true;
    try {
      while (more && !stop) {
        final @Nullable RowBatch batch = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (batch == null) {
          continue;
        }
        int n = 0;
        final @Nullable String[] texts = valueColumn > 0 && !numbered ? batch.texts() : null;
        final int @Nullable [] numbers = numbered ? batch.numbers() : null;
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
        hand(batch);
      }
    } catch (SQLException e) {
      throw query.failure(e);
    } finally {
      hand(END);
    }
  }

  private void hand(RowBatch batch) throws InterruptedException {
    while (!stop && !ready.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
      // The caller is busy; wait for room unless it stopped.
    }
  }

  /** The next batch of rows, or null at the end; rethrows the reading thread's failure. */
  @Nullable RowBatch next() throws InterruptedException {
    while (true) {
      final @Nullable RowBatch batch = ready.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      if (batch == END) {
        finish();
        return null;
      }
      if (batch != null) {
        return batch;
      }
    }
  }

  /** Gives a batch back once its rows are taken. */
  void recycle(RowBatch batch) {
    free.offer(batch);
  }

  /** Waits for the reading thread, which has handed its last batch, and rethrows its failure if it failed. */
  private void finish() {
    try {
      task.get();
    } catch (java.util.concurrent.ExecutionException e) {
      final Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops reading and waits for the reading thread, so that the query can be closed. */
  @Override public void close() {
    stop = true;
    try {
      task.get();
    } catch (java.util.concurrent.ExecutionException e) {
      // Already reported through next(), or irrelevant after a stop.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
