package dev.funnelsql.calcite.stepscan;

import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads the store's step rows on a thread of its own, in batches, and gives each row its group's id, while the caller
 * buckets the batches already read: the driver's per-row getters, the group ids and FunnelSQL's bucketing then run
 * on two cores at once. The group keys belong to the reading thread until the last batch is handed over.
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
   * @param layout the rows' columns
   * @param columnar whether the rows are read as Arrow batches ({@link ArrowStepRows#reads})
   * @param keepOthers whether rows that match no condition are events too
   */
  StepRowReader(SourceQuery query, GroupKeys keys, @Nullable TimeColumn time, RowLayout layout, boolean columnar,
      boolean keepOthers) {
    for (int i = 0; i < BATCHES; i++) {
      free.add(new RowBatch());
    }
    task = THREADS.submit(() -> {
      read(query, keys, time, layout, columnar, keepOthers);
      return null;
    });
  }

  private void read(SourceQuery query, GroupKeys keys, @Nullable TimeColumn time, RowLayout layout, boolean columnar,
      boolean keepOthers) throws InterruptedException {
    try (StepRowSource source = source(query, keys, time, layout, columnar, keepOthers)) {
      boolean more = true;
      while (more && !stop) {
        final @Nullable RowBatch batch = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (batch == null) {
          continue;
        }
        more = source.fill(batch);
        identify(batch, keys);
        hand(batch);
      }
    } catch (SQLException e) {
      throw query.failure(e);
    } finally {
      hand(END);
    }
  }

  /**
   * Gives each row of a batch its group's id: here, on the reading thread, which otherwise waits for the store, so
   * that the id lookup (a cache miss per row over a million users) runs beside the caller's bucketing, not before it.
   */
  private static void identify(RowBatch batch, GroupKeys keys) {
    final int[] ids = batch.ids;
    for (int i = 0; i < batch.size; i++) {
      ids[i] = keys.idOf(batch, i);
    }
    batch.keyBytes = keys.bytes();
  }

  /**
   * The rows the store copies in bulk if it copies them, Arrow batches where the scan reads them and the driver
   * exports them, else the driver's getters.
   */
  private static StepRowSource source(SourceQuery query, GroupKeys keys, @Nullable TimeColumn time, RowLayout layout,
      boolean columnar, boolean keepOthers) throws SQLException {
    if (query.copied() != null) {
      return new CopyStepRows(query, layout, keepOthers);
    }
    final @Nullable StepRowSource arrow = columnar ? ArrowStepRows.open(query, layout, keepOthers) : null;
    return arrow != null ? arrow : new JdbcStepRows(query, keys, time, layout.maskColumn(), layout.valueColumn(),
        layout.numbered(), keepOthers);
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
