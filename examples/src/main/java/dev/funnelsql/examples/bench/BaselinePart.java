package dev.funnelsql.examples.bench;

/**
 * One query of a table's baseline, measured beside each table that uses it (its answer kept from the first time):
 * the bare {@code FUNNEL_STEP} query of mode (a) or the {@code FUNNEL_TIMES} one through the driver, or hand-written
 * SQL run on the store's own driver.
 *
 * @param key what it computes, e.g. {@code membership engagement}; equal keys are the same query
 * @param sql the query
 * @param read how it is run and read
 */
record BaselinePart(String key, String sql, Read read) {
  /** How a part is run and read. */
  enum Read {
    /** Through {@code jdbc:funnelsql:}, read as the funnel's histogram (users per level). */
    FUNNEL_HISTOGRAM,
    /** Through {@code jdbc:funnelsql:}, every value read as any client reads it, arrays element by element. */
    FUNNEL_ROWS,
    /** On the store's own driver, streamed, every value's canonical text hashed. */
    STORE
  }

  /** The bare {@code FUNNEL_STEP} query of mode (a). */
  static BaselinePart funnelStep() {
    return new BaselinePart("FUNNEL_STEP (a)", FunnelQueries.sql(Method.FUNNELSQL), Read.FUNNEL_HISTOGRAM);
  }

  /**
   * The bare {@code FUNNEL_STEP} query of mode (a) over the users who entered in {@code range}: step 1's condition
   * holds only in it, and the rows are read from its start to its end plus the window.
   */
  static BaselinePart funnelStep(EntryRange range) {
    return new BaselinePart("FUNNEL_STEP (a) entered " + range.label(), FunnelQueries.sql(range),
        Read.FUNNEL_HISTOGRAM);
  }

  /**
   * The function under the funnel's detail table, per user: {@code FUNNEL_TIMES} of mode (a)'s funnel, a row per
   * user who entered, read whole (the times of the steps each user reached, which the detail table has a row each).
   */
  static BaselinePart funnelTimesPerUser() {
    return new BaselinePart("FUNNEL_TIMES per user", FunnelQueries.timesPerUser(), Read.FUNNEL_ROWS);
  }

  /** Hand-written SQL on the store. */
  static BaselinePart store(String key, String sql) {
    return new BaselinePart(key, sql, Read.STORE);
  }

  /** Whether it runs through {@code jdbc:funnelsql:} rather than on the store's own driver. */
  boolean viaFunnelSql() {
    return read != Read.STORE;
  }
}
