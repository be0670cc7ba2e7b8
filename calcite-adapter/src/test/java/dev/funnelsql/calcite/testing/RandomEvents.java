package dev.funnelsql.calcite.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded random events for the reference tests: a few hundred users over eight weeks, with many equal timestamps
 * (times fall on six-hour slots), some NULL times, names, sources, scores and revenues, users with a single event
 * or only undated events, and users who come back after weeks away.
 */
public final class RandomEvents {
  /** 2026-01-05T00:00:00Z, a Monday. */
  public static final long BASE = 1_767_571_200_000L;
  /** One day in milliseconds. */
  public static final long DAY = 86_400_000L;
  /** The event names drawn (NULL included). */
  private static final String[] NAMES = {"a", "b", "c", "x", null};
  private static final String[] SOURCES = {"ads", "mail", "seo", null, null};
  private static final int DAYS = 56;

  private RandomEvents() {
  }

  /**
   * Generates events.
   *
   * @param seed the seed
   * @param users how many users (ids 1..users)
   * @param maxPerUser the most events of one user (each has 0..maxPerUser, about half on average)
   */
  public static List<TestEvent> generate(long seed, int users, int maxPerUser) {
    final SplittableRandom random = new SplittableRandom(seed);
    final List<TestEvent> events = new ArrayList<>();
    for (long user = 1; user <= users; user++) {
      final int count = random.nextInt(maxPerUser + 1);
      // Some users are active early only, some late only, so every lifecycle and recency case occurs.
      final int from = random.nextInt(DAYS);
      final int span = 1 + random.nextInt(DAYS - from);
      // A quarter of the users come back in the last days after weeks away (lifecycle: resurrected).
      final boolean returns = random.nextInt(4) == 0;
      for (int i = 0; i < count; i++) {
        final int day = returns && random.nextBoolean() ? DAYS - 1 - random.nextInt(4)
            : returns ? random.nextInt(DAYS - 21) : from + random.nextInt(span);
        final Long millis = random.nextInt(20) == 0 ? null : BASE + DAY * day + 21_600_000L * random.nextInt(4);
        final String name = NAMES[random.nextInt(NAMES.length)];
        final Integer score = random.nextInt(3) == 0 ? random.nextInt(11) : null;
        final Integer revenue = random.nextInt(4) == 0 ? null : random.nextInt(20);
        events.add(new TestEvent(user, millis, name, SOURCES[random.nextInt(SOURCES.length)], score, revenue));
      }
    }
    return events;
  }

  /** The events of each user, in generation order, users in id order. */
  public static Map<Long, List<TestEvent>> byUser(List<TestEvent> events) {
    final Map<Long, List<TestEvent>> byUser = new TreeMap<>();
    events.forEach(event -> byUser.computeIfAbsent(event.userId(), k -> new ArrayList<>()).add(event));
    return byUser;
  }
}
