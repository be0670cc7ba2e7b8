package dev.funnelsql.calcite.stepscan;

import dev.funnelsql.calcite.function.BoundAggFunction;
import dev.funnelsql.calcite.function.GroupEvaluator;
import dev.funnelsql.calcite.function.TimeKind;
import dev.funnelsql.calcite.store.ColumnarExport;
import dev.funnelsql.calcite.store.TimestampReading;
import java.util.List;
import javax.sql.DataSource;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The executable part of a planned step scan, shared by every execution of the statement (immutable): its
 * {@link StepScanPlan}, the connection's step-scan settings, the result it shares with equal scans of the plan, and
 * the mask bits unpacked for the reading loop. The generated code of {@link StepScanAggregate} calls
 * {@link #execute}.
 */
public final class StepScan {
  private final StepScanPlan plan;
  private final StepScanSettings settings;
  private final @Nullable SharedRows shared;
  private final StoreParameters parameters;
  private final List<BoundAggFunction> functions;
  private final int[][] bits;
  /** Per function: the shift of its bits when they are consecutive in the mask column, else -1. */
  private final int[] shifts;
  private final int[] widths;
  /** Per function: whether it takes each row's value. */
  private final boolean[] takesValue;
  /** Per function: the mask bit of the rows it skips, as a mask, or 0. */
  private final int[] skips;

  StepScan(StepScanPlan plan, StepScanSettings settings, @Nullable SharedRows shared) {
    this.plan = plan;
    this.settings = settings;
    this.shared = shared;
    this.parameters = plan.query().parameters();
    this.functions = plan.functions().functions();
    final List<List<Integer>> own = plan.functions().bits();
    this.bits = new int[own.size()][];
    this.shifts = new int[bits.length];
    this.widths = new int[bits.length];
    this.takesValue = new boolean[bits.length];
    this.skips = new int[bits.length];
    for (int f = 0; f < bits.length; f++) {
      takesValue[f] = f < functions.size() && functions.get(f).takesValue();
      final int skip = plan.functions().skips().get(f);
      skips[f] = skip < 0 ? 0 : 1 << skip;
      bits[f] = own.get(f).stream().mapToInt(Integer::intValue).toArray();
      shifts[f] = consecutive(bits[f]) ? bits[f][0] : -1;
      widths[f] = bits[f].length == 32 ? -1 : (1 << bits[f].length) - 1;
    }
  }

  /** This scan, its result kept and replayed within an execution by every scan holding the same {@code shared}. */
  StepScan sharing(SharedRows rows) {
    return new StepScan(plan, settings, rows);
  }

  /** What this scan computes: scans with equal plans compute the same rows. */
  StepScanPlan plan() {
    return plan;
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
    return plan.query().sql();
  }

  /** The query of the values the store numbers, run before {@link #sql()}; null if it does not number them. */
  StoreQuery.@Nullable Numbering numbering() {
    return plan.query().numbering();
  }

  String orderedSql() {
    return plan.query().orderedSql();
  }

  StoreParameters parameters() {
    return parameters;
  }

  StoreParameters orderedParameters() {
    return plan.query().orderedParameters();
  }

  /** Whether the rows in any order carry the store's numbers of the values ({@link RowLayout#numbered()}). */
  boolean numberedValues() {
    return plan.layout().numbered();
  }

  List<ColumnKind> keyKinds() {
    return plan.layout().keyKinds();
  }

  /** The kind of the time column, or null if the functions take no time (RETENTION). */
  @Nullable TimeKind timeKind() {
    return plan.layout().timeKind();
  }

  /** How a TIMESTAMP time arrives and is read. */
  TimestampReading timestamps() {
    return plan.layout().timestamps();
  }

  /** How the store copies the rows out in bulk, if this scan's rows may be copied ({@link CopyStepRows#reads}). */
  StoreQuery.@Nullable Copy copy() {
    return CopyStepRows.reads(plan.layout(), plan.query(), settings) ? plan.query().copy() : null;
  }

  /** How the store's driver exports the rows as Arrow batches, or null to read them through its getters. */
  @Nullable ColumnarExport columnar() {
    return plan.layout().columnar();
  }

  /** The result-set column of the time. */
  int timeColumn() {
    return plan.layout().timeColumn();
  }

  /** The result-set column of the mask. */
  int maskColumn() {
    return plan.layout().maskColumn();
  }

  /** The result-set column of the value, or 0 if the rows have none. */
  int valueColumn() {
    return plan.layout().valueColumn();
  }

  /** Whether function {@code f} takes each row's value (read from {@link #valueColumn()}). */
  boolean takesValue(int f) {
    return takesValue[f];
  }

  /** The mask bit set on the rows function {@code f} skips, as a mask; 0 if it skips none. */
  int skipMask(int f) {
    return skips[f];
  }

  int maskBits() {
    return plan.functions().maskBits();
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
    return "StepScan{" + sql() + "}";
  }
}
