package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.source.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A funnel table's memberships, loading on their own threads (each on its own store connection) while the caller's
 * thread runs the step scan, so that the store computes the segments and the steps at once instead of one after the
 * other (where the store computes in this JVM's heap, one membership at a time beside the step scan). Their store
 * queries are the caller's ({@link EventStore#onBehalfOf}): cancelling the caller's statement cancels them at the
 * store too. {@link #await} hands them over; {@link #cancel} gives up on them when the table is closed early or fails.
 */
final class PendingLookups {
  private static final ExecutorService LOADERS = Executors.newCachedThreadPool(task -> {
    final Thread thread = new Thread(task, "funnelsql-memberships");
    thread.setDaemon(true);
    return thread;
  });

  /** How often {@link #await} looks at the statement's cancel flag. */
  private static final long POLL_MILLIS = 50;

  private final List<Future<SegmentLookup>> loads;
  private final @Nullable AtomicBoolean cancelFlag;
  private final AtomicBoolean stopped;

  private PendingLookups(List<Future<SegmentLookup>> loads, @Nullable AtomicBoolean cancelFlag,
      AtomicBoolean stopped) {
    this.loads = loads;
    this.cancelFlag = cancelFlag;
    this.stopped = stopped;
  }

  /**
   * Starts loading the memberships whose {@code read} flag is set; the others are empty (every user in none).
   *
   * @param reads per membership, how its rows become a lookup
   * @param cancelFlag the statement's cancel flag (Calcite's), or null: set when the statement is cancelled or
   *     times out
   * @param oneAtATime whether each load starts only when the one before it has ended, so that the store computes
   *     one membership at a time (still beside the caller's step scan) rather than all at once
   */
  static PendingLookups start(Function0<Enumerable<@Nullable Object[]>>[] memberships, boolean[] read,
      List<Read> reads, @Nullable AtomicBoolean cancelFlag, boolean oneAtATime) {
    final List<Future<SegmentLookup>> loads = new ArrayList<>();
    final Thread caller = Thread.currentThread();
    final AtomicBoolean stopped = new AtomicBoolean();
    CompletableFuture<?> before = CompletableFuture.completedFuture(null);
    for (int s = 0; s < memberships.length; s++) {
      if (!read[s]) {
        loads.add(CompletableFuture.completedFuture(SegmentLookup.load(Linq4j.emptyEnumerable(), stopped::get)));
        continue;
      }
      final Function0<Enumerable<@Nullable Object[]>> membership = memberships[s];
      final Read reading = reads.get(s);
      // A load cancelled before it began never runs (its stage is complete by then).
      final CompletableFuture<SegmentLookup> load = before.handleAsync((ignored, failure) -> {
        if (failure != null) {
          // The load before it failed or was given up: the wait fails with that, and this one reads nothing.
          throw new CancellationException("an earlier segmentation's memberships were not read");
        }
        try {
          return EventStore.onBehalfOf(caller, () -> {
            if (isSet(cancelFlag) || stopped.get()) {
              // Cancelled before this load reached the store: it starts nothing there.
              throw new CancellationException("the query was cancelled before its segments were read");
            }
            return reading.load(membership.apply(), stopped::get);
          });
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }, LOADERS);
      loads.add(load);
      if (oneAtATime) {
        before = load;
      }
    }
    return new PendingLookups(loads, cancelFlag, stopped);
  }

  /**
   * Waits for every membership, in the order they were given.
   *
   * @throws RuntimeException the first load's failure (its own exception when unchecked), or an interruption
   */
  List<SegmentLookup> await() {
    final List<SegmentLookup> lookups = new ArrayList<>();
    try {
      for (Future<SegmentLookup> load : loads) {
        lookups.add(waitFor(load));
      }
      return lookups;
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the funnel table's segments", e);
    } catch (ExecutionException | CancellationException e) {
      cancel();
      final Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause.getMessage(), cause);
    }
  }

  /** One load's memberships, unless the statement is cancelled meanwhile. */
  private SegmentLookup waitFor(Future<SegmentLookup> load) throws InterruptedException, ExecutionException {
    while (true) {
      try {
        return load.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (isSet(cancelFlag)) {
          throw new CancellationException("the query was cancelled while its segments were read");
        }
      }
    }
  }

  /** Whether the statement's cancel flag (if it has one) is set. */
  private static boolean isSet(@Nullable AtomicBoolean cancelFlag) {
    return cancelFlag != null && cancelFlag.get();
  }

  /**
   * Gives up on the loads still running: each stops at its next rows (not interrupted, which would close an
   * embedded store's files under it); what they run at the store is the statement's, cancelled with it.
   */
  void cancel() {
    stopped.set(true);
    loads.forEach(load -> load.cancel(false));
  }

  /** How one membership's rows become a lookup ({@link SegmentLookup}'s loads). */
  @FunctionalInterface
  interface Read {
    /** Reads every row, asking {@code stopped} now and then whether to go on. */
    SegmentLookup load(Enumerable<@Nullable Object[]> rows, BooleanSupplier stopped);
  }
}
