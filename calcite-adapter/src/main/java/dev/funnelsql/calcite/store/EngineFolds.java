package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.funnel.FunnelExclusion;
import dev.funnelsql.functions.funnel.FunnelSpec;
import java.util.List;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How an engine computes a whole behavioural aggregate in its own SQL, so that only one row per group leaves the
 * engine ({@code funnel.pushdown}): a funnel as a per-group fold over the group's step rows sorted by time, a
 * retention as an OR of the group's masks. Written for the engine's dialect, it gives exactly FunnelSQL's answers in
 * every mode it accepts ({@link #folds}).
 */
public interface EngineFolds {
  /** Whether the engine's SQL computes a funnel in these modes exactly. */
  boolean folds(FunnelSpec spec);

  /**
   * The time column of the step rows on the funnel's time line: epoch milliseconds for a TIMESTAMP or DATE, the
   * value for an integer.
   *
   * @param column the column, quoted for the engine
   * @param type its type
   */
  String timeLine(String column, SqlTypeName type);

  /**
   * The aggregate expression computing a funnel over one group's step rows.
   *
   * @param spec the funnel, which {@link #folds} accepts
   * @param exclusions a model funnel's exclusions (only with {@code times}), which cap the chain reported at the
   *     first exclusion met between its steps; empty for none
   * @param times whether it returns the reported chain's step times (NULL past the level) rather than the level
   * @param conditionBits per condition, the value of its bit in the mask column: the steps, then the exclusions
   * @param time the rows' time on the time line ({@link #timeLine}), NULL for rows without one
   * @param mask the rows' mask column, quoted for the engine
   */
  String funnel(FunnelSpec spec, List<FunnelExclusion> exclusions, boolean times, long[] conditionBits, String time,
      String mask);

  /**
   * The aggregate expression computing {@code RETENTION} over one group's step rows: an array of booleans, per
   * condition whether it and the first one each held on a row.
   *
   * @param conditionBits per condition, the value of its bit in the mask column
   * @param mask the rows' mask column, quoted for the engine
   */
  String retention(long[] conditionBits, String mask);

  /** How the engine's driver gives the arrays these aggregates return; as JDBC arrays by default. */
  default ArrayResults arrayResults() {
    return ArrayResults.DRIVER_ARRAY;
  }
}
