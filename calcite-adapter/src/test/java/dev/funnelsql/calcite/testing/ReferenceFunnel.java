package dev.funnelsql.calcite.testing;

import java.util.List;

/**
 * FUNNEL_STEP in its default mode, from the README, for tests' references: the longest chain of steps in time order
 * (a step at the same instant as the previous one counts) within the window, inclusive, from the chain's first
 * step, any step-1 event may start a chain; rows without a time are ignored. Steps are event names.
 *
 * @param window the window in milliseconds
 * @param steps the event name of each step
 */
public record ReferenceFunnel(long window, List<String> steps) {
  /** The level a user's events reach, 0..steps. */
  public int level(List<TestEvent> events) {
    int best = 0;
    for (TestEvent start : events) {
      if (start.millis() == null || !steps.get(0).equals(start.name())) {
        continue;
      }
      // From each start, the earliest next step at or after the previous one keeps the most room for the rest.
      long previous = start.millis();
      int level = 1;
      while (level < steps.size()) {
        final String step = steps.get(level);
        final long from = previous;
        final long next = events.stream().filter(e -> e.millis() != null && step.equals(e.name()))
            .mapToLong(TestEvent::millis).filter(t -> t >= from && t <= start.millis() + window).min()
            .orElse(Long.MIN_VALUE);
        if (next == Long.MIN_VALUE) {
          break;
        }
        previous = next;
        level++;
      }
      best = Math.max(best, level);
    }
    return best;
  }
}
