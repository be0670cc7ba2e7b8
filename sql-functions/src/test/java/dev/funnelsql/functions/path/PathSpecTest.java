package dev.funnelsql.functions.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathSpecTest {

  @Test
  void defaults() {
    PathSpec spec = PathSpec.of(true, false);
    assertEquals(5, spec.steps());
    assertTrue(spec.collapse());
    assertEquals(10, spec.top());
    assertTrue(spec.hasStart());
    assertFalse(spec.hasEnd());
    assertEquals(PathSpec.of(5, true, 10, true, false), spec);
  }

  @Test
  void boundariesAreAccepted() {
    assertEquals(2, PathSpec.of(2, false, 1, false, false).steps());
    assertEquals(20, PathSpec.of(20, false, 1000, false, true).steps());
    assertEquals(1, PathSpec.of(2, true, 1, true, true).top());
    assertEquals(1000, PathSpec.of(20, true, 1000, true, true).top());
  }

  @Test
  void stepsOutOfRange() {
    String range = "paths: steps (the most nodes in a path) must be 2 to 20, got ";
    assertError(range + "1", 1, 10);
    assertError(range + "0", 0, 10);
    assertError(range + "-3", -3, 10);
    assertError(range + "21", 21, 10);
    assertError(range + "2147483647", Integer.MAX_VALUE, 10);
    // steps is checked before top
    assertError(range + "1", 1, 0);
  }

  @Test
  void topOutOfRange() {
    String range = "paths: top (the most distinct nodes kept per depth) must be 1 to 1000, got ";
    assertError(range + "0", 5, 0);
    assertError(range + "-1", 5, -1);
    assertError(range + "1001", 5, 1001);
    assertError(range + "-2147483648", 5, Integer.MIN_VALUE);
  }

  @Test
  void equalityAndToString() {
    Set<PathSpec> all = new HashSet<>();
    for (int steps = 2; steps <= 3; steps++) {
      for (int top = 1; top <= 2; top++) {
        for (int flags = 0; flags < 8; flags++) {
          PathSpec spec = PathSpec.of(steps, (flags & 1) != 0, top, (flags & 2) != 0, (flags & 4) != 0);
          PathSpec same = PathSpec.of(steps, (flags & 1) != 0, top, (flags & 2) != 0, (flags & 4) != 0);
          assertEquals(spec, same);
          assertEquals(spec.hashCode(), same.hashCode());
          all.add(spec);
        }
      }
    }
    assertEquals(32, all.size());
    assertNotEquals(PathSpec.of(true, false), PathSpec.of(false, true));
    assertNotEquals(PathSpec.of(true, false), "PathSpec");
    assertEquals("PathSpec[steps=5, collapse=true, top=10, hasStart=true, hasEnd=false]",
        PathSpec.of(true, false).toString());
    assertEquals("PathSpec[steps=20, collapse=false, top=1, hasStart=false, hasEnd=true]",
        PathSpec.of(20, false, 1, false, true).toString());
  }

  private static void assertError(String message, int steps, int top) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PathSpec.of(steps, true, top, false, false));
    assertEquals(message, e.getMessage());
  }
}
