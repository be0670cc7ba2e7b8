package dev.funnelsql.calcite.function;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The values bound into behavioural aggregate calls (funnel specs, sequence patterns), each numbered once by value,
 * so that generated code, which is Java source and can hold only primitive constants, reaches the very object the
 * call was bound to by its number: no re-parsing and no allocation per group. Equal values share a number, so the
 * table grows with the distinct values queried, and a query's code text stays the same from one plan to the next.
 */
final class BoundValues {
  private static final Map<Object, Integer> NUMBERS = new ConcurrentHashMap<>();
  private static final List<Object> VALUES = new CopyOnWriteArrayList<>();

  private BoundValues() {
  }

  /** Returns the value equal to {@code value} that holds a number: the first one registered. */
  @SuppressWarnings("unchecked")
  static synchronized <T> T intern(T value) {
    return (T) VALUES.get(number(value));
  }

  /** Returns the number of a value, giving it one if it has none. */
  static synchronized int number(Object value) {
    return NUMBERS.computeIfAbsent(value, v -> {
      VALUES.add(v);
      return VALUES.size() - 1;
    });
  }

  /** Returns the value of a number. */
  static Object get(int number) {
    return VALUES.get(number);
  }
}
