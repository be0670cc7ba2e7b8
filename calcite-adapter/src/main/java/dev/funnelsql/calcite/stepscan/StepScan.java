package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.BoundAggFunction;
import dev.funnelsql.calcite.function.GroupEvaluator;
import dev.funnelsql.calcite.function.TimeKind;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The executable part of a planned step scan, shared by every execution of the statement (immutable): the store
 * queries (rows in any order, and ordered by key and time), the result-set layout, and which bits of the mask
 * column belong to which function. The generated code of {@link StepScanAggregate} calls {@link #execute}.
 */
public final class StepScan {
  private final String sql;
  private final String orderedSql;
  private final Integer[] parameters;
  private final List<ColumnKind> keyKinds;
  private final @Nullable TimeKind timeKind;
  private final boolean timeInMillis;
  private final List<BoundAggFunction> functions;
  private final int[][] bits;
  /** Per function: the shift of its bits when they are consecutive in the mask column, else -1. */
  private final int[] shifts;
  private final int[] widths;
  private final int maskBits;
  private final StepScanSettings settings;
  private final @Nullable SharedRows shared;

  @SuppressWarnings("checkstyle:ParameterNumber")
  StepScan(String sql, String orderedSql, Integer[] parameters, List<ColumnKind> keyKinds,
      @Nullable TimeKind timeKind, boolean timeInMillis, List<BoundAggFunction> functions, int[][] bits,
      int maskBits, StepScanSettings settings, @Nullable SharedRows shared) {
    this.sql = sql;
    this.orderedSql = orderedSql;
    this.parameters = parameters;
    this.keyKinds = keyKinds;
    this.timeKind = timeKind;
    this.timeInMillis = timeInMillis;
    this.functions = functions;
    this.bits = bits;
    this.shifts = new int[bits.length];
    this.widths = new int[bits.length];
    for (int f = 0; f < bits.length; f++) {
      shifts[f] = consecutive(bits[f]) ? bits[f][0] : -1;
      widths[f] = bits[f].length == 32 ? -1 : (1 << bits[f].length) - 1;
    }
    this.maskBits = maskBits;
    this.settings = settings;
    this.shared = shared;
  }

  /** This scan, its result kept and replayed within an execution by every scan holding the same {@code shared}. */
  StepScan sharing(SharedRows rows) {
    return new StepScan(sql, orderedSql, parameters, keyKinds, timeKind, timeInMillis, functions, bits, maskBits,
        settings, rows);
  }

  /** What makes two scans of one plan compute the same rows. */
  String identity() {
    return sql + "\n" + orderedSql + "\n" + functions + "\n" + Arrays.deepToString(bits) + "\n" + keyKinds;
  }

  /**
   * Runs the scan against the store and returns one row per group: its key values, then each function's result.
   *
   * @param scalar whether a row is its only value rather than an array of values
   */
  public Enumerable<@Nullable Object> execute(DataContext root, DataSource source, boolean scalar) {
    if (shared != null) {
      return shared.of(root, () -> new StepScanEnumerator(this, root, source, scalar));
    }
    return new AbstractEnumerable<>() {
      @Override public Enumerator<@Nullable Object> enumerator() {
        return new StepScanEnumerator(StepScan.this, root, source, scalar);
      }
    };
  }

  String sql() {
    return sql;
  }

  String orderedSql() {
    return orderedSql;
  }

  Integer[] parameters() {
    return parameters;
  }

  List<ColumnKind> keyKinds() {
    return keyKinds;
  }

  /** The kind of the time column, or null if the functions take no time (RETENTION). */
  @Nullable TimeKind timeKind() {
    return timeKind;
  }

  /** Whether the store sends a TIMESTAMP time already as epoch milliseconds (a BIGINT). */
  boolean timeInMillis() {
    return timeInMillis;
  }

  /** The result-set column of the mask. */
  int maskColumn() {
    return keyKinds.size() + (timeKind == null ? 1 : 2);
  }

  int maskBits() {
    return maskBits;
  }

  int functionCount() {
    return functions.size();
  }

  /** New evaluators, one per function. */
  GroupEvaluator[] newEvaluators() {
    final GroupEvaluator[] evaluators = new GroupEvaluator[functions.size()];
    for (int i = 0; i < evaluators.length; i++) {
      evaluators[i] = functions.get(i).newEvaluator();
    }
    return evaluators;
  }

  /** Whether function {@code f} must see rows that match none of its conditions. */
  boolean readsRowsMatchingNoCondition(int f) {
    return functions.get(f).readsRowsMatchingNoCondition();
  }

  private static boolean consecutive(int[] own) {
    for (int i = 1; i < own.length; i++) {
      if (own[i] != own[0] + i) {
        return false;
      }
    }
    return own.length > 0;
  }

  /** Function {@code f}'s own condition mask, taken from the mask column's value. */
  int maskOf(int f, int mask) {
    if (shifts[f] >= 0) {
      return mask >>> shifts[f] & widths[f];
    }
    final int[] own = bits[f];
    int result = 0;
    for (int i = 0; i < own.length; i++) {
      result |= (mask >>> own[i] & 1) << i;
    }
    return result;
  }

  StepScanSettings settings() {
    return settings;
  }

  @Override public String toString() {
    return "StepScan{" + sql + "}";
  }
}
