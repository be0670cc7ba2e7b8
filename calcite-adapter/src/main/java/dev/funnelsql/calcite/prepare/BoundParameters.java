package dev.funnelsql.calcite.prepare;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The data context of one execution of a shared plan: the statement's own context, plus the values of the literals
 * that the plan takes as parameters ({@code ?0}, {@code ?1}, …, the names Calcite's generated code and the event
 * store's prepared statements read them by).
 */
final class BoundParameters implements DataContext {
  private final DataContext context;
  private final List<Object> values;

  BoundParameters(DataContext context, List<Object> values) {
    this.context = context;
    this.values = values;
  }

  @Override public @Nullable SchemaPlus getRootSchema() {
    return context.getRootSchema();
  }

  @Override public JavaTypeFactory getTypeFactory() {
    return context.getTypeFactory();
  }

  @Override public QueryProvider getQueryProvider() {
    return context.getQueryProvider();
  }

  @Override public @Nullable Object get(String name) {
    if (name.length() > 1 && name.charAt(0) == '?') {
      try {
        final int index = Integer.parseInt(name.substring(1));
        if (index >= 0 && index < values.size()) {
          return values.get(index);
        }
      } catch (NumberFormatException e) {
        // Not a parameter's name.
      }
    }
    return context.get(name);
  }
}
