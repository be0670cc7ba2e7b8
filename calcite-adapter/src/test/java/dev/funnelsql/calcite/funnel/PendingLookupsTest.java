package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function0;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Waiting for a funnel table's memberships ends when the statement is cancelled (its cancel flag is set), even while
 * a membership is still being read, and the loads given up stop reading their rows; the memberships are read at once,
 * or one after another when asked.
 */
class PendingLookupsTest {
  /** A membership that never ends: one row per user, counting the rows read and noting when it is closed. */
  private static Enumerable<@Nullable Object[]> endless(AtomicLong read, CountDownLatch closed) {
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        return new Enumerator<>() {
          @Override public @Nullable Object[] current() {
            return new Object[] {read.get(), "busy"};
          }

          @Override public boolean moveNext() {
            read.incrementAndGet();
            return true;
          }

          @Override public void reset() {
          }

          @Override public void close() {
            closed.countDown();
          }
        };
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static Function0<Enumerable<@Nullable Object[]>>[] memberships(Enumerable<@Nullable Object[]>... each) {
    final Function0<Enumerable<@Nullable Object[]>>[] functions = new Function0[each.length];
    for (int i = 0; i < each.length; i++) {
      final Enumerable<@Nullable Object[]> membership = each[i];
      functions[i] = () -> membership;
    }
    return functions;
  }

  @Test
  void aCancelledStatementStopsWaitingAndTheLoadsStopReading() throws Exception {
    final AtomicLong read = new AtomicLong();
    final CountDownLatch closed = new CountDownLatch(1);
    final AtomicBoolean cancelFlag = new AtomicBoolean();
    final PendingLookups pending = PendingLookups.start(memberships(endless(read, closed)), new boolean[] {true},
        List.of(SegmentLookup::load), cancelFlag, false);
    final Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      cancelFlag.set(true);
    });
    canceller.start();
    assertThrows(CancellationException.class, pending::await);
    canceller.join();
    assertTrue(closed.await(30, TimeUnit.SECONDS), "the load given up stops reading and closes its rows");
    final long atClose = read.get();
    Thread.sleep(100);
    assertEquals(atClose, read.get(), "no row is read after the load stopped");
  }

  /** A membership of one user that notes when it is opened and closed, after waiting at {@code meeting} if any. */
  private static Enumerable<@Nullable Object[]> noted(String name, List<String> events,
      @Nullable CyclicBarrier meeting) {
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        events.add("open " + name);
        if (meeting != null) {
          try {
            meeting.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the memberships were not read at once", e);
          }
        }
        final Enumerator<@Nullable Object[]> rows =
            Linq4j.enumerator(List.<@Nullable Object[]>of(new Object[] {1L, name}));
        return new Enumerator<>() {
          @Override public @Nullable Object[] current() {
            return rows.current();
          }

          @Override public boolean moveNext() {
            return rows.moveNext();
          }

          @Override public void reset() {
            rows.reset();
          }

          @Override public void close() {
            events.add("close " + name);
          }
        };
      }
    };
  }

  @Test
  void oneAtATimeEachMembershipIsReadOnlyAfterTheOneBeforeItEnded() {
    final List<String> events = new CopyOnWriteArrayList<>();
    final PendingLookups pending = PendingLookups.start(
        memberships(noted("a", events, null), noted("b", events, null), noted("c", events, null)),
        new boolean[] {true, false, true}, List.of(SegmentLookup::load, SegmentLookup::load, SegmentLookup::load),
        new AtomicBoolean(), true);
    final List<SegmentLookup> lookups = pending.await();
    assertEquals(List.of("open a", "close a", "open c", "close c"), events);
    assertEquals("c", lookups.get(2).name(lookups.get(2).indexOf(1L)));
    assertEquals(0, lookups.get(1).segments(), "a membership not read is empty");
  }

  @Test
  void otherwiseTheMembershipsAreReadAtOnce() {
    final List<String> events = new CopyOnWriteArrayList<>();
    // Each load waits until the other has begun: they finish only if they run at the same time.
    final CyclicBarrier meeting = new CyclicBarrier(2);
    final PendingLookups pending = PendingLookups.start(
        memberships(noted("a", events, meeting), noted("b", events, meeting)), new boolean[] {true, true},
        List.of(SegmentLookup::load, SegmentLookup::load), new AtomicBoolean(), false);
    final List<SegmentLookup> lookups = pending.await();
    assertEquals("b", lookups.get(1).name(lookups.get(1).indexOf(1L)));
    assertEquals(4, events.size());
  }

  @Test
  void oneAtATimeAFailedMembershipFailsTheWaitAndTheRestAreNotRead() {
    final List<String> events = new CopyOnWriteArrayList<>();
    final Enumerable<@Nullable Object[]> failing = new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object[]> enumerator() {
        throw new IllegalArgumentException("no such column: segment");
      }
    };
    final PendingLookups pending = PendingLookups.start(memberships(failing, noted("b", events, null)),
        new boolean[] {true, true}, List.of(SegmentLookup::load, SegmentLookup::load), new AtomicBoolean(), true);
    final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, pending::await);
    assertEquals("no such column: segment", failure.getMessage());
    assertTrue(events.isEmpty(), "the membership after a failed one is not read: " + events);
  }

  @Test
  void withoutACancelTheMembershipsAreHandedOverInOrder() {
    final List<@Nullable Object[]> busy = List.of(new Object[] {1L, "busy"}, new Object[] {2L, "quiet"});
    final PendingLookups pending = PendingLookups.start(
        memberships(Linq4j.asEnumerable(busy), Linq4j.emptyEnumerable()), new boolean[] {true, false},
        List.of(SegmentLookup::load, SegmentLookup::load), new AtomicBoolean(), false);
    final List<SegmentLookup> lookups = pending.await();
    assertEquals(2, lookups.size());
    assertEquals(0, lookups.get(1).segments(), "a membership not read is empty");
    assertEquals("quiet", lookups.get(0).name(lookups.get(0).indexOf(2L)));
  }
}
