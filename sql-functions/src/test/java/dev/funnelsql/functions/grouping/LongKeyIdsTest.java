package dev.funnelsql.functions.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongKeyIdsTest {
  @Test
  void givesIdsInFirstSeenOrderAndFindsThemLikeAHashMapOnRandomKeys() {
    final Random random = new Random(42);
    for (int round = 0; round < 2_000; round++) {
      final LongKeyIds ids = new LongKeyIds();
      final Map<Long, Integer> reference = new HashMap<>();
      final int n = random.nextInt(round % 10 == 0 ? 5_000 : 60);
      final int spread = 1 + random.nextInt(100);
      for (int i = 0; i < n; i++) {
        final long probe = randomKey(random, spread);
        assertEquals(reference.getOrDefault(probe, -1), ids.find(probe), "find " + probe);
        final long key = randomKey(random, spread);
        final int expected = reference.computeIfAbsent(key, k -> reference.size());
        assertEquals(expected, ids.idOf(key), "key " + key);
      }
      long absent = random.nextLong();
      while (reference.containsKey(absent)) {
        absent = random.nextLong();
      }
      assertEquals(-1, ids.find(absent));
      assertEquals(reference.size(), ids.size(), "find adds no key");
      assertEquals(reference.size(), ids.size());
      reference.forEach((key, id) -> assertEquals(key.longValue(), ids.key(id)));
    }
  }

  private static long randomKey(Random random, int spread) {
    switch (random.nextInt(5)) {
      case 0:
        return random.nextInt(spread);
      case 1:
        return random.nextLong();
      case 2:
        return random.nextBoolean() ? Long.MIN_VALUE + random.nextInt(3) : Long.MAX_VALUE - random.nextInt(3);
      case 3:
        // Keys that collide in the low bits.
        return (long) random.nextInt(spread) << 32;
      default:
        return -random.nextInt(spread);
    }
  }

  @Test
  void holdsAMillionDenseKeys() {
    final LongKeyIds ids = new LongKeyIds();
    for (long key = 0; key < 1_000_000; key++) {
      assertEquals((int) key, ids.idOf(key * 7919));
    }
    for (long key = 0; key < 1_000_000; key += 999) {
      assertEquals((int) key, ids.idOf(key * 7919));
    }
    assertEquals(1_000_000, ids.size());
  }

  @Test
  void movesHashedKeysIntoTheDirectArrayWhenItWidensAndKeepsTheirIds() {
    final Random random = new Random(7);
    for (int round = 0; round < 20; round++) {
      final LongKeyIds ids = new LongKeyIds();
      final Map<Long, Integer> reference = new HashMap<>();
      // Keys far beyond the direct array's free range go to the table until enough keys make it worth widening.
      final int users = 1 << (21 + random.nextInt(2));
      final long base = random.nextBoolean() ? 0 : 1_000_000_000L * (random.nextInt(5) - 2);
      final boolean descending = random.nextInt(4) == 0;
      for (int i = 0; i < 700_000; i++) {
        final long user = descending ? users - 1 - i * (long) users / 700_000 : random.nextInt(users);
        final long key = random.nextInt(10) == 0 ? randomKey(random, 1000) : base + user;
        final int expected = reference.computeIfAbsent(key, k -> reference.size());
        assertEquals(expected, ids.idOf(key), "key " + key);
      }
      reference.forEach((key, id) -> {
        assertEquals(id.intValue(), ids.find(key));
        assertEquals(key.longValue(), ids.key(id));
      });
      assertEquals(-1, ids.find(users + 1L));
      assertEquals(reference.size(), ids.size());
    }
  }

  @Test
  void givesTheNullKeyItsOwnIdThatSurvivesGrowth() {
    final LongKeyIds ids = new LongKeyIds();
    assertEquals(0, ids.idOf(0));
    final int nullId = ids.idOfNull();
    assertEquals(1, nullId);
    for (long key = 1; key < 10_000; key++) {
      assertEquals((int) key + 1, ids.idOf(key));
    }
    assertEquals(nullId, ids.idOfNull());
    assertEquals(0, ids.idOf(0));
    assertEquals(true, ids.isNull(nullId));
    assertEquals(false, ids.isNull(0));
    assertEquals(10_001, ids.size());
  }

  @Test
  void refusesAnIdItNeverGave() {
    final LongKeyIds ids = new LongKeyIds();
    ids.idOf(5);
    assertThrows(IndexOutOfBoundsException.class, () -> ids.key(1));
  }
}
