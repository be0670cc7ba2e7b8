package dev.funnelsql.examples.bench;

/**
 * One table's line of the tables report: FunnelSQL's measurement, its baseline's time and the answer check.
 *
 * @param store the store
 * @param table the table and its baseline
 * @param funnel FunnelSQL's runs, or why they failed
 * @param baselineSeconds the sum of the baseline parts' median times, or NaN if one failed
 * @param baselineError why the baseline failed, or null
 * @param check {@code equal}, {@code not checked: …} or the mismatch
 * @param events events in the store
 */
record TableRow(StoreKind store, ShopTable table, Outcome funnel, double baselineSeconds, String baselineError,
    String check, long events) {
  /** FunnelSQL's time / the baseline's, or NaN when either is missing. */
  double ratio() {
    return funnel.seconds() / baselineSeconds;
  }

  /** Whether the ratio is within the target (false when either time is missing). */
  boolean met() {
    return ratio() <= table.target();
  }
}
