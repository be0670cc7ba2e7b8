package dev.funnelsql.examples.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A funnel's answer: how many users reached exactly level 0..N (the {@code SELECT reached, COUNT(*) … GROUP BY
 * reached} shape every method returns). Level 0 counts users with step rows but no step 1; a method that does not
 * produce level 0 (the B2 and first-touch forms start from step-1 events) leaves it unknown.
 */
final class Histogram {
  private final long[] exactly;
  private final boolean hasLevelZero;

  private Histogram(long[] exactly, boolean hasLevelZero) {
    this.exactly = exactly;
    this.hasLevelZero = hasLevelZero;
  }

  /** Reads {@code (level, users)} rows; fails on a level outside 0..steps. */
  static Histogram read(ResultSet rows, int steps, boolean hasLevelZero) throws SQLException {
    final long[] exactly = new long[steps + 1];
    while (rows.next()) {
      final int level = rows.getInt(1);
      if (rows.wasNull() || level < 0 || level > steps) {
        throw new IllegalStateException("a funnel level outside 0.." + steps + ": " + rows.getString(1));
      }
      exactly[level] += rows.getLong(2);
    }
    if (!hasLevelZero && exactly[0] != 0) {
      throw new IllegalStateException("this method cannot produce level 0, got " + exactly[0]);
    }
    return new Histogram(exactly, hasLevelZero);
  }

  /** The number of steps. */
  int steps() {
    return exactly.length - 1;
  }

  /** Users who reached exactly {@code level}. */
  long exactly(int level) {
    return exactly[level];
  }

  /** Whether level 0 is known. */
  boolean hasLevelZero() {
    return hasLevelZero;
  }

  /** Users who reached at least {@code level} (1..N): the funnel chart's bar for step {@code level}. */
  long atLeast(int level) {
    long sum = 0;
    for (int i = Math.max(level, 1); i < exactly.length; i++) {
      sum += exactly[i];
    }
    return sum;
  }

  /** Whether both give the same counts at levels {@code from..N}. */
  boolean sameFrom(Histogram other, int from) {
    return Arrays.equals(exactly, from, exactly.length, other.exactly, from, other.exactly.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Histogram && hasLevelZero == ((Histogram) o).hasLevelZero
        && Arrays.equals(exactly, ((Histogram) o).exactly);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(exactly);
  }

  @Override
  public String toString() {
    final StringBuilder text = new StringBuilder();
    for (int level = hasLevelZero ? 0 : 1; level < exactly.length; level++) {
      text.append(text.length() == 0 ? "" : ", ").append(level).append(": ").append(exactly[level]);
    }
    return "{" + text + "}";
  }
}
