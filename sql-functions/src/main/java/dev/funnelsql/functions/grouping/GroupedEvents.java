package dev.funnelsql.functions.grouping;

import java.util.Arrays;

/**
 * Rows bucketed by group ({@link EventBuffer#groupBy}): group {@code g} owns positions {@link #from}{@code (g)} to
 * {@link #to}{@code (g)} (exclusive); after {@link #sortGroup}{@code (g)} they are in (time, mask) order, ready for a
 * streaming evaluator, rows equal in both ordered by their value ids when the rows have values. Eight bytes a row
 * (twelve with values), plus four a group.
 */
public final class GroupedEvents {
  private static final int INSERTION_SORT_MAX = 32;

  private final long[] rows;
  private final int[] values;
  private final int[] start;
  private final int groupCount;
  private final long base;
  private final int maskBits;
  private final long maskMask;

  GroupedEvents(long[] rows, int[] values, int[] start, int groupCount, long base, int maskBits) {
    this.rows = rows;
    this.values = values;
    this.start = start;
    this.groupCount = groupCount;
    this.base = base;
    this.maskBits = maskBits;
    this.maskMask = maskBits == 0 ? 0L : -1L >>> (64 - maskBits);
  }

  /** Returns the number of groups (some may have no rows). */
  public int groupCount() {
    return groupCount;
  }

  /** Returns the number of rows. */
  public int size() {
    return rows.length;
  }

  /** Returns the position of group {@code g}'s first row. */
  public int from(int g) {
    return start[g];
  }

  /** Returns the position after group {@code g}'s last row. */
  public int to(int g) {
    return start[g + 1];
  }

  /** Orders group {@code g}'s rows by time, then mask (then value id, if the rows have values). */
  public void sortGroup(int g) {
    final int from = start[g];
    final int to = start[g + 1];
    if (values != null) {
      sortWithValues(from, to);
      return;
    }
    int i = from + 1;
    while (i < to && rows[i - 1] <= rows[i]) {
      i++;
    }
    if (i >= to) {
      return;
    }
    if (to - from <= INSERTION_SORT_MAX) {
      for (; i < to; i++) {
        final long row = rows[i];
        int j = i - 1;
        while (j >= from && rows[j] > row) {
          rows[j + 1] = rows[j];
          j--;
        }
        rows[j + 1] = row;
      }
    } else {
      Arrays.sort(rows, from, to);
    }
  }

  /** Sorts the rows and their values together, by (packed row, value id). */
  private void sortWithValues(int from, int to) {
    int i = from + 1;
    while (i < to && compare(i - 1, i) <= 0) {
      i++;
    }
    if (i >= to) {
      return;
    }
    if (to - from <= INSERTION_SORT_MAX) {
      for (; i < to; i++) {
        final long row = rows[i];
        final int value = values[i];
        int j = i - 1;
        while (j >= from && (rows[j] > row || rows[j] == row && values[j] > value)) {
          rows[j + 1] = rows[j];
          values[j + 1] = values[j];
          j--;
        }
        rows[j + 1] = row;
        values[j + 1] = value;
      }
      return;
    }
    final int n = to - from;
    final int[] order = IndexSort.order(n, (a, b) -> compare(from + a, from + b));
    final long[] sortedRows = new long[n];
    final int[] sortedValues = new int[n];
    for (int k = 0; k < n; k++) {
      sortedRows[k] = rows[from + order[k]];
      sortedValues[k] = values[from + order[k]];
    }
    System.arraycopy(sortedRows, 0, rows, from, n);
    System.arraycopy(sortedValues, 0, values, from, n);
  }

  private int compare(int a, int b) {
    final int c = Long.compare(rows[a], rows[b]);
    return c != 0 ? c : Integer.compare(values[a], values[b]);
  }

  /** Returns whether the rows have value ids. */
  public boolean hasValues() {
    return values != null;
  }

  /** Returns the value id of the row at {@code position} (only if the rows have values). */
  public int value(int position) {
    return values[position];
  }

  /** Returns the time of the row at {@code position}. */
  public long time(int position) {
    return (rows[position] >> maskBits) + base;
  }

  /** Returns the condition mask of the row at {@code position}. */
  public int mask(int position) {
    return (int) (rows[position] & maskMask);
  }
}
