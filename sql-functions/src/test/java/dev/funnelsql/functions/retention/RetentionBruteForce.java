package dev.funnelsql.functions.retention;

/** Obvious, slow reference for RETENTION written straight from the definition. */
final class RetentionBruteForce {

  private RetentionBruteForce() {
  }

  /** r[0] = cond1 held on some row; r[k] = cond1 held on some row and cond(k+1) held on some row. */
  static boolean[] retention(int conditions, int[] rows) {
    boolean[] r = new boolean[conditions];
    boolean firstSeen = false;
    for (int row : rows) {
      if (holds(row, 1)) {
        firstSeen = true;
      }
    }
    for (int k = 0; k < conditions; k++) {
      boolean condSeen = false;
      for (int row : rows) {
        if (holds(row, k + 1)) {
          condSeen = true;
        }
      }
      r[k] = firstSeen && condSeen;
    }
    return r;
  }

  /** True iff condition number {@code cond} (1-based) is set in the row mask. */
  private static boolean holds(int mask, int cond) {
    return ((mask >>> (cond - 1)) & 1) == 1;
  }
}
