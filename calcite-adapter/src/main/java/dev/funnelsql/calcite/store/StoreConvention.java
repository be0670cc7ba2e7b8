package dev.funnelsql.calcite.store;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.sql.SqlDialect;

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
}
