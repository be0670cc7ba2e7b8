package dev.funnelsql.examples.bench;

/**
 * One query of a table's baseline, measured once per store and shared by the tables that use it: the bare
 * {@code FUNNEL_STEP} query of mode (a) through the driver, or hand-written SQL run on the store's own driver.
 *
 * @param key what it computes, e.g. {@code membership engagement}; equal keys are measured once
 * @param sql the query
 * @param viaFunnelSql true for the {@code FUNNEL_STEP} query (through {@code jdbc:funnelsql:}, read as a histogram)
 */
record BaselinePart(String key, String sql, boolean viaFunnelSql) {
  /** The bare {@code FUNNEL_STEP} query of mode (a). */
  static BaselinePart funnelStep() {
    return new BaselinePart("FUNNEL_STEP (a)", FunnelQueries.sql(Method.FUNNELSQL), true);
  }

  /**
   * The bare {@code FUNNEL_STEP} query of mode (a) over the users who entered in {@code range}: step 1's condition
   * holds only in it, and the rows are read from its start to its end plus the window.
   */
  static BaselinePart funnelStep(EntryRange range) {
    return new BaselinePart("FUNNEL_STEP (a) entered " + range.label(), FunnelQueries.sql(range), true);
  }

  /** Hand-written SQL on the store. */
  static BaselinePart store(String key, String sql) {
    return new BaselinePart(key, sql, false);
  }
}
