package dev.funnelsql.functions.retention;

/**
 * Accumulator of RETENTION(cond1, ..., condN): remembers which conditions held on at least one row of the group and
 * reports, per condition, whether it held together with the first one.
 *
 * <p>Semantics (the same as ClickHouse {@code retention}): for a group of rows,
 * {@code r[0]} is true iff cond1 held on some row, and {@code r[k]} (k &ge; 1) is true iff cond1 held on some row
 * <em>and</em> cond(k+1) held on some (possibly different) row. Row order, timestamps and the number of rows play
 * no part, so the accumulator is a single OR-ed bit set: {@link #add(int)} allocates nothing, and merging two
 * partial groups is an OR of their masks. A group without rows yields all {@code false}.
 *
 * <p>Unlike current ClickHouse (which requires at least two conditions) a single condition is accepted; the result
 * is then {@code [cond1 held on some row]}.
 *
 * <p>Instances are not thread-safe.
 */
public final class RetentionAccumulator {

  /** The largest number of conditions RETENTION accepts (the width of the condition mask). */
  public static final int MAX_CONDITIONS = 32;

  private final int conditions;
  private final int validMask;
  private int seen;

  /**
   * Creates an empty accumulator.
   *
   * @param conditions number of conditions of the call, 1 to {@value #MAX_CONDITIONS}
   * @throws IllegalArgumentException if {@code conditions} is out of range
   */
  public RetentionAccumulator(int conditions) {
    if (conditions < 1 || conditions > MAX_CONDITIONS) {
      throw new IllegalArgumentException("RETENTION takes 1 to " + MAX_CONDITIONS
          + " conditions, got " + conditions);
    }
    this.conditions = conditions;
    this.validMask = conditions == MAX_CONDITIONS ? -1 : (1 << conditions) - 1;
  }

  /** Returns the number of conditions this accumulator was created for. */
  public int conditions() {
    return conditions;
  }

  /**
   * Adds one row.
   *
   * @param mask bit {@code i} set iff condition {@code i + 1} is true for the row (a NULL condition must already be
   *             mapped to false); bits at or above {@link #conditions()} are ignored
   */
  public void add(int mask) {
    seen |= mask & validMask;
  }

  /**
   * Returns the retention vector of the rows added since construction or the last {@link #reset()}.
   *
   * @return a new array of length {@link #conditions()}: {@code r[0]} = cond1 held on some row, {@code r[k]} =
   *         cond1 held on some row and cond(k+1) held on some row
   */
  public boolean[] result() {
    boolean[] r = new boolean[conditions];
    boolean first = (seen & 1) != 0;
    if (first) {
      for (int k = 0; k < conditions; k++) {
        r[k] = ((seen >>> k) & 1) != 0;
      }
    }
    return r;
  }

  /** Forgets all rows so the accumulator can be reused for the next group. */
  public void reset() {
    seen = 0;
  }
}
