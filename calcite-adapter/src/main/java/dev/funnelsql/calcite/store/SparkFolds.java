package dev.funnelsql.calcite.store;

import java.util.stream.Stream;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The folds of {@link LambdaFolds} in Spark's SQL: {@code aggregate}, {@code collect_list}, {@code element_at} and
 * bit operators. Spark wraps an overflowing BIGINT unless ANSI mode is on, so an entry whose time is beyond ±2<sup>57
 * </sup> raises an error itself. A TIMESTAMP is read on its wall clock in the session's time zone (as the client's
 * step scan reads it through the driver), a DATE as its day.
 */
final class SparkFolds extends LambdaFolds {
  private static final long ENTRY_TIME_LIMIT = 1L << 57;

  SparkFolds() {
    super(new FunctionNames("aggregate", "collect_list", "exists", "array_repeat", "bit_or",
        "shiftright"));
  }

  @Override public String timeLine(String column, SqlTypeName type) {
    switch (type) {
      case TIMESTAMP:
        return "unix_millis(from_utc_timestamp(" + column + ", current_timezone()))";
      case DATE:
        return "CAST(unix_date(" + column + ") AS BIGINT) * 86400000";
      default:
        return "CAST(" + column + " AS BIGINT)";
    }
  }

  /** The Hive drivers give an array as its JSON text. */
  @Override public ArrayResults arrayResults() {
    return ArrayResults.JSON_TEXT;
  }

  @Override String array(Stream<String> elements) {
    return "array(" + join(elements) + ")";
  }

  /** Element {@code index} of the array: {@code element_at} takes an INT index only, and the fold's are BIGINTs. */
  @Override String at(String array, String index) {
    return "element_at(" + array + ", CAST(" + index + " AS INT))";
  }

  @Override String bitAnd(String left, String right) {
    return "(" + left + " & " + right + ")";
  }

  @Override String emptyArray() {
    return "CAST(array() AS ARRAY<BIGINT>)";
  }

  @Override String entry(String time, String offset) {
    return "IF(" + time + " BETWEEN " + -ENTRY_TIME_LIMIT + " AND " + (ENTRY_TIME_LIMIT - 1) + ", " + time + " * 64 + "
        + offset + ", raise_error('a funnel time beyond 2^57 overflows the fold in the engine'))";
  }
}
