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
 * wins; NULL users and segments are skipped), for integer, decimal and string users alike.
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
