package dev.funnelsql.pgwire.session;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Runs a session's FunnelSQL calls (execute, fetching rows) on a worker thread while the session waits, so that a
 * CancelRequest frees the client at once with SQLSTATE 57014 even when the computation itself cannot be
 * interrupted: the call is abandoned to finish on its own thread (its result is closed when it does) and the next
 * statement runs on a fresh worker.
 */
final class StatementRunner implements AutoCloseable {
  /** A call to run; may throw SQLException. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws SQLException;
  }

  private static final AtomicInteger WORKERS = new AtomicInteger();
  private static final long POLL_MILLIS = 25;

  private final String name;
  private ExecutorService worker;

  StatementRunner(String name) {
    this.name = name;
    this.worker = newWorker();
  }

  private ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(runnable -> {
      final Thread thread = new Thread(runnable, name + "-worker-" + WORKERS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Runs {@code call} and returns its result, or throws 57014 as soon as {@code stop} gives a reason (the client's
   * cancel, the statement timeout), with that reason as the message.
   */
  <T> T call(Call<T> call, Supplier<@Nullable String> stop) throws SQLException {
    final CompletableFuture<T> future = new CompletableFuture<>();
    worker.execute(() -> {
      try {
        future.complete(call.run());
      } catch (SQLException | RuntimeException | Error e) {
        future.completeExceptionally(e);
      }
    });
    while (true) {
      try {
        return future.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        final @Nullable String reason = stop.get();
        if (reason != null) {
          abandon(future);
          throw new SQLException(reason, "57014");
        }
      } catch (ExecutionException e) {
        final Throwable cause = e.getCause();
        if (cause instanceof SQLException) {
          throw (SQLException) cause;
        }
        if (cause instanceof RuntimeException) {
          throw (RuntimeException) cause;
        }
        throw (Error) cause;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abandon(future);
        throw new SQLException("interrupted", "57014", e);
      }
    }
  }

  private <T> void abandon(CompletableFuture<T> future) {
    future.thenAccept(result -> {
      if (result instanceof AutoCloseable) {
        try {
          ((AutoCloseable) result).close();
        } catch (Exception ignored) {
          // The abandoned result is discarded either way.
        }
      }
    });
    worker.shutdown();
    worker = newWorker();
  }

  @Override public void close() {
    worker.shutdown();
  }
}
