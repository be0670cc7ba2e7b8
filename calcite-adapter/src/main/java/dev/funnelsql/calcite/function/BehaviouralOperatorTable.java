package dev.funnelsql.calcite.function;

import java.util.List;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/** The operator table of FunnelSQL's behavioural functions, chained in front of the standard operators. */
public final class BehaviouralOperatorTable {
  /** Every behavioural aggregate, in the order the documentation lists them. */
  public static final List<BehaviouralAggFunction> FUNCTIONS = List.of(FunnelFunction.FUNNEL_STEP,
      FunnelFunction.FUNNEL_TIMES, RetentionFunction.INSTANCE, SequenceFunction.SEQUENCE_MATCH,
      SequenceFunction.SEQUENCE_COUNT);

  private static final SqlOperatorTable TABLE = SqlOperatorTables.of(FUNCTIONS);

  private BehaviouralOperatorTable() {
  }

  /** Returns the table. */
  public static SqlOperatorTable instance() {
    return TABLE;
  }
}
