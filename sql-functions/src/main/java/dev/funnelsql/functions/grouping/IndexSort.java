package dev.funnelsql.functions.grouping;

/**
 * A stable merge sort of {@code int} values under a caller's comparator, so that the accumulators sort their rows
 * through an index permutation without boxing, and one sort serves them all.
 */
public final class IndexSort {

  private static final int INSERTION_RUN = 24;

  /** Compares two {@code int} values (typically indexes into the caller's arrays). */
  @FunctionalInterface
  public interface Comparator {
    /** Returns a negative number, zero or a positive number as {@code a} sorts before, with or after {@code b}. */
    int compare(int a, int b);
  }

  private IndexSort() {
  }

  /**
   * The indexes {@code 0..n-1} in the order {@code c} gives, ties in index order.
   *
   * @param n how many rows
   * @param c the order of two row indexes
   */
  public static int[] order(int n, Comparator c) {
    final int[] identity = new int[n];
    for (int i = 0; i < n; i++) {
      identity[i] = i;
    }
    return sort(identity, n, new int[n], c);
  }

  /** A copy of {@code values} with {@code values[order[i]]} at {@code i}, for {@code i < n} (same length). */
  public static long[] permute(long[] values, int[] order, int n) {
    final long[] out = new long[values.length];
    for (int i = 0; i < n; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  /** A copy of {@code values} with {@code values[order[i]]} at {@code i}, for {@code i < n}. */
  public static int[] permute(int[] values, int[] order, int n) {
    final int[] out = new int[values.length];
    for (int i = 0; i < n; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  /** A copy of {@code values} with {@code values[order[i]]} at {@code i}, for {@code i < n}. */
  public static <T> T[] permute(T[] values, int[] order, int n) {
    final T[] out = java.util.Arrays.copyOf(values, values.length);
    for (int i = 0; i < n; i++) {
      out[i] = values[order[i]];
    }
    return out;
  }

  /**
   * Sorts {@code a[0..n-1]} stably.
   *
   * @param a       the values
   * @param n       how many values to sort
   * @param scratch at least {@code n} ints of scratch space
   * @param c       the order
   * @return {@code a} or {@code scratch}, whichever holds the sorted values
   */
  public static int[] sort(int[] a, int n, int[] scratch, Comparator c) {
    for (int lo = 0; lo < n; lo += INSERTION_RUN) {
      insertionSort(a, lo, Math.min(n, lo + INSERTION_RUN), c);
    }
    int[] src = a;
    int[] dst = scratch;
    for (long width = INSERTION_RUN; width < n; width *= 2) {
      for (long lo = 0; lo < n; lo += 2 * width) {
        merge(src, dst, (int) lo, (int) Math.min(n, lo + width), (int) Math.min(n, lo + 2 * width), c);
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    return src;
  }

  private static void insertionSort(int[] a, int from, int to, Comparator c) {
    for (int i = from + 1; i < to; i++) {
      int v = a[i];
      int p = i - 1;
      while (p >= from && c.compare(a[p], v) > 0) {
        a[p + 1] = a[p];
        p--;
      }
      a[p + 1] = v;
    }
  }

  private static void merge(int[] src, int[] dst, int from, int mid, int to, Comparator c) {
    int x = from;
    int y = mid;
    int o = from;
    while (x < mid && y < to) {
      if (c.compare(src[y], src[x]) < 0) {
        dst[o++] = src[y++];
      } else {
        dst[o++] = src[x++];
      }
    }
    System.arraycopy(src, x, dst, o, mid - x);
    o += mid - x;
    System.arraycopy(src, y, dst, o, to - y);
  }
}
