package dev.funnelsql.calcite.funnel;

import java.util.Arrays;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The seconds from entry at which the users of one segment reached one step, kept as a growable primitive array so
 * that the exact median costs one sort of the step's own values at the end.
 */
final class StepSeconds {
  private long[] values = new long[8];
  private int size;

  void add(long seconds) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = seconds;
  }

  /** The median (the mean of the two middle values when there is an even number), or null when there is none. */
  @Nullable Double median() {
    if (size == 0) {
      return null;
    }
    Arrays.sort(values, 0, size);
    return (values[(size - 1) / 2] + (double) values[size / 2]) / 2;
  }
}
