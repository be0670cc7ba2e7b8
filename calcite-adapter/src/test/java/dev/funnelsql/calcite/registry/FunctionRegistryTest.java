package dev.funnelsql.calcite.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.funnelsql.calcite.function.BehaviouralAggFunction;
import dev.funnelsql.calcite.function.RetentionFunction;
import dev.funnelsql.calcite.registry.FunctionEntry.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.junit.jupiter.api.Test;

/** The function registry: one entry per function, and the operator table and remarks made from it. */
class FunctionRegistryTest {
  private static List<SqlOperator> lookUp(String name) {
    final List<SqlOperator> found = new ArrayList<>();
    FunctionRegistry.operatorTable().lookupOperatorOverloads(new SqlIdentifier(name, SqlParserPos.ZERO),
        null, SqlSyntax.FUNCTION, found, SqlNameMatchers.withCaseSensitive(false));
    return found;
  }

  @Test void registersEveryFunctionFunnelSqlAddsInDocumentationOrder() {
    assertEquals(List.of("FUNNEL_STEP", "FUNNEL_TIMES", "WINDOW_FUNNEL", "RETENTION", "SEQUENCE_MATCH",
        "SEQUENCE_COUNT", "SEQUENCE_NEXT_NODE", "SESSIONIZE",
        "SEGMENT_OF", "PERIOD_START", "PERIODS_BETWEEN", "DATE_TRUNC", "LOCAL_TIME"),
        FunctionRegistry.entries().stream().map(FunctionEntry::name).toList());
  }

  @Test void everyRegisteredFunctionIsInTheOperatorTableAndNothingElse() {
    for (FunctionEntry entry : FunctionRegistry.entries()) {
      assertEquals(List.of(entry.operator()), lookUp(entry.name()), entry.name());
      assertEquals(List.of(entry.operator()), lookUp(entry.name().toLowerCase()), entry.name() + " in lower case");
      assertEquals(entry, FunctionRegistry.find(entry.name()).orElseThrow());
    }
    assertEquals(FunctionRegistry.entries().stream().map(FunctionEntry::operator).toList(),
        FunctionRegistry.operatorTable().getOperatorList());
    assertTrue(lookUp("ABS").isEmpty(), "standard functions come from the standard table");
    assertTrue(FunctionRegistry.find("ABS").isEmpty());
  }

  @Test void aggregatesAreTheBehaviouralFunctionsThatBindTheirConstants() {
    for (FunctionEntry entry : FunctionRegistry.entries()) {
      assertEquals(entry.kind() == Kind.AGGREGATE, entry.operator() instanceof BehaviouralAggFunction, entry.name());
    }
    assertThrows(IllegalArgumentException.class, () -> new FunctionEntry(SqlStdOperatorTable.ABS, "ABS(x)", "INT",
        Kind.AGGREGATE, "not an aggregate"));
    assertThrows(IllegalArgumentException.class, () -> new FunctionEntry(RetentionFunction.INSTANCE, "RETAIN(c)",
        "ARRAY", Kind.AGGREGATE, "a signature for another name"));
  }

  /** The remarks {@code getFunctions} has always given, word for word: clients and the README show them. */
  @Test void remarksKeepTheirWording() {
    final Map<String, String> expected = new LinkedHashMap<>();
    expected.put("FUNNEL_STEP", "FUNNEL_STEP(ts, window, [mode,] cond1, ..., condN) -> INTEGER: aggregate; the "
        + "length 0..N of the longest chain cond1 -> cond2 -> ... matched in time order within the window "
        + "(ClickHouse windowFunnel)");
    expected.put("FUNNEL_TIMES", "FUNNEL_TIMES(ts, window, [mode,] cond1, ..., condN) -> ARRAY: aggregate; the step "
        + "times of the chain FUNNEL_STEP counted, NULL past the last step reached");
    expected.put("WINDOW_FUNNEL", "WINDOW_FUNNEL(window, mode, ts, cond1, ..., condN) -> INTEGER: aggregate; the "
        + "funnel level as Apache Doris computes it (mode 'default'|'deduplication'|'fixed'|'increase'), or as "
        + "StarRocks does in its order WINDOW_FUNNEL(window, ts, mode 0..7, cond1, ..., condN)");
    expected.put("RETENTION", "RETENTION(cond1, ..., condN) -> BOOLEAN ARRAY: aggregate; element 1 is whether cond1 "
        + "held on a row, element k whether cond1 and condk each held on a row (ClickHouse retention)");
    expected.put("SEQUENCE_MATCH", "SEQUENCE_MATCH(pattern, ts, cond1, ..., condN) -> BOOLEAN: aggregate; whether "
        + "the events in time order match a pattern such as '(?1)(?t<=3600)(?2)' (ClickHouse sequenceMatch)");
    expected.put("SEQUENCE_COUNT", "SEQUENCE_COUNT(pattern, ts, cond1, ..., condN) -> BIGINT: aggregate; the number "
        + "of non-overlapping matches of the pattern (ClickHouse sequenceCount)");
    expected.put("SEQUENCE_NEXT_NODE", "SEQUENCE_NEXT_NODE('forward'|'backward', 'head'|'tail'|'first_match'|"
        + "'last_match', ts, event_column, base_condition, event1, ..., eventN) -> VARCHAR: aggregate; the event "
        + "column's value on the event after (or before) the chain event1 -> event2 -> ... (ClickHouse "
        + "sequenceNextNode)");
    expected.put("SESSIONIZE", "SESSIONIZE(ts, gap) -> BIGINT: window function; with OVER (PARTITION BY user ORDER BY "
        + "ts), the session number 1, 2, ... of each row in time order: a session starts at the partition's first row "
        + "and after every gap longer than gap (INTERVAL or seconds); NULL for a NULL ts");
    expected.put("SEGMENT_OF", "SEGMENT_OF(segmentation, user_id [, as_of]) -> VARCHAR: the user's segment in a "
        + "segmentation of the model, as of now or as of the given time");
    expected.put("PERIOD_START", "PERIOD_START(ts, 'hour'|'day'|'week'|'month' [, zone]) -> TIMESTAMP: the start "
        + "of the calendar period holding ts (weeks start on Monday), on the connection's time zone or the one given");
    expected.put("PERIODS_BETWEEN", "PERIODS_BETWEEN(from, to, 'hour'|'day'|'week'|'month' [, zone]) -> BIGINT: "
        + "whole calendar periods from the period of from to the period of to");
    expected.put("DATE_TRUNC", "DATE_TRUNC('second'|'minute'|'hour'|'day'|'week'|'month'|'quarter'|'year', ts) -> "
        + "TIMESTAMP: ts truncated to the start of its unit on the connection's calendar (weeks start on Monday)");
    expected.put("LOCAL_TIME", "LOCAL_TIME(ts [, zone]) -> TIMESTAMP: the wall-clock time of the connection's time "
        + "zone, or of the one given, at the UTC time ts");
    final Map<String, String> actual = new LinkedHashMap<>();
    FunctionRegistry.entries().forEach(entry -> actual.put(entry.name(), entry.remarks()));
    assertEquals(expected, actual);
  }
}
