package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.funnel.FunnelExclusion;
import dev.funnelsql.functions.funnel.FunnelSpec;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The folds of {@link LambdaFolds} in ClickHouse's SQL: {@code arrayFold}, {@code arrayMap} and the other array
 * functions, which take their lambda first; the state's elements are {@code Nullable(Int64)} throughout, since
 * {@code arrayFold} requires its lambda to return exactly its state's type. ClickHouse wraps an overflowing Int64, so
 * an entry whose time is beyond ±2<sup>57</sup> fails the query with {@code throwIf}. A TIMESTAMP is read on its wall
 * clock in its time zone (the server's, unless the column names one), as ClickHouse's driver gives it to the client's
 * step scan; a DATE as its day.
 *
 * <p>A funnel in the default mode, reporting its level only, is ClickHouse's own {@code windowFunnel}, which is the
 * same algorithm: one entry per (row, condition met), stably sorted by (time, condition), each level keeping the chain
 * with the latest start (a step extends level k-1's chain when it lies within the window of that chain's start), the
 * answer the highest level set. Its other modes differ from FunnelSQL's exact ones (ClickHouse issue #52844 under
 * {@code strict_increase}; {@code strict_deduplication} answered a condition index before ClickHouse's fix of
 * #37177), so they are folded with {@code arrayFold}.
 */
final class ClickHouseFolds extends LambdaFolds {
  private static final long ENTRY_TIME_LIMIT = 1L << 57;
  /** Added to a time to give {@code windowFunnel} the unsigned timestamp it takes. */
  private static final long UNSIGNED_OFFSET = 1L << 62;
  private static final int WINDOW_FUNNEL_MAX_STEPS = 32;

  ClickHouseFolds() {
    super(new FunctionNames("arrayFold", "groupArray", "arrayExists", "arrayWithConstant", "groupBitOr",
        "bitShiftRight"));
  }

  @Override public String timeLine(String column, SqlTypeName type) {
    switch (type) {
      case TIMESTAMP:
        return "(toUnixTimestamp64Milli(toDateTime64(" + column + ", 3)) + toInt64(timeZoneOffset(" + column
            + ")) * 1000)";
      case DATE:
        return "(toInt64(dateDiff('day', toDate32('1970-01-01'), " + column + ")) * 86400000)";
      default:
        return "toInt64(" + column + ")";
    }
  }

  @Override String array(Stream<String> elements) {
    return "[" + join(elements) + "]";
  }

  @Override String at(String array, String index) {
    return array + "[" + index + "]";
  }

  @Override String bitAnd(String left, String right) {
    return "bitAnd(" + left + ", " + right + ")";
  }

  @Override String emptyArray() {
    return "CAST([] AS Array(Nullable(Int64)))";
  }

  @Override public String funnel(FunnelSpec spec, List<FunnelExclusion> exclusions, boolean times,
      long[] conditionBits, String time, String mask) {
    if (!spec.modes().isEmpty() || !exclusions.isEmpty() || times || spec.steps() > WINDOW_FUNNEL_MAX_STEPS
        || spec.window() >= UNSIGNED_OFFSET) {
      return super.funnel(spec, exclusions, times, conditionBits, time, mask);
    }
    final String conditions = IntStream.range(0, spec.steps())
        .mapToObj(step -> bitAnd(mask, Long.toString(conditionBits[step])) + " <> 0")
        .collect(Collectors.joining(", "));
    // A group without a timed row gives NULL, not 0.
    return "toInt32(ifNull(windowFunnel(" + spec.window() + ")(toUInt64(" + time + " + " + UNSIGNED_OFFSET + " + "
        + timeLimit(time) + "), " + conditions + "), 0))";
  }

  @Override String entry(String time, String offset) {
    return "(" + time + " * 64 + " + offset + " + " + timeLimit(time) + ")";
  }

  /** 0, or the query fails where the time is beyond ±2<sup>57</sup>, which the fold's entries would overflow. */
  private static String timeLimit(String time) {
    return "throwIf(ifNull(" + time + " NOT BETWEEN " + -ENTRY_TIME_LIMIT + " AND " + (ENTRY_TIME_LIMIT - 1)
        + ", 0), 'a funnel time beyond 2^57 overflows the fold in the engine')";
  }

  @Override String transform(String array, String param, String body) {
    return "arrayMap(" + param + " -> " + body + ", " + array + ")";
  }

  @Override String filter(String array, String param, String body) {
    return "arrayFilter(" + param + " -> " + body + ", " + array + ")";
  }

  @Override String anyMatch(String array, String param, String body) {
    return "arrayExists(" + param + " -> " + body + ", " + array + ")";
  }

  @Override String sequence(String from, String to) {
    return "range(" + from + ", " + to + " + 1)";
  }

  @Override String slice(String array, String start, String length) {
    return "arraySlice(" + array + ", " + start + ", " + length + ")";
  }

  @Override String concat(String first, String second) {
    return "arrayConcat(" + first + ", " + second + ")";
  }

  @Override String cardinality(String array) {
    return "length(" + array + ")";
  }

  @Override String repeat(String element, int count) {
    return "arrayWithConstant(" + count + ", " + element + ")";
  }

  /** {@code arrayFold} takes no finishing lambda: the finish is applied to its result. */
  @Override String fold(String array, String initial, String state, String element, String merge, String finish) {
    final String folded = "arrayFold((" + state + ", " + element + ") -> " + merge + ", " + array + ", " + initial
        + ")";
    return finish.equals(state) ? folded : apply(folded, state, finish);
  }

  @Override String apply(String value, String param, String body) {
    return "arrayMap(" + param + " -> " + body + ", [" + value + "])[1]";
  }

  @Override String bigint(String value) {
    return "toNullable(toInt64(" + value + "))";
  }

  @Override String nullBigint() {
    return "CAST(NULL AS Nullable(Int64))";
  }

  @Override String integer(String value) {
    return "toInt32(" + value + ")";
  }

  @Override String bool(String condition) {
    return "toBool(" + condition + ")";
  }

  /** {@code groupArrayIf}: ClickHouse's aggregates take their filter as a combinator. */
  @Override String rowsOf(String entries, String time) {
    return "arraySort(arrayFlatten(groupArrayIf(" + entries + ", " + time + " IS NOT NULL)))";
  }
}
