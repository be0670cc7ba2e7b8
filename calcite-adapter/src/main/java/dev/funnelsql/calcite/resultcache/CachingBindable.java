package dev.funnelsql.calcite.resultcache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.runtime.Bindable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Executes a prepared statement through the {@link ResultCache}: the execution's parameter values complete the
 * card's key, and the statement's own plan runs only when no fresh answer is kept.
 */
final class CachingBindable<T> implements Bindable<T> {
  private final ResultCache cache;
  private final CacheScope scope;
  private final ResultKey statement;
  private final CalciteSignature<T> plan;

  /**
   * Creates the executor of {@code plan}.
   *
   * @param statement the key of the statement without its parameter values
   */
  CachingBindable(ResultCache cache, CacheScope scope, ResultKey statement, CalciteSignature<T> plan) {
    this.cache = cache;
    this.scope = scope;
    this.statement = statement;
    this.plan = plan;
  }

  @Override public Enumerable<T> bind(DataContext context) {
    final @Nullable ResultKey key = key(context);
    if (key == null) {
      return plan.enumerable(context);
    }
    final @Nullable Object flag = context.get(DataContext.Variable.CANCEL_FLAG.camelName);
    final AtomicBoolean cancelled = flag instanceof AtomicBoolean ? (AtomicBoolean) flag : new AtomicBoolean();
    return cache.answer(key, scope.settings(), () -> plan.enumerable(context), cancelled::get);
  }

  /** The card's key with this execution's parameter values, or null if one of them cannot be kept. */
  private @Nullable ResultKey key(DataContext context) {
    final RowCopier copier = new RowCopier();
    final List<@Nullable Object> values = new ArrayList<>(plan.parameters.size());
    for (int i = 0; i < plan.parameters.size(); i++) {
      final @Nullable Object value = copier.copy(context.get("?" + i));
      if (value == RowCopier.UNCOPYABLE) {
        return null;
      }
      values.add(value);
    }
    return new ResultKey(statement.scope(), statement.sql(), statement.schemaPath(), statement.maxRowCount(),
        statement.rowClass(), Collections.unmodifiableList(values));
  }
}
