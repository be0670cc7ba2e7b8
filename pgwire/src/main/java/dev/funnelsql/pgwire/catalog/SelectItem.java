package dev.funnelsql.pgwire.catalog;

import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One item of a catalog query's select list: the label the client sees, the keys a catalog answer is looked up by
 * (the alias, then the column or function name of the expression, then a called function's first column
 * argument), its value when it is a constant, and for a function call the literal values of its arguments.
 */
record SelectItem(String label, @Nullable String alias, String expressionKey, boolean constant,
    @Nullable Object constantValue, boolean call, List<@Nullable String> arguments, @Nullable String argumentKey,
    long integerDivisor) {
  /**
   * The value the client sees: the answer's value, or for {@code x::int / n} (Grafana's
   * {@code current_setting('server_version_num')::int/100}) its integer quotient.
   */
  @Nullable Object finish(@Nullable Object value) {
    if (integerDivisor <= 0 || value == null) {
      return value;
    }
    try {
      return (int) (Long.parseLong(value.toString().trim()) / integerDivisor);
    } catch (NumberFormatException e) {
      return value;
    }
  }
}
