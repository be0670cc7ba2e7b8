package dev.funnelsql.calcite.resultcache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.junit.jupiter.api.Test;

/**
 * The shared result cache on its own, with a clock the test moves: answers are kept and reused, expire with the
 * TTL, respect the per-entry limit and the total budget, are immutable copies, and a card asked for by two threads
 * at once is computed once.
 */
class ResultCacheTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
  private final AtomicInteger runs = new AtomicInteger();

  private static ResultKey key(String sql, Object... parameters) {
    return new ResultKey("scope", sql, List.of("s"), -1, "java.lang.Object[]", Arrays.asList(parameters));
  }

  private Supplier<Enumerable<Object[]>> query(Object[]... rows) {
    return () -> {
      runs.incrementAndGet();
      return Linq4j.asEnumerable(Arrays.asList(rows));
    };
  }

  private static List<Object[]> read(Enumerable<Object[]> rows) {
    final List<Object[]> list = new ArrayList<>();
    try (Enumerator<Object[]> e = rows.enumerator()) {
      while (e.moveNext()) {
        list.add(e.current());
      }
    }
    return list;
  }

  private List<Object[]> answer(ResultCache cache, ResultKey key, CacheSettings settings, Object[]... rows) {
    return read(cache.answer(key, settings, query(rows), () -> false));
  }

  @Test
  void aCardAskedAgainIsAnsweredFromTheCacheUntilItExpires() {
    final ResultCache cache = new ResultCache(1 << 20, clock::get);
    final CacheSettings settings = new CacheSettings(60_000, 1 << 20);
    assertEquals(1L, answer(cache, key("q"), settings, new Object[] {1L}).get(0)[0]);
    clock.addAndGet(59 * SECOND);
    assertEquals(1L, answer(cache, key("q"), settings, new Object[] {2L}).get(0)[0]);
    assertEquals(1, runs.get());
    clock.addAndGet(SECOND);
    assertEquals(2L, answer(cache, key("q"), settings, new Object[] {2L}).get(0)[0]);
    assertEquals(2, runs.get());
  }

  @Test
  void aReaderWithAShorterTtlDoesNotTakeAnOlderAnswer() {
    final ResultCache cache = new ResultCache(1 << 20, clock::get);
    answer(cache, key("q"), new CacheSettings(60_000, 1 << 20), new Object[] {1L});
    clock.addAndGet(10 * SECOND);
    assertEquals(2L, answer(cache, key("q"), new CacheSettings(5_000, 1 << 20), new Object[] {2L}).get(0)[0]);
  }

  @Test
  void parametersSqlAndScopeArePartOfTheKey() {
    final ResultCache cache = new ResultCache(1 << 20, clock::get);
    final CacheSettings settings = CacheSettings.DEFAULT;
    answer(cache, key("q", 1L), settings, new Object[] {1L});
    assertEquals(2L, answer(cache, key("q", 2L), settings, new Object[] {2L}).get(0)[0]);
    assertEquals(3L, answer(cache, key("q", (Object) null), settings, new Object[] {3L}).get(0)[0]);
    assertEquals(4L, answer(cache, key("q2", 1L), settings, new Object[] {4L}).get(0)[0]);
    assertEquals(5L, read(cache.answer(new ResultKey("other", "q", List.of("s"), -1, "java.lang.Object[]",
        List.of(1L)), settings, query(new Object[] {5L}), () -> false)).get(0)[0]);
    assertEquals(1L, answer(cache, key("q", 1L), settings, new Object[] {9L}).get(0)[0]);
    assertEquals(5, runs.get());
  }

  @Test
  void aResultOverTheEntryLimitStreamsWhole() {
    final ResultCache cache = new ResultCache(1 << 20, clock::get);
    final CacheSettings settings = new CacheSettings(60_000, 200);
    final Object[][] rows = new Object[100][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {(long) i, "row " + i};
    }
    final List<Object[]> first = answer(cache, key("big"), settings, rows);
    assertEquals(100, first.size());
    for (int i = 0; i < rows.length; i++) {
      assertArrayEquals(rows[i], first.get(i));
    }
    assertEquals(0, cache.size());
    assertEquals(100, answer(cache, key("big"), settings, rows).size());
    assertEquals(2, runs.get());
  }

  @Test
  void theTotalBudgetDropsTheLeastRecentlyUsed() {
    final CacheSettings settings = CacheSettings.DEFAULT;
    final RowCopier copier = new RowCopier();
    copier.copy(new Object[] {"x".repeat(100)});
    final long entry = copier.bytes();
    final ResultCache cache = new ResultCache(3 * entry, clock::get);
    for (String sql : List.of("a", "b", "c")) {
      answer(cache, key(sql), settings, new Object[] {"x".repeat(100)});
    }
    assertEquals(3, cache.size());
    answer(cache, key("a"), settings, new Object[] {"x".repeat(100)});
    answer(cache, key("d"), settings, new Object[] {"x".repeat(100)});
    assertEquals(3, cache.size());
    assertTrue(cache.bytes() <= 3 * entry);
    runs.set(0);
    answer(cache, key("a"), settings, new Object[] {"x".repeat(100)});
    assertEquals(0, runs.get(), "a was used recently and stays");
    answer(cache, key("b"), settings, new Object[] {"x".repeat(100)});
    assertEquals(1, runs.get(), "b was the least recently used and went");
  }

  @Test
  void keptRowsAreCopiesThatNoReaderCanChange() {
    final ResultCache cache = new ResultCache(1 << 20, clock::get);
    final Object[] row = {1L, new java.sql.Timestamp(0), new ArrayList<>(List.of(true, false))};
    final List<Object[]> first = answer(cache, key("q"), CacheSettings.DEFAULT, row);
    row[0] = 99L;
    first.get(0)[0] = 98L;
    ((java.sql.Timestamp) first.get(0)[1]).setTime(5);
    final Object[] again = answer(cache, key("q"), CacheSettings.DEFAULT, row).get(0);
    assertEquals(1L, again[0]);
    assertEquals(0L, ((java.sql.Timestamp) again[1]).getTime());
    assertThrows(UnsupportedOperationException.class, () -> ((List<?>) again[2]).clear());
    assertEquals(1, runs.get());
  }

  @Test
  void twoSessionsAskingTheSameCardAtOnceComputeItOnce() throws Exception {
    final ResultCache cache = new ResultCache(1 << 20, System::nanoTime);
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final Supplier<Enumerable<Object[]>> slow = () -> {
      runs.incrementAndGet();
      started.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Linq4j.asEnumerable(List.<Object[]>of(new Object[] {42L}));
    };
    final ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      final Future<List<Object[]>> first = pool.submit(() -> read(cache.answer(key("card"), CacheSettings.DEFAULT,
          slow, () -> false)));
      started.await(10, TimeUnit.SECONDS);
      final Future<List<Object[]>> second = pool.submit(() -> read(cache.answer(key("card"), CacheSettings.DEFAULT,
          slow, () -> false)));
      Thread.sleep(100);
      release.countDown();
      assertEquals(42L, first.get(10, TimeUnit.SECONDS).get(0)[0]);
      assertEquals(42L, second.get(10, TimeUnit.SECONDS).get(0)[0]);
      assertEquals(1, runs.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedQueryIsNotKeptAndFailsAgain() {
    final ResultCache cache = new ResultCache(1 << 20, clock::get);
    final Supplier<Enumerable<Object[]>> failing = () -> {
      runs.incrementAndGet();
      throw new IllegalStateException("store down");
    };
    assertThrows(IllegalStateException.class, () -> cache.answer(key("q"), CacheSettings.DEFAULT, failing,
        () -> false));
    assertThrows(IllegalStateException.class, () -> cache.answer(key("q"), CacheSettings.DEFAULT, failing,
        () -> false));
    assertEquals(2, runs.get());
    assertEquals(0, cache.size());
  }
}
