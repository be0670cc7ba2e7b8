package dev.funnelsql.calcite.segment;

import dev.funnelsql.calcite.schema.SqlText;
import dev.funnelsql.functions.threshold.ThresholdTimesAccumulator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A rules segmentation whose conditions are made of counts against thresholds, which once true for a user stay true
 * as their events accumulate: {@code COUNT(*)} or {@code COUNT(x)}, with or without {@code FILTER}, compared with a
 * number ({@code >=}, {@code >}, {@code <}, {@code <=}), and {@code MAX(x) >= c}, {@code MAX(x) > c}, {@code MIN(x)
 * <= c} and {@code MIN(x) < c} (a row with such an {@code x} happened), combined with {@code AND}, {@code OR} and
 * {@code NOT} (not around a {@code MAX} or {@code MIN}, which is NULL before the user's first {@code x}). Each count
 * against a threshold k is an atom, true as of a time exactly when the user's k-th event meeting its row condition
 * happened at or before it ({@link ThresholdTimesAccumulator}), so a user's segment at any time follows from the
 * times of their atoms: {@link #segmentAt} of the atoms reached. A rule of any other shape (a sum, a ratio, a
 * distinct count) is no such segmentation, and its segment at entry is computed from running totals instead.
 */
public final class ThresholdRules {
  /** The most atoms taken: the table of segments per set of atoms reached has 2 to this power entries. */
  static final int MAX_ATOMS = 12;

  private final List<String> segments;
  private final List<String> rowConditions;
  private final List<Integer> thresholds;
  private final int[] segmentOfReached;

  private ThresholdRules(List<String> segments, List<String> rowConditions, List<Integer> thresholds,
      int[] segmentOfReached) {
    this.segments = List.copyOf(segments);
    this.rowConditions = List.copyOf(rowConditions);
    this.thresholds = List.copyOf(thresholds);
    this.segmentOfReached = segmentOfReached;
  }

  /**
   * The rules as threshold atoms, or null when a condition is of another shape.
   *
   * @param segments the segmentation's segments, the rules' in rule order first
   * @param conditions the rules' conditions (canonical SQL), in rule order
   * @param otherwise the segment of users matching no rule, or null for none
   */
  static @Nullable ThresholdRules of(List<String> segments, List<String> conditions, @Nullable String otherwise) {
    final Atoms atoms = new Atoms();
    final List<Formula> rules = new ArrayList<>();
    for (String condition : conditions) {
      final @Nullable Formula formula;
      try {
        formula = atoms.formula(SqlText.parse(condition), false);
      } catch (SqlParseException e) {
        return null;
      }
      if (formula == null || atoms.thresholds.size() > MAX_ATOMS) {
        return null;
      }
      rules.add(formula);
    }
    final int otherwiseIndex = otherwise == null ? -1 : segments.indexOf(otherwise);
    final int[] table = new int[1 << atoms.thresholds.size()];
    for (int reached = 0; reached < table.length; reached++) {
      table[reached] = otherwiseIndex;
      for (int r = 0; r < rules.size(); r++) {
        if (rules.get(r).holds(reached)) {
          table[reached] = r;
          break;
        }
      }
    }
    return new ThresholdRules(segments, atoms.rowConditions, atoms.thresholds, table);
  }

  /** The segments, by index. */
  public List<String> segments() {
    return segments;
  }

  /** Per atom, the condition (SQL over the events) of the rows it counts. */
  public List<String> rowConditions() {
    return rowConditions;
  }

  /** Per atom, how many rows meeting its condition make it true. */
  public List<Integer> thresholds() {
    return thresholds;
  }

  /**
   * The index of the segment of a user whose atoms {@code reached} (bit {@code i}: atom {@code i}'s threshold time
   * is at or before the time asked) are true, or -1 for none.
   */
  public int segmentAt(int reached) {
    return segmentOfReached[reached];
  }

  /** A rule's condition over the atoms reached. */
  @FunctionalInterface
  private interface Formula {
    boolean holds(int reached);
  }

  /** The atoms met so far, each a row condition and a threshold, numbered in order. */
  private static final class Atoms {
    private final List<String> rowConditions = new ArrayList<>();
    private final List<Integer> thresholds = new ArrayList<>();

    /**
     * A condition as a formula over atoms, or null when it is of another shape.
     *
     * @param negated whether it stands under an odd number of NOTs
     */
    @Nullable Formula formula(SqlNode node, boolean negated) {
      if (node instanceof SqlLiteral && ((SqlLiteral) node).getTypeName().getName().equals("BOOLEAN")) {
        final boolean value = ((SqlLiteral) node).booleanValue();
        return reached -> value;
      }
      if (!(node instanceof SqlCall)) {
        return null;
      }
      final SqlCall call = (SqlCall) node;
      switch (call.getKind()) {
        case AND:
        case OR: {
          final List<Formula> operands = new ArrayList<>();
          for (SqlNode operand : call.getOperandList()) {
            final @Nullable Formula formula = formula(operand, negated);
            if (formula == null) {
              return null;
            }
            operands.add(formula);
          }
          return call.getKind() == SqlKind.AND ? reached -> operands.stream().allMatch(f -> f.holds(reached))
              : reached -> operands.stream().anyMatch(f -> f.holds(reached));
        }
        case NOT: {
          final @Nullable Formula operand = formula(call.operand(0), !negated);
          return operand == null ? null : reached -> !operand.holds(reached);
        }
        case GREATER_THAN_OR_EQUAL:
        case GREATER_THAN:
        case LESS_THAN:
        case LESS_THAN_OR_EQUAL:
          return comparison(call, negated);
        default:
          return null;
      }
    }

    /** {@code aggregate op number} (either way round) as an atom, its negation, or a constant. */
    private @Nullable Formula comparison(SqlCall call, boolean negated) {
      SqlKind kind = call.getKind();
      SqlNode aggregate = call.operand(0);
      SqlNode bound = call.operand(1);
      if (aggregate instanceof SqlNumericLiteral) {
        aggregate = call.operand(1);
        bound = call.operand(0);
        kind = kind.reverse();
      }
      if (!(bound instanceof SqlNumericLiteral) || !(aggregate instanceof SqlCall)) {
        return null;
      }
      final BigDecimal number = ((SqlNumericLiteral) bound).getValueAs(BigDecimal.class);
      SqlCall counted = (SqlCall) aggregate;
      @Nullable SqlNode filter = null;
      if (counted.getKind() == SqlKind.FILTER) {
        filter = counted.operand(1);
        counted = counted.operand(0);
      }
      if (counted.getFunctionQuantifier() != null) {
        return null;
      }
      final String name = counted.getOperator().getName().toUpperCase(Locale.ROOT);
      final List<SqlNode> operands = counted.getOperandList();
      if (name.equals("COUNT") && operands.size() <= 1) {
        final boolean star = operands.isEmpty()
            || operands.get(0) instanceof SqlIdentifier && ((SqlIdentifier) operands.get(0)).isStar();
        final @Nullable String counts = star ? null : sql(operands.get(0)) + " IS NOT NULL";
        // COUNT >= k holds from the k-th row on; COUNT > c from row floor(c) + 1; < and <= are their negations.
        final boolean atLeast = kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.LESS_THAN;
        final BigDecimal k = atLeast ? number.setScale(0, RoundingMode.CEILING)
            : number.setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE);
        final @Nullable Formula atom = atom(both(counts, filter), k);
        return atom == null || kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.GREATER_THAN ? atom
            : reached -> !atom.holds(reached);
      }
      final boolean max = name.equals("MAX")
          && (kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.GREATER_THAN);
      final boolean min = name.equals("MIN") && (kind == SqlKind.LESS_THAN_OR_EQUAL || kind == SqlKind.LESS_THAN);
      if ((max || min) && operands.size() == 1 && !negated) {
        // A MAX or MIN is NULL until a row has a value, which a negation would turn into true: only unnegated.
        return atom(both(sql(operands.get(0)) + " " + kind.sql + " " + number.toPlainString(), filter),
            BigDecimal.ONE);
      }
      return null;
    }

    /** The row condition of a count and its filter, or null for every row. */
    private static @Nullable String both(@Nullable String counts, @Nullable SqlNode filter) {
      if (filter == null) {
        return counts;
      }
      return counts == null ? sql(filter) : "(" + counts + ") AND (" + sql(filter) + ")";
    }

    /** The atom "k rows met the condition": a constant true for k at most 0, else numbered once per equal atom. */
    private @Nullable Formula atom(@Nullable String rowCondition, BigDecimal k) {
      if (k.signum() <= 0) {
        return reached -> true;
      }
      if (k.compareTo(BigDecimal.valueOf(ThresholdTimesAccumulator.MAX_THRESHOLD)) > 0) {
        return null;
      }
      final String condition = rowCondition == null ? "TRUE" : rowCondition;
      int index = -1;
      for (int i = 0; i < rowConditions.size(); i++) {
        if (rowConditions.get(i).equals(condition) && thresholds.get(i) == k.intValueExact()) {
          index = i;
        }
      }
      if (index < 0) {
        rowConditions.add(condition);
        thresholds.add(k.intValueExact());
        index = rowConditions.size() - 1;
      }
      final int bit = 1 << index;
      return reached -> (reached & bit) != 0;
    }

    private static String sql(SqlNode node) {
      return "(" + node.toSqlString(CalciteSqlDialect.DEFAULT).getSql() + ")";
    }
  }
}
