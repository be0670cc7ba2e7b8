package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import dev.funnelsql.functions.funnel.FunnelExclusion;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Funnels and retention in Trino's SQL. A retention is the OR of the group's masks ({@code bitwise_or_agg}). Each
 * group's step rows become one entry per step {@code k} a row meets ({@code k = 0} for
 * a row meeting none, under {@code strict_order}), the BIGINT {@code t * 64 + k}, so that sorting the group's
 * {@code array_agg} of entries orders them by {@code (t, k)}; they are {@code reduce}d over the state of
 * {@code FunnelStateMachine}, kept in one BIGINT array (nested arrays or rows cost Trino twice the time):
 * <ul>
 *   <li>{@code s[1]}: 1 once a stop rule fired; {@code s[2]}: the level reached;</li>
 *   <li>per level {@code k}, the chain of length {@code k} with the latest start (a later start dominates): only its
 *       start, {@code s[2 + k]}, for the level; all its times, {@code s[2 + (k-1)n + 1 … 2 + (k-1)n + k]}, for the
 *       times, followed by the chain reported (the first of the highest level), {@code s[2 + n² + 1 … 2 + n² + n]}.
 *   </li>
 * </ul>
 * Entries go one by one in the machine's order, so its stop rules see the level entry by entry; under
 * {@code strict_increase} the steps of one time go highest first ({@code t * 64 + 63 - k}), so that a step extends
 * only chains that ended before it. {@code strict_once} (a bipartite matching within a time) and {@code unordered} (a
 * sliding window) stay in the client's step scan, as does {@code strict_increase} combined with a stop rule. A model
 * funnel's exclusions cap the chain reported after the fold, from the times of the group's exclusion rows. An
 * integer time beyond ±2<sup>57</sup> makes Trino fail the query with an overflow, not answer wrongly.
 */
final class TrinoFolds implements EngineFolds {
  private static final Set<FunnelMode> STOP_RULES =
      EnumSet.of(FunnelMode.STRICT_DEDUPLICATION, FunnelMode.STRICT_ORDER, FunnelMode.ALLOW_REENTRY);
  private static final String TIME = "bitwise_right_shift_arithmetic(e, 6)";
  private static final String LEVEL = "s[2]";

