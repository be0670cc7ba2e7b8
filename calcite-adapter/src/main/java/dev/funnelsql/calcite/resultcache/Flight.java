package dev.funnelsql.calcite.resultcache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A card being computed by one thread, so that the sessions that ask for the same card meanwhile wait for its
 * answer instead of sending the same query to the store again. It ends with the kept result, or with null when the
 * result was not kept (too large, failed), and the waiters then run the query themselves.
 */
final class Flight {
  private static final long POLL_MILLIS = 50;

  private final Thread owner = Thread.currentThread();
  private final CompletableFuture<@Nullable CachedRows> result = new CompletableFuture<>();

  /** Whether {@code thread} computes this card (it must not wait for itself). */
  boolean ownedBy(Thread thread) {
    return owner == thread;
  }

  /** Ends the flight with the kept result, or null. */
  void finish(@Nullable CachedRows rows) {
    result.complete(rows);
  }

  /** Waits for the flight's end; gives up, returning null, when the waiting statement is cancelled or interrupted. */
  @Nullable CachedRows await(BooleanSupplier cancelled) {
    while (true) {
      try {
        return result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (cancelled.getAsBoolean()) {
          return null;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (ExecutionException e) {
        return null;
      }
    }
  }
}
