package dev.funnelsql.functions.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueIdsTest {
  @Test
  void givesIdsInFirstSeenOrderLikeAHashMapOnRandomValues() {
    final Random random = new Random(11);
    for (int round = 0; round < 1_000; round++) {
      final ValueIds ids = new ValueIds();
      final Map<String, Integer> reference = new HashMap<>();
      final int n = random.nextInt(round % 10 == 0 ? 20_000 : 60);
      final int spread = 1 + random.nextInt(round % 7 == 0 ? 5_000 : 40);
      for (int i = 0; i < n; i++) {
        // Fresh strings, equal but not identical to the ones seen, as a driver returns them; some collide in hash.
        final String value = random.nextInt(10) == 0 ? collision(random.nextInt(8))
            : new String("e" + random.nextInt(spread));
        final int expected = reference.computeIfAbsent(value, v -> reference.size());
        assertEquals(expected, ids.idOf(value), "value " + value);
      }
      assertEquals(reference.size(), ids.size());
      reference.forEach((value, id) -> assertEquals(value, ids.value(id)));
      assertTrue(ids.bytes() > 0);
    }
  }

  /** Strings with one hash code ("Aa" and "BB" hash alike), so that probing passes over equal hashes. */
  private static String collision(int bits) {
    final StringBuilder text = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      text.append((bits >> i & 1) == 0 ? "Aa" : "BB");
    }
    return text.toString();
  }

  @Test
  void keepsTheFirstStringSeenAndRefusesUnknownIds() {
    final ValueIds ids = new ValueIds();
    final String first = new String("view");
    assertEquals(0, ids.idOf(first));
    assertEquals(0, ids.idOf(new String("view")));
    assertSame(first, ids.value(0));
    assertEquals(1, ids.idOf(""));
    assertThrows(IndexOutOfBoundsException.class, () -> ids.value(2));
    assertThrows(IndexOutOfBoundsException.class, () -> ids.value(-1));
  }
}
