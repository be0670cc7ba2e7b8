package dev.funnelsql.calcite.stepscan;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A few thousand step rows as read from the store — key, time, mask, value (if the functions take one) and whether
 * the row is an event — in primitive arrays, with the dense id of each row's group, handed from the thread that reads
 * the result set (and gives the ids) to the thread that buckets the rows.
 */
final class RowBatch {
  /** Rows per batch. */
  static final int CAPACITY = 4096;

  /** Integer keys. */
  final long[] keys = new long[CAPACITY];
  /** Whether the key is NULL (integer keys). */
  final boolean[] keyNull = new boolean[CAPACITY];
  /** Other keys, in Calcite's representation (a list for several columns); null until a key needs them. */
  @Nullable Object[] values;
  final long[] times = new long[CAPACITY];
  final int[] masks = new int[CAPACITY];
  /** The dense id of each row's group, given by the reading thread ({@link GroupKeys#idOf}). */
  final int[] ids = new int[CAPACITY];
  /** The heap the group keys held once this batch's rows had their ids. */
  long keyBytes;
  /** Whether the row is an event for the functions, rather than only a sign that its group exists. */
  final boolean[] events = new boolean[CAPACITY];
  /** The rows' values as the store's driver returned them (null for SQL NULL); null if the rows have none. */
  @Nullable String[] texts;
  /** The numbers the store gave the rows' values (-1 for NULL); null unless the store numbers them. */
  int @Nullable [] numbers;
  int size;

  /** The array of other keys, created on first use. */
  @Nullable Object[] values() {
    if (values == null) {
      values = new Object[CAPACITY];
    }
    return values;
  }

  /** The array of value numbers, created on first use. */
  int[] numbers() {
    if (numbers == null) {
      numbers = new int[CAPACITY];
    }
    return numbers;
  }

  /** The array of values, created on first use. */
  @Nullable String[] texts() {
    if (texts == null) {
      texts = new String[CAPACITY];
    }
    return texts;
  }
}
