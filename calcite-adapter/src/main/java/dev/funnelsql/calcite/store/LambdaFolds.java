package dev.funnelsql.calcite.store;

import dev.funnelsql.functions.funnel.FunnelExclusion;
import dev.funnelsql.functions.funnel.FunnelMode;
import dev.funnelsql.functions.funnel.FunnelSpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Funnels and retention in the SQL of an engine with arrays and lambdas (Trino, Spark), written once here; each
 * engine's subclass names the functions whose names differ ({@link FunctionNames}) and spells the few whose forms
 * differ. A retention is the OR of the group's masks. Each
 * group's step rows become one entry per step {@code k} a row meets ({@code k = 0} for a row meeting none, under
 * {@code strict_order}), the BIGINT {@code t * 64 + k}, so that sorting the group's collected entries orders them by
 * {@code (t, k)}; they are folded over the state of {@code FunnelStateMachine}, kept in one BIGINT array (nested
 * arrays or rows cost Trino twice the time):
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
 * integer time beyond ±2<sup>57</sup> fails the query ({@link #entry}), never answers wrongly. Array indices are
 * 1-based and only ever read inside the array, with every branch that could leave it behind a condition.
 */
abstract class LambdaFolds implements EngineFolds {
  private static final Set<FunnelMode> STOP_RULES =
      EnumSet.of(FunnelMode.STRICT_DEDUPLICATION, FunnelMode.STRICT_ORDER, FunnelMode.ALLOW_REENTRY);

  @Override public final boolean folds(FunnelSpec spec) {
    final Set<FunnelMode> modes = spec.modes();
    return STOP_RULES.containsAll(modes) || modes.equals(EnumSet.of(FunnelMode.STRICT_INCREASE));
  }

  /**
   * The engine's names of the functions that differ only in name (the arguments are the same on every engine).
   *
   * @param reduce the fold of an array from an initial state with a merge lambda, then a finish lambda
   * @param collect the aggregate collecting a value of the group's rows into an array
   * @param anyMatch whether some element of an array satisfies a lambda
   * @param repeat an array of copies of a value
   * @param orAggregate the aggregate OR of a BIGINT over the group's rows
   * @param shiftRight a BIGINT shifted right, keeping its sign
   */
  record FunctionNames(String reduce, String collect, String anyMatch, String repeat, String orAggregate,
      String shiftRight) {
  }

  private final FunctionNames names;

  LambdaFolds(FunctionNames names) {
    this.names = names;
  }

  // The engine's spellings.

  /** An array of these elements. */
  abstract String array(Stream<String> elements);

  /** Element {@code index} (1-based) of {@code array}. */
  abstract String at(String array, String index);

  /** The bitwise AND of two BIGINTs. */
  abstract String bitAnd(String left, String right);

  /** An empty array of BIGINT. */
  abstract String emptyArray();

  /**
   * {@code time * 64 + offset}, the entry of a row: the engine must fail the query, not wrap, where the product leaves
   * the BIGINT range.
   */
  abstract String entry(String time, String offset);

  // The spellings that Trino and Spark share, which another engine may write otherwise.

  /** The array of {@code body} for each element {@code param} of {@code array}. */
  String transform(String array, String param, String body) {
    return "transform(" + array + ", " + param + " -> " + body + ")";
  }

  /** The elements {@code param} of {@code array} for which {@code body} holds. */
  String filter(String array, String param, String body) {
    return "filter(" + array + ", " + param + " -> " + body + ")";
  }

  /** Whether {@code body} holds for some element {@code param} of {@code array}. */
  String anyMatch(String array, String param, String body) {
    return call(names.anyMatch(), array, param + " -> " + body);
  }

  /** The BIGINTs {@code from} to {@code to}, both included. */
  String sequence(String from, String to) {
    return "sequence(" + from + ", " + to + ")";
  }

  /** {@code length} elements of {@code array} from the 1-based {@code start}. */
  String slice(String array, String start, String length) {
    return "slice(" + array + ", " + start + ", " + length + ")";
  }

  /** Two arrays one after the other. */
  String concat(String first, String second) {
    return "concat(" + first + ", " + second + ")";
  }

  /** The number of elements of {@code array}. */
  String cardinality(String array) {
    return "cardinality(" + array + ")";
  }

  /** {@code count} copies of {@code element}. */
  String repeat(String element, int count) {
    return call(names.repeat(), element, count);
  }

  /**
   * The fold of {@code array} from {@code initial}: {@code merge} of the state (named {@code state} in it) and each
   * element ({@code element}), then {@code finish} of the final state (named {@code state} too).
   */
  String fold(String array, String initial, String state, String element, String merge, String finish) {
    return call(names.reduce(), array, initial, "(" + state + ", " + element + ") -> " + merge,
        state + " -> " + finish);
  }

  /** {@code body} of {@code value}, named {@code param} in it (a lambda applied to one value). */
  String apply(String value, String param, String body) {
    return "element_at(" + transform(array(Stream.of(value)), param, body) + ", 1)";
  }

  /** A BIGINT value (the state's elements are BIGINTs, NULL where unset). */
  String bigint(String value) {
    return "CAST(" + value + " AS BIGINT)";
  }

  /** A BIGINT NULL. */
  String nullBigint() {
    return "CAST(NULL AS BIGINT)";
  }

  /** The level reached, an INTEGER, from the state's BIGINT. */
  String integer(String value) {
    return "CAST(" + value + " AS INTEGER)";
  }

  /** A retention's element, a condition, as the engine's BOOLEAN. */
  String bool(String condition) {
    return condition;
  }

  /** A group's entries, sorted: {@code entries} of each row that has a time. */
  String rowsOf(String entries, String time) {
    return "array_sort(coalesce(flatten(" + call(names.collect(), entries) + " FILTER (WHERE " + time
        + " IS NOT NULL)), " + emptyArray() + "))";
  }

  // The algorithm.

  private static String call(String function, Object... arguments) {
    return function + Stream.of(arguments).map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
  }

  private String shiftRight(String value, int bits) {
    return call(names.shiftRight(), value, bits);
  }

  private String array(long[] values) {
    return array(LongStream.of(values).mapToObj(Long::toString));
  }

  private String level() {
    return at("s", "2");
  }

  private String time() {
    return shiftRight("e", 6);
  }

  @Override public final String retention(long[] conditionBits, String mask) {
    final String seen = "coalesce(" + call(names.orAggregate(), mask) + ", 0)";
    // One element per condition, written out: a lambda may not hold an aggregate.
    return array(LongStream.of(conditionBits).mapToObj(bit -> bool(bitAnd(seen, Long.toString(conditionBits[0]))
        + " <> 0 AND " + bitAnd(seen, Long.toString(bit)) + " <> 0")));
  }

  @Override public String funnel(FunnelSpec spec, List<FunnelExclusion> exclusions, boolean times,
      long[] conditionBits, String time, String mask) {
    if (!exclusions.isEmpty() && !times) {
      throw new IllegalArgumentException("a funnel with exclusions is folded for its times only");
    }
    final int n = spec.steps();
    final boolean increase = spec.has(FunnelMode.STRICT_INCREASE);
    final long[] stepBits = Arrays.copyOf(conditionBits, n);
    final String steps = transform(filter(sequence("1", Integer.toString(n)), "i",
        bitAnd(mask, at(array(stepBits), "i")) + " <> 0"), "i", entry(time, increase ? "(63 - i)" : "i"));
    final String entries = spec.has(FunnelMode.STRICT_ORDER)
        ? "IF(" + bitAnd(mask, Long.toString(LongStream.of(stepBits).sum())) + " = 0, "
            + array(Stream.of(entry(time, "0"))) + ", " + steps + ")"
        : steps;
    final int size = size(n, times);
    final String initial = concat(array(Stream.of(bigint("0"), bigint("0"))), repeat(nullBigint(), size - 2));
    final String reported = slice("s", Integer.toString(3 + n * n), Integer.toString(n));
    final String finish = exclusions.isEmpty() ? times ? reported : integer(level()) : "s";
    final String fold = fold(rowsOf(entries, time), initial, "s", "e", step(spec, times), finish);
    if (exclusions.isEmpty()) {
      return fold;
    }
    // The exclusion rows, t * 64 + x for exclusion x, follow the final state, and cap the chain reported at the
    // first exclusion (in the model's order) met strictly between its steps from and to (or its last step).
    final long[] exclusionBits = Arrays.copyOfRange(conditionBits, n, conditionBits.length);
    final String excluded = rowsOf(transform(filter(sequence("1", Integer.toString(exclusions.size())), "x",
        bitAnd(mask, at(array(exclusionBits), "x")) + " <> 0"), "x", entry(time, "x")), time);
    final String from = at(array(exclusions.stream().mapToLong(FunnelExclusion::from).toArray()), "x");
    final String to = at(array(exclusions.stream().mapToLong(FunnelExclusion::to).toArray()), "x");
    final String reportedAt = "2 + " + n * n + " + ";
    final String y = shiftRight("y", 6);
    final String between = anyMatch(slice("s", Integer.toString(size + 1), cardinality("s")), "y",
        bitAnd("y", "63") + " = x AND " + y + " > " + at("s", reportedAt + from) + " AND " + y + " < "
        + at("s", reportedAt + "least(" + to + ", " + level() + ")"));
    final String cap = fold(sequence("1", Integer.toString(exclusions.size())), level(), "c", "x", "IF(" + from
        + " < c AND " + level() + " > " + from + " AND " + between + ", " + from + ", c)", "c");
    // A lambda may not hold an aggregate: the state and the exclusion rows reach it as one value.
    return apply(concat(fold, excluded), "s", transform(sequence("1", Integer.toString(n)), "i", "IF(i <= " + cap
        + ", " + at("s", reportedAt + "i") + ", " + nullBigint() + ")"));
  }

  private static int size(int n, boolean times) {
    return times ? 2 + n * n + n : 2 + n;
  }

  /** The state after entry {@code e}. */
  private String step(FunnelSpec spec, boolean times) {
    final int n = spec.steps();
    final String k = spec.has(FunnelMode.STRICT_INCREASE) ? "(63 - " + bitAnd("e", "63") + ")" : bitAnd("e", "63");
    final String level = level();
    // Whether the entry starts a chain (k = 1) or extends the chain of length k - 1 to a better one of length k.
    final String previous = start(k + " - 1", n, times);
    final String extendsChain = "CASE WHEN " + k + " = 1 THEN true ELSE " + previous + " IS NOT NULL AND " + time()
        + " - " + previous + " <= " + spec.window() + " AND (" + start(k, n, times) + " IS NULL OR " + previous
        + " > " + start(k, n, times) + ") END";
    final String updates;
    if (times) {
      // Level k's chain is level k-1's (n places earlier) and t; a new level's chain becomes the one reported.
      final String row = "i - 2 - (" + k + " - 1) * " + n;
      final String report = "i - 2 - " + n * n;
      updates = "WHEN " + row + " BETWEEN 1 AND " + k + " THEN IF(" + row + " = " + k + ", " + time() + ", "
          + at("s", "i - " + n) + ") WHEN " + k + " > " + level + " AND " + report + " BETWEEN 1 AND " + k
          + " THEN IF(" + report + " = " + k + ", " + time() + ", " + at("s", "2 + (" + k + " - 2) * " + n + " + "
          + report) + ")";
    } else {
      updates = "WHEN i = 2 + " + k + " THEN IF(" + k + " = 1, " + time() + ", " + at("s", "i - 1") + ")";
    }
    final String advanced = "IF(" + extendsChain + ", " + transform(sequence("1", Integer.toString(size(n, times))),
        "i", "CASE WHEN i = 2 THEN greatest(" + k + ", " + level + ") " + updates + " ELSE " + at("s", "i") + " END")
        + ", s)";
    final String stops = stopRule(spec, k);
    if (stops.isEmpty()) {
      return advanced;
    }
    return "CASE WHEN " + at("s", "1") + " = 1 THEN s WHEN " + stops + " THEN " + concat(array(Stream.of(bigint("1"))),
        slice("s", "2", Integer.toString(size(n, times) - 1))) + " WHEN " + k + " = 0 THEN s ELSE " + advanced + " END";
  }

  /** The start of level {@code level}'s chain. */
  private String start(String level, int n, boolean times) {
    return at("s", times ? "3 + (" + level + " - 1) * " + n : "2 + " + level);
  }

  /** When entry {@code k} fires a stop rule, given the level before it; empty if the funnel has none. */
  private String stopRule(FunnelSpec spec, String k) {
    final String level = level();
    final StringBuilder rule = new StringBuilder();
    if (spec.has(FunnelMode.STRICT_ORDER)) {
      // An unrelated row after step 1, a skipped step, or (without allow_reentry) a new step 1 after step 2.
      rule.append("(").append(k).append(" = 0 AND ").append(level).append(" >= 1) OR (").append(k)
          .append(" >= 2 AND ").append(level).append(" >= 1 AND ").append(level).append(" < ").append(k)
          .append(" - 1)");
      if (!spec.has(FunnelMode.ALLOW_REENTRY)) {
        rule.append(" OR (").append(k).append(" = 1 AND ").append(level).append(" >= 2)");
      }
    }
    if (spec.has(FunnelMode.STRICT_DEDUPLICATION)) {
      // A repeat of a step already reached, other than step 1.
      rule.append(rule.length() == 0 ? "" : " OR ").append("(").append(k).append(" >= 2 AND ").append(level)
          .append(" >= ").append(k).append(")");
    }
    return rule.length() == 0 ? "" : "(" + rule + ")";
  }

  /** Joins the elements of an array literal. */
  static String join(Stream<String> elements) {
    return elements.collect(Collectors.joining(", "));
  }
}
