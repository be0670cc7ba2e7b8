package dev.funnelsql.calcite.store;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The calling convention of one event store's relational expressions, which also carries the store's
 * {@link StoreDialect}, so that a planning step that sees a pushed-down query knows the store it runs in. Besides
 * Calcite's JDBC rules it registers those that push FunnelSQL's calendar functions to a store that spells them.
 */
public final class StoreConvention extends JdbcConvention {
  private final StoreDialect store;

  /**
   * Creates the convention.
   *
   * @param store the store's dialect
   * @param dialect the Calcite dialect {@code store} chose for the store
   * @param expression the expression of the store's schema
   * @param name the name of the store's schema
   */
  public StoreConvention(StoreDialect store, SqlDialect dialect, Expression expression, String name) {
    super(dialect, expression, name);
    this.store = store;
  }

  @Override public void register(RelOptPlanner planner) {
    super.register(planner);
    if (store.calendar() != null) {
      for (RelOptRule rule : CalendarPushdownRules.of(this)) {
        planner.addRule(rule);
      }
    }
  }

  /** The dialect of the store a query in {@code convention} runs in; the generic one if no store's convention. */
  public static StoreDialect storeOf(JdbcConvention convention) {
    return convention instanceof StoreConvention ? ((StoreConvention) convention).store
        : GenericStoreDialect.INSTANCE;
  }

  /**
   * The time a plan that scans one store's tables hands back, as that store's driver reads it fastest: where the
   * driver reads a TIMESTAMP's epoch milliseconds faster than the TIMESTAMP ({@link TimestampReading#EPOCH_MILLIS}),
   * the store's BIGINT of them, which is the value Calcite holds for the TIMESTAMP; otherwise {@code time} itself.
   * Calcite reads a TIMESTAMP through {@code getTimestamp}, which costs DuckDB's driver a calendar per row.
   *
   * @param plan a logical plan whose table scans are in a store's convention (as a view over the store expands)
   */
  public static RexNode fastestTime(RelNode plan, RexBuilder rexBuilder, RexNode time) {
    final @Nullable StoreDialect store = storeScanned(plan);
    return store == null ? time : fastestTime(store, rexBuilder, time);
  }

  /**
   * A column of a query {@code store} runs, as its driver reads it fastest: a TIMESTAMP as the store's BIGINT of its
   * epoch milliseconds where the driver reads those faster ({@link TimestampReading#EPOCH_MILLIS}); otherwise the
   * column itself.
   */
  static RexNode fastestTime(StoreDialect store, RexBuilder rexBuilder, RexNode time) {
    return store.timestampReading() == TimestampReading.EPOCH_MILLIS
        && time.getType().getSqlTypeName() == SqlTypeName.TIMESTAMP ? store.epochMillis(rexBuilder, time) : time;
  }

  /**
   * Whether the store whose tables a plan scans computes funnels in its own SQL with {@code funnel.pushdown=auto}
   * ({@link StoreDialect#prefersEngineFolds}).
   *
   * @param plan a logical plan whose table scans are in a store's convention (as a view over the store expands)
   */
  public static boolean prefersEngineFolds(RelNode plan) {
    final @Nullable StoreDialect store = storeScanned(plan);
    return store != null && store.prefersEngineFolds();
  }

  /**
   * Whether the store whose tables a plan scans computes in this JVM's heap ({@link StoreDialect#sharesTheJvmHeap}).
   *
   * @param plan a logical plan whose table scans are in a store's convention (as a view over the store expands)
   */
  public static boolean sharesTheJvmHeap(RelNode plan) {
    final @Nullable StoreDialect store = storeScanned(plan);
    return store != null && store.sharesTheJvmHeap();
  }

  /** The dialect of the store whose table a plan scans first, or null if it scans no store's table. */
  private static @Nullable StoreDialect storeScanned(RelNode plan) {
    if (plan instanceof TableScan) {
      return plan.getConvention() instanceof StoreConvention ? ((StoreConvention) plan.getConvention()).store : null;
    }
    for (RelNode input : plan.getInputs()) {
      final @Nullable StoreDialect store = storeScanned(input);
      if (store != null) {
        return store;
      }
    }
    return null;
  }
}
