package dev.funnelsql.calcite.store;

import java.util.stream.Stream;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The folds of {@link LambdaFolds} in Trino's SQL: {@code reduce}, {@code array_agg}, {@code bitwise_*} and
 * subscripts; Trino fails a query whose BIGINT arithmetic overflows.
 */
final class TrinoFolds extends LambdaFolds {
  TrinoFolds() {
    super(new FunctionNames("reduce", "array_agg", "any_match", "repeat", "bitwise_or_agg",
        "bitwise_right_shift_arithmetic"));
  }

  @Override public String timeLine(String column, SqlTypeName type) {
    switch (type) {
      case TIMESTAMP:
        return "date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00.000', " + column + ")";
      case DATE:
        return "date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00.000', CAST(" + column + " AS TIMESTAMP(3)))";
      default:
        return "CAST(" + column + " AS BIGINT)";
    }
  }

  @Override String array(Stream<String> elements) {
    return "ARRAY[" + join(elements) + "]";
  }

  @Override String at(String array, String index) {
    return array + "[" + index + "]";
  }

  @Override String bitAnd(String left, String right) {
    return "bitwise_and(" + left + ", " + right + ")";
  }

  @Override String emptyArray() {
    return "ARRAY[]";
  }

  @Override String entry(String time, String offset) {
    return time + " * 64 + " + offset;
  }
}
