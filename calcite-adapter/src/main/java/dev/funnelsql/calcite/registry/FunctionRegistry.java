package dev.funnelsql.calcite.registry;

import dev.funnelsql.calcite.function.FunnelFunction;
import dev.funnelsql.calcite.function.PeriodFunction;
import dev.funnelsql.calcite.function.RetentionFunction;
import dev.funnelsql.calcite.function.SequenceFunction;
import dev.funnelsql.calcite.function.SequenceNextNodeFunction;
import dev.funnelsql.calcite.function.SessionizeFunction;
import dev.funnelsql.calcite.function.WindowFunnelFunction;
import dev.funnelsql.calcite.registry.FunctionEntry.Kind;
import dev.funnelsql.calcite.segment.SegmentOfFunction;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Every SQL function FunnelSQL adds, one entry each: the single list that the validator's operator table and the
 * driver's {@code getFunctions} are made from, so a new function is registered in one place.
 */
public final class FunctionRegistry {
  private static final String CONDITIONS = "cond1, ..., condN";
  private static final String PERIODS = "'hour'|'day'|'week'|'month'";

  /** The functions, in the order the README documents them. */
  private static final List<FunctionEntry> ENTRIES = List.of(
      new FunctionEntry(FunnelFunction.FUNNEL_STEP,
          "FUNNEL_STEP(ts, window, [mode,] " + CONDITIONS + ")", "INTEGER", Kind.AGGREGATE,
          "the length 0..N of the longest chain cond1 -> cond2 -> ... matched in time order within the window "
              + "(ClickHouse windowFunnel)"),
      new FunctionEntry(FunnelFunction.FUNNEL_TIMES,
          "FUNNEL_TIMES(ts, window, [mode,] " + CONDITIONS + ")", "ARRAY", Kind.AGGREGATE,
          "the step times of the chain FUNNEL_STEP counted, NULL past the last step reached"),
      new FunctionEntry(WindowFunnelFunction.INSTANCE,
          "WINDOW_FUNNEL(window, mode, ts, " + CONDITIONS + ")", "INTEGER", Kind.AGGREGATE,
          "the funnel level as Apache Doris computes it (mode 'default'|'deduplication'|'fixed'|'increase'), or "
              + "as StarRocks does in its order WINDOW_FUNNEL(window, ts, mode 0..7, cond1, ..., condN)"),
      new FunctionEntry(RetentionFunction.INSTANCE, "RETENTION(" + CONDITIONS + ")", "BOOLEAN ARRAY",
          Kind.AGGREGATE, "element 1 is whether cond1 held on a row, element k whether cond1 and condk each held on "
              + "a row (ClickHouse retention)"),
      new FunctionEntry(SequenceFunction.SEQUENCE_MATCH,
          "SEQUENCE_MATCH(pattern, ts, " + CONDITIONS + ")", "BOOLEAN", Kind.AGGREGATE,
          "whether the events in time order match a pattern such as '(?1)(?t<=3600)(?2)' "
              + "(ClickHouse sequenceMatch)"),
      new FunctionEntry(SequenceFunction.SEQUENCE_COUNT,
          "SEQUENCE_COUNT(pattern, ts, " + CONDITIONS + ")", "BIGINT", Kind.AGGREGATE,
          "the number of non-overlapping matches of the pattern (ClickHouse sequenceCount)"),
      new FunctionEntry(SequenceNextNodeFunction.INSTANCE,
          "SEQUENCE_NEXT_NODE('forward'|'backward', 'head'|'tail'|'first_match'|'last_match', ts, event_column, "
              + "base_condition, event1, ..., eventN)", "VARCHAR", Kind.AGGREGATE,
          "the event column's value on the event after (or before) the chain event1 -> event2 -> ... "
              + "(ClickHouse sequenceNextNode)"),
      new FunctionEntry(SessionizeFunction.INSTANCE, "SESSIONIZE(ts, gap)", "BIGINT", Kind.WINDOW,
          "with OVER (PARTITION BY user ORDER BY ts), the session number 1, 2, ... of each row in time order: a "
              + "session starts at the partition's first row and after every gap longer than gap (INTERVAL or "
              + "seconds); NULL for a NULL ts"),
      new FunctionEntry(SegmentOfFunction.INSTANCE, "SEGMENT_OF(segmentation, user_id [, as_of])",
          "VARCHAR", Kind.SCALAR,
          "the user's segment in a segmentation of the model, as of now or as of the given time"),
      new FunctionEntry(PeriodFunction.PERIOD_START, "PERIOD_START(ts, " + PERIODS + " [, zone])",
          "TIMESTAMP", Kind.SCALAR, "the start of the calendar period holding ts (weeks start on Monday), on the "
              + "connection's time zone or the one given"),
      new FunctionEntry(PeriodFunction.PERIODS_BETWEEN,
          "PERIODS_BETWEEN(from, to, " + PERIODS + " [, zone])", "BIGINT", Kind.SCALAR,
          "whole calendar periods from the period of from to the period of to"),
      new FunctionEntry(PeriodFunction.DATE_TRUNC,
          "DATE_TRUNC('second'|'minute'|'hour'|'day'|'week'|'month'|'quarter'|'year', ts)", "TIMESTAMP",
          Kind.SCALAR, "ts truncated to the start of its unit on the connection's calendar (weeks start on Monday)"),
      new FunctionEntry(PeriodFunction.LOCAL_TIME, "LOCAL_TIME(ts [, zone])", "TIMESTAMP", Kind.SCALAR,
          "the wall-clock time of the connection's time zone, or of the one given, at the UTC time ts"));

  private static final SqlOperatorTable TABLE =
      SqlOperatorTables.of(ENTRIES.stream().map(FunctionEntry::operator).toList());

  private FunctionRegistry() {
  }

  /** Every function, in the order the README documents them. */
  public static List<FunctionEntry> entries() {
    return ENTRIES;
  }

  /** The function of a name (as the validator spells it, upper case), if FunnelSQL adds one. */
  public static Optional<FunctionEntry> find(String name) {
    return ENTRIES.stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  /** The operator table of every function, chained in front of the standard operators when a query is prepared. */
  public static SqlOperatorTable operatorTable() {
    return TABLE;
  }
}
