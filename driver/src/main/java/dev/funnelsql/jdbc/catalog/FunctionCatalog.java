package dev.funnelsql.jdbc.catalog;

import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The rows of {@code DatabaseMetaData.getFunctions}: FunnelSQL's functions, each with its signature and a one-line
 * description as {@code REMARKS}, and the standard SQL functions Calcite provides (no remarks). None belongs to a
 * catalog or schema.
 */
public final class FunctionCatalog {
  /** FunnelSQL's functions and their remarks, in the order the README documents them. */
  public static final Map<String, String> FUNNELSQL = remarks();

  private FunctionCatalog() {
  }

  private static Map<String, String> remarks() {
    final Map<String, String> map = new LinkedHashMap<>();
    map.put("FUNNEL_STEP", "FUNNEL_STEP(ts, window, [mode,] cond1, ..., condN) -> INTEGER: aggregate; the length "
        + "0..N of the longest chain cond1 -> cond2 -> ... matched in time order within the window "
        + "(ClickHouse windowFunnel)");
    map.put("FUNNEL_TIMES", "FUNNEL_TIMES(ts, window, [mode,] cond1, ..., condN) -> ARRAY: aggregate; the step "
        + "times of the chain FUNNEL_STEP counted, NULL past the last step reached");
    map.put("RETENTION", "RETENTION(cond1, ..., condN) -> BOOLEAN ARRAY: aggregate; element 1 is whether cond1 held "
        + "on a row, element k whether cond1 and condk each held on a row (ClickHouse retention)");
    map.put("SEQUENCE_MATCH", "SEQUENCE_MATCH(pattern, ts, cond1, ..., condN) -> BOOLEAN: aggregate; whether the "
        + "events in time order match a pattern such as '(?1).*(?t<=3600)(?2)' (ClickHouse sequenceMatch)");
    map.put("SEQUENCE_COUNT", "SEQUENCE_COUNT(pattern, ts, cond1, ..., condN) -> BIGINT: aggregate; the number of "
        + "non-overlapping matches of the pattern (ClickHouse sequenceCount)");
    map.put("SEGMENT_OF", "SEGMENT_OF(segmentation, user_id [, as_of]) -> VARCHAR: the user's segment in a "
        + "segmentation of the model, as of now or as of the given time");
    map.put("PERIOD_START", "PERIOD_START(ts, 'day'|'week'|'month') -> TIMESTAMP: the start of the UTC calendar "
        + "period holding ts (weeks start on Monday)");
    map.put("PERIODS_BETWEEN", "PERIODS_BETWEEN(from, to, 'day'|'week'|'month') -> BIGINT: whole UTC calendar "
        + "periods from the period of from to the period of to");
    map.put("DATE_TRUNC", "DATE_TRUNC('second'|'minute'|'hour'|'day'|'week'|'month'|'quarter'|'year', ts) -> "
        + "TIMESTAMP: ts truncated to the start of its unit on the UTC calendar (weeks start on Monday)");
    return map;
  }

  /**
   * The rows ({@code FUNCTION_CAT}, {@code FUNCTION_SCHEM}, {@code FUNCTION_NAME}, {@code REMARKS},
   * {@code FUNCTION_TYPE}, {@code SPECIFIC_NAME}) of the functions whose name matches a LIKE pattern, ordered by name.
   * A schema pattern other than null, {@code %} or the empty string matches none (no function has a schema).
   */
  public static List<Object[]> rows(@Nullable String schemaPattern, @Nullable String namePattern) {
    final List<Object[]> rows = new ArrayList<>();
    if (schemaPattern != null && !schemaPattern.isEmpty() && !schemaPattern.equals("%")) {
      return rows;
    }
    final Predicate1<String> matches = LikePattern.matcher(namePattern == null ? "%" : namePattern);
    final TreeSet<String> names = new TreeSet<>(FUNNELSQL.keySet());
    for (SqlOperator operator : SqlStdOperatorTable.instance().getOperatorList()) {
      if (SqlKind.FUNCTION.contains(operator.getKind()) && !operator.getName().startsWith("$")) {
        names.add(operator.getName());
      }
    }
    for (String name : names) {
      if (matches.apply(name)) {
        rows.add(new Object[] {null, null, name, FUNNELSQL.get(name), (short) DatabaseMetaData.functionNoTable,
            name});
      }
    }
    rows.sort(Comparator.comparing(row -> (String) row[2]));
    return rows;
  }
}
