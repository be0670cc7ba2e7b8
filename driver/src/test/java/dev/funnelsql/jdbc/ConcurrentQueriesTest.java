package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.jdbc.EventStores.Event;
import dev.funnelsql.jdbc.EventStores.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 threads, each with its own connection over the same model on PostgreSQL, run a mix of funnel, segment and
 * cohort queries (model tables, and the functions over the raw events) at the same time: no query fails and every
 * answer is the one a single connection gives alone. The throughput is printed (measured, not asserted).
 */
class ConcurrentQueriesTest {
  private static final int THREADS = 32;
  /** Each thread runs half the mix, starting at its own place in it, so every query runs 16 times at once. */
  private static final int PER_THREAD = 4;
  private static final long BASE = 1_767_225_600_000L;
  private static final List<String> QUERIES = List.of(
      "SELECT step, COUNT(*) FROM funnels.checkout GROUP BY step ORDER BY step",
      "SELECT step, breakdown, segment, users, drop_off FROM funnels.checkout_summary "
          + "ORDER BY step, breakdown NULLS FIRST, segment NULLS FIRST",
      "SELECT segment, users FROM segments.activity_sizes ORDER BY segment",
      "SELECT cohort_period, period_offset, cohort_users, users FROM cohorts.daily_matrix ORDER BY 1, 2",
      "SELECT SEGMENT_OF('activity', user_id) AS s, COUNT(*) FROM events GROUP BY SEGMENT_OF('activity', user_id) "
          + "ORDER BY 1",
      "SELECT reached, COUNT(*) FROM (SELECT user_id, FUNNEL_STEP(ts, INTERVAL '1' HOUR, event_name = 'a', "
          + "event_name = 'b', event_name = 'c') AS reached FROM events GROUP BY user_id) t GROUP BY reached "
          + "ORDER BY reached",
      "SELECT SUM(CASE WHEN r[2] THEN 1 ELSE 0 END), SUM(CASE WHEN r[3] THEN 1 ELSE 0 END) FROM (SELECT user_id, "
          + "RETENTION(event_name = 'a', event_name = 'b', event_name = 'c') AS r FROM events GROUP BY user_id) t",
      "SELECT SUM(n) FROM (SELECT user_id, SEQUENCE_COUNT('(?1).*(?2)', ts, event_name = 'a', event_name = 'c') "
          + "AS n FROM events GROUP BY user_id) t");

  @TempDir
  static Path dir;
  private static List<Event> events;

  @BeforeAll
  static void generate() {
    final SplittableRandom random = new SplittableRandom(32L);
    events = new ArrayList<>();
    for (long user = 1; user <= 300; user++) {
      final int count = random.nextInt(16);
      for (int i = 0; i < count; i++) {
        events.add(new Event(user, BASE + 60_000L * random.nextInt(4 * 24 * 60),
            "abcx".substring(random.nextInt(4)).substring(0, 1)));
      }
    }
  }

  private static String connectUrl(Kind kind) throws Exception {
    final String source = EventStores.create(kind, events);
    final Path model = dir.resolve(kind.name().toLowerCase(Locale.ROOT) + ".yaml");
    Files.writeString(model, "source: { url: '" + source.replace("'", "''") + "'"
        + (kind == Kind.POSTGRES ? ", user: postgres" : "") + " }\n"
        + "events: { table: events, user: user_id, time: ts, event: event_name }\n"
        + "funnels:\n  checkout:\n    window: 1h\n    steps:\n"
        + "      - { name: A, when: \"event_name = 'a'\" }\n      - { name: B, when: \"event_name = 'b'\" }\n"
        + "      - { name: C, when: \"event_name = 'c'\" }\n    breakdowns: [activity]\n"
        + "segmentations:\n  activity:\n    rules:\n      - { segment: heavy, when: \"COUNT(*) >= 10\" }\n"
        + "      - { segment: some, when: \"COUNT(*) >= 4\" }\n    otherwise: light\n"
        + "cohorts:\n  daily: { entry: \"event_name = 'a'\", return: \"event_name = 'b'\", period: day, "
        + "periods: 3 }\n");
    return "jdbc:funnelsql:model=" + model + (kind == Kind.POSTGRES ? ";password=postgres" : "");
  }

  @Test
  void thirtyTwoConnectionsAtOnceGetTheSingleThreadedAnswers() throws Exception {
    final Kind kind = Kind.POSTGRES;
    final String url = connectUrl(kind);
    final Map<String, List<List<Object>>> expected = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(url)) {
      for (String sql : QUERIES) {
        expected.put(sql, ResultRows.of(connection, sql));
      }
    }
    assertTrue(expected.values().stream().allMatch(rows -> !rows.isEmpty()), "every query has an answer");

    final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    final CountDownLatch start = new CountDownLatch(1);
    final Map<String, String> errors = new ConcurrentHashMap<>();
    final AtomicInteger queries = new AtomicInteger();
    final List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      final int thread = t;
      done.add(pool.submit(() -> {
        try (Connection connection = DriverManager.getConnection(url)) {
          start.await();
          for (int q = 0; q < PER_THREAD; q++) {
            final String sql = QUERIES.get((thread + q) % QUERIES.size());
            final List<List<Object>> rows = ResultRows.of(connection, sql);
            queries.incrementAndGet();
            if (!rows.equals(expected.get(sql))) {
              errors.put("thread " + thread + ": " + sql, "different answer " + rows);
            }
          }
        } catch (Exception e) {
          errors.put("thread " + thread, e.toString());
        }
        return null;
      }));
    }
    final long began = System.nanoTime();
    start.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(10, TimeUnit.MINUTES), "the threads finished");
    for (Future<?> future : done) {
      future.get();
    }
    final double seconds = (System.nanoTime() - began) / 1e9;
    System.out.printf(Locale.ROOT, "%s: %d threads ran %d queries in %.1f s (%.1f queries/s), %d errors%n", kind,
        THREADS, queries.get(), seconds, queries.get() / seconds, errors.size());
    assertEquals(Map.of(), errors, kind + ": errors or different answers");
    assertEquals(THREADS * PER_THREAD, queries.get());
  }
}
