package dev.funnelsql.calcite.funnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.segment.MembershipCache;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.calcite.linq4j.Linq4j;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link SegmentLookup} answers every user as a map from normalized users to segments does (the last row of a user
 * wins; NULL users and segments are skipped), for integer, decimal and string users alike, and a lookup of spans
 * answers a user's segment at a time as a scan of their rows does.
 */
class SegmentLookupTest {
  @Test
  void answersLikeAMapOfNormalizedUsersOnRandomMemberships() {
    final Random random = new Random(7);
    for (int round = 0; round < 2_000; round++) {
      final List<@Nullable Object[]> rows = new ArrayList<>();
      final Map<Object, String> reference = new HashMap<>();
      final int n = random.nextInt(round % 50 == 0 ? 20_000 : 40);
      final int spread = 1 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        final @Nullable Object user = user(random, spread);
        final @Nullable String segment = random.nextInt(12) == 0 ? null : "s" + random.nextInt(1 + round % 7);
        rows.add(new Object[] {user, segment});
        if (user != null && segment != null) {
          reference.put(MembershipCache.normalize(user), segment);
        }
      }
      final SegmentLookup lookup = SegmentLookup.load(Linq4j.asEnumerable(rows), () -> false);
      for (int probe = 0; probe < 50; probe++) {
        final @Nullable Object user = user(random, spread);
        final @Nullable String expected = user == null ? null : reference.get(MembershipCache.normalize(user));
        assertEquals(expected, lookup.segmentOf(user), "user " + user + " in round " + round);
        final int index = lookup.indexOf(user);
        assertEquals(expected, index < 0 ? null : lookup.name(index));
      }
      assertTrue(reference.values().stream().distinct().count() <= lookup.segments(), "every segment named");
    }
  }

  /**
   * A lookup of spans answers a user's segment at a time as a scan of that user's rows does: the last row at or
   * before the time (its segment, NULL for none), none before the first; scaled times, equal times on the probe,
   * users of every type, NULL users and times skipped.
   */
  @Test
  void spansAnswerTheLastRowAtOrBeforeTheTime() {
    final Random random = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      final long scale = round % 3 == 0 ? 86_400_000L : 1;
      final List<@Nullable Object[]> rows = new ArrayList<>();
      final Map<Object, List<long[]>> reference = new HashMap<>();
      final Map<Object, List<String>> segments = new HashMap<>();
      final int users = random.nextInt(round % 50 == 0 ? 3_000 : 30);
      final List<Object> order = new ArrayList<>();
      for (int u = 0; u < users; u++) {
        order.add(random.nextInt(5) == 0 ? (Object) ("u" + u) : (Object) (long) (u * 7 - 20));
      }
      for (Object user : order) {
        long time = random.nextInt(10) - 5;
        for (int k = random.nextInt(6); k > 0; k--) {
          final @Nullable String segment = random.nextInt(5) == 0 ? null : "s" + random.nextInt(4);
          final Object shown = user instanceof Long && random.nextBoolean() ? (Object) (int) (long) (Long) user : user;
          rows.add(new Object[] {shown, random.nextInt(30) == 0 ? null : time, segment});
          if (rows.get(rows.size() - 1)[1] != null) {
            reference.computeIfAbsent(user, x -> new ArrayList<>()).add(new long[] {time * scale});
            segments.computeIfAbsent(user, x -> new ArrayList<>()).add(segment);
          }
          time += 1 + random.nextInt(4);
        }
      }
      final SegmentLookup lookup = SegmentLookup.loadSpans(Linq4j.asEnumerable(rows), scale, () -> false);
      for (int probe = 0; probe < 60 && !order.isEmpty(); probe++) {
        final Object user = order.get(random.nextInt(order.size()));
        final long at = (random.nextInt(40) - 8) * scale + (random.nextBoolean() ? 0 : random.nextInt(3) - 1);
        @Nullable String expected = null;
        final List<long[]> times = reference.getOrDefault(user, List.of());
        for (int i = 0; i < times.size(); i++) {
          if (times.get(i)[0] <= at) {
            expected = segments.get(user).get(i);
          }
        }
        assertEquals(expected, lookup.segmentOf(user, at), "user " + user + " at " + at + " in round " + round);
      }
      assertEquals(null, lookup.segmentOf(null, 0), "a NULL user is in no segment");
      assertEquals(null, lookup.segmentOf("nobody", Long.MAX_VALUE));
    }
  }

  /** A user as a store may return it: the same id as a long, an int, a decimal or a string; sometimes NULL. */
  private static @Nullable Object user(Random random, int spread) {
    final long id = random.nextInt(spread) - spread / 4;
    switch (random.nextInt(6)) {
      case 0:
        return (int) id;
      case 1:
        return new BigDecimal(id).setScale(random.nextInt(3));
      case 2:
        return "u" + id;
      case 3:
        return random.nextInt(4) == 0 ? null : id;
      case 4:
        return new BigDecimal("1e30").add(BigDecimal.valueOf(id));
      default:
        return id;
    }
  }
}