  @Override public boolean folds(FunnelSpec spec) {
    final Set<FunnelMode> modes = spec.modes();
    return STOP_RULES.containsAll(modes) || modes.equals(EnumSet.of(FunnelMode.STRICT_INCREASE));
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

  @Override public String retention(long[] conditionBits, String mask) {
    final String seen = "coalesce(bitwise_or_agg(" + mask + "), 0)";
    // One element per condition, written out: a lambda may not hold an aggregate.
    return LongStream.of(conditionBits).mapToObj(bit -> "bitwise_and(" + seen + ", " + conditionBits[0]
        + ") <> 0 AND bitwise_and(" + seen + ", " + bit + ") <> 0").collect(Collectors.joining(", ", "ARRAY[", "]"));
  }

  private static String array(long[] values) {
    return LongStream.of(values).mapToObj(Long::toString).collect(Collectors.joining(", ", "ARRAY[", "]"));
  }

  @Override public String funnel(FunnelSpec spec, List<FunnelExclusion> exclusions, boolean times,
      long[] conditionBits, String time, String mask) {
    if (!exclusions.isEmpty() && !times) {
      throw new IllegalArgumentException("a funnel with exclusions is folded for its times only");
    }
    final int n = spec.steps();
    final boolean increase = spec.has(FunnelMode.STRICT_INCREASE);
    final long[] stepBits = Arrays.copyOf(conditionBits, n);
    final String steps = "transform(filter(sequence(1, " + n + "), i -> bitwise_and(" + mask + ", " + array(stepBits)
        + "[i]) <> 0), i -> " + time + " * 64 + " + (increase ? "(63 - i)" : "i") + ")";
    final String entries = spec.has(FunnelMode.STRICT_ORDER)
        ? "IF(bitwise_and(" + mask + ", " + LongStream.of(stepBits).sum() + ") = 0, ARRAY[" + time + " * 64], " + steps
            + ")"
        : steps;
    final int size = size(n, times);
    final String initial = "concat(ARRAY[CAST(0 AS BIGINT), 0], repeat(CAST(NULL AS BIGINT), " + (size - 2) + "))";
    final String reported = "slice(s, " + (3 + n * n) + ", " + n + ")";
    final String finish = exclusions.isEmpty() ? "s -> " + (times ? reported : "CAST(" + LEVEL + " AS INTEGER)")
        : "s -> s";
    final String fold = "reduce(" + rowsOf(entries, time) + ", " + initial + ", (s, e) -> " + step(spec, times) + ", "
        + finish + ")";
    if (exclusions.isEmpty()) {
      return fold;
    }
    // The exclusion rows, t * 64 + x for exclusion x, follow the final state, and cap the chain reported at the
    // first exclusion (in the model's order) met strictly between its steps from and to (or its last step).
    final long[] exclusionBits = Arrays.copyOfRange(conditionBits, n, conditionBits.length);
    final String excluded = rowsOf("transform(filter(sequence(1, " + exclusions.size() + "), x -> bitwise_and(" + mask
        + ", " + array(exclusionBits) + "[x]) <> 0), x -> " + time + " * 64 + x)", time);
    final String from = array(exclusions.stream().mapToLong(FunnelExclusion::from).toArray());
    final String to = array(exclusions.stream().mapToLong(FunnelExclusion::to).toArray());
    final String chain = "s[2 + " + n * n + " + ";
    final String between = "any_match(slice(s, " + (size + 1) + ", cardinality(s)), y -> bitwise_and(y, 63) = x AND "
        + "bitwise_right_shift_arithmetic(y, 6) > " + chain + from + "[x]] AND bitwise_right_shift_arithmetic(y, 6) < "
        + chain + "least(" + to + "[x], " + LEVEL + ")])";
    final String cap = "reduce(sequence(1, " + exclusions.size() + "), " + LEVEL + ", (c, x) -> IF(" + from
        + "[x] < c AND " + LEVEL + " > " + from + "[x] AND " + between + ", " + from + "[x], c), c -> c)";
    // A lambda may not hold an aggregate: the state and the exclusion rows reach it as an array's element.
    return "element_at(transform(ARRAY[concat(" + fold + ", " + excluded + ")], s -> transform(sequence(1, " + n
        + "), i -> IF(i <= " + cap + ", " + chain + "i], NULL))), 1)";
  }

  /** A group's entries, sorted: {@code entries} of each row that has a time. */
  private static String rowsOf(String entries, String time) {
    return "array_sort(coalesce(flatten(array_agg(" + entries + ") FILTER (WHERE " + time + " IS NOT NULL)), ARRAY[]))";
  }

  private static int size(int n, boolean times) {
    return times ? 2 + n * n + n : 2 + n;
  }

  /** The state after entry {@code e}. */
  private static String step(FunnelSpec spec, boolean times) {
    final int n = spec.steps();
    final String k = spec.has(FunnelMode.STRICT_INCREASE) ? "(63 - bitwise_and(e, 63))" : "bitwise_and(e, 63)";
    // Whether the entry starts a chain (k = 1) or extends the chain of length k - 1 to a better one of length k.
    final String extendsChain = "CASE WHEN " + k + " = 1 THEN true ELSE " + start(k + " - 1", n, times)
        + " IS NOT NULL AND " + TIME + " - " + start(k + " - 1", n, times) + " <= " + spec.window() + " AND ("
        + start(k, n, times) + " IS NULL OR " + start(k + " - 1", n, times) + " > " + start(k, n, times) + ") END";
    final String updates;
    if (times) {
      // Level k's chain is level k-1's (n places earlier) and t; a new level's chain becomes the one reported.
      final String row = "i - 2 - (" + k + " - 1) * " + n;
      final String report = "i - 2 - " + n * n;
      updates = "WHEN " + row + " BETWEEN 1 AND " + k + " THEN IF(" + row + " = " + k + ", " + TIME + ", s[i - " + n
          + "]) WHEN " + k + " > " + LEVEL + " AND " + report + " BETWEEN 1 AND " + k + " THEN IF(" + report + " = "
          + k + ", " + TIME + ", s[2 + (" + k + " - 2) * " + n + " + " + report + "])";
    } else {
      updates = "WHEN i = 2 + " + k + " THEN IF(" + k + " = 1, " + TIME + ", s[i - 1])";
    }
    final String advanced = "IF(" + extendsChain + ", transform(sequence(1, " + size(n, times)
        + "), i -> CASE WHEN i = 2 THEN greatest(" + k + ", " + LEVEL + ") " + updates + " ELSE s[i] END), s)";
    final String stops = stopRule(spec, k);
    if (stops.isEmpty()) {
      return advanced;
    }
    return "CASE WHEN s[1] = 1 THEN s WHEN " + stops + " THEN concat(ARRAY[CAST(1 AS BIGINT)], slice(s, 2, "
        + (size(n, times) - 1) + ")) WHEN " + k + " = 0 THEN s ELSE " + advanced + " END";
  }

  /** The start of level {@code level}'s chain. */
  private static String start(String level, int n, boolean times) {
    return times ? "s[3 + (" + level + " - 1) * " + n + "]" : "s[2 + " + level + "]";
  }

  /** When entry {@code k} fires a stop rule, given the level before it; empty if the funnel has none. */
  private static String stopRule(FunnelSpec spec, String k) {
    final StringBuilder rule = new StringBuilder();
    if (spec.has(FunnelMode.STRICT_ORDER)) {
      // An unrelated row after step 1, a skipped step, or (without allow_reentry) a new step 1 after step 2.
      rule.append("(").append(k).append(" = 0 AND ").append(LEVEL).append(" >= 1) OR (").append(k)
          .append(" >= 2 AND ").append(LEVEL).append(" >= 1 AND ").append(LEVEL).append(" < ").append(k)
          .append(" - 1)");
      if (!spec.has(FunnelMode.ALLOW_REENTRY)) {
        rule.append(" OR (").append(k).append(" = 1 AND ").append(LEVEL).append(" >= 2)");
      }
    }
    if (spec.has(FunnelMode.STRICT_DEDUPLICATION)) {
      // A repeat of a step already reached, other than step 1.
      rule.append(rule.length() == 0 ? "" : " OR ").append("(").append(k).append(" >= 2 AND ").append(LEVEL)
          .append(" >= ").append(k).append(")");
    }
    return rule.length() == 0 ? "" : "(" + rule + ")";
  }
}
