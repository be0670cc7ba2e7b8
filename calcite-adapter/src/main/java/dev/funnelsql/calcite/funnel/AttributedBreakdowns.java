package dev.funnelsql.calcite.funnel;

import dev.funnelsql.calcite.model.Attribution;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The breakdowns of a funnel summary that are columns of the events rather than segmentations: a user's value is the
 * column's value on the event of the step the funnel's {@code attribution:} names (step 1, the last step reached, or
 * step N), the event that made the user's counted chain reach that step. Of several such events at that instant,
 * the smallest value as text counts (as the {@code property} segment kind does); a user without a value (NULL, or
 * short of step N) is in no segment.
 */
final class AttributedBreakdowns {
  private final Set<String> columns;
  private final Attribution attribution;
  private final int steps;
  private final long timeScale;

  /**
   * Creates the column breakdowns of a summary.
   *
   * @param columns the names of the breakdowns that are columns
   * @param attribution which step's event counts
   * @param steps the funnel's number of steps
   * @param timeScale the factor from an event row's time to the time line
   */
  AttributedBreakdowns(Set<String> columns, Attribution attribution, int steps, long timeScale) {
    this.columns = Set.copyOf(columns);
    this.attribution = attribution;
    this.steps = steps;
    this.timeScale = timeScale;
  }

  /** Whether the breakdown of that name is a column. */
  boolean isColumn(String breakdown) {
    return columns.contains(breakdown);
  }

  /**
   * Each entered user's value of one column.
   *
   * @param chains the chain of each user who entered
   * @param events the step rows with a value, ordered by user: user, time, each step's condition, the value as text
   * @param cancelFlag the statement's cancel flag, or null
   */
  SegmentLookup values(Map<Object, long[]> chains, Enumerable<@Nullable Object[]> events,
      @Nullable AtomicBoolean cancelFlag) {
    final Map<Object, String> values = new HashMap<>();
    try (RowsByUser rows = new RowsByUser(events, cancelFlag, "its breakdown values were read")) {
      long @Nullable [] chain = null;
      int step = -1;
      while (rows.next()) {
        final @Nullable Object[] row = rows.row();
        if (rows.newUser()) {
          chain = row[0] == null ? null : chains.get(row[0]);
          step = chain == null ? -1 : attribution.stepIndex(chain.length);
        }
        final @Nullable Object value = row[2 + steps];
        if (step < 0 || row[1] == null || value == null || !Boolean.TRUE.equals(row[2 + step])
            || ((Number) row[1]).longValue() * timeScale != chain[step]) {
          continue;
        }
        values.merge(row[0], value.toString(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
      }
    }
    return SegmentLookup.of(values);
  }
}
