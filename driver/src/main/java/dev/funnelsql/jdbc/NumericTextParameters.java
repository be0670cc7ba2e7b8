package dev.funnelsql.jdbc;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Text bound to a parameter that the statement's plan compares as a number ({@code setString}, or {@code setObject}
 * with a string and no type): bound as that number when it is one, refused with SQLState 22018 when it is not.
 * Stores disagree on such text (PostgreSQL refuses even {@code '2'} for a BIGINT, H2 refuses {@code 'x'}, DuckDB 2
 * compares it as text and counts nothing), so FunnelSQL decides, the same everywhere.
 */
final class NumericTextParameters implements CallAdapter {
  /** The adapter for prepared statements. */
  static final NumericTextParameters INSTANCE = new NumericTextParameters();

  private static final Set<Integer> INTEGERS = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT);
  private static final Set<Integer> NUMBERS = Set.of(Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT,
      Types.DOUBLE);
  private static final int SHOWN_CHARACTERS = 40;

  private NumericTextParameters() {
  }

  @Override public @Nullable Object answer(Object target, Method method, @Nullable Object[] args)
      throws SQLException {
    final boolean text = args != null && args.length == 2 && args[1] instanceof String
        && (method.getName().equals("setString") || method.getName().equals("setObject"));
    if (!text) {
      return PASS;
    }
    final int index = (Integer) args[0];
    final int type;
    try {
      final ParameterMetaData parameters = ((PreparedStatement) target).getParameterMetaData();
      if (index < 1 || index > parameters.getParameterCount()) {
        return PASS;
      }
      type = parameters.getParameterType(index);
    } catch (SQLException | RuntimeException e) {
      return PASS;
    }
    final boolean integer = INTEGERS.contains(type);
    if (!integer && !NUMBERS.contains(type)) {
      return PASS;
    }
    final String value = (String) args[1];
    final PreparedStatement statement = (PreparedStatement) target;
    try {
      final BigDecimal number = new BigDecimal(value.trim());
      if (integer) {
        statement.setLong(index, number.longValueExact());
      } else if (type == Types.DECIMAL || type == Types.NUMERIC) {
        statement.setBigDecimal(index, number);
      } else {
        statement.setDouble(index, number.doubleValue());
      }
      return null;
    } catch (NumberFormatException | ArithmeticException e) {
      final String shown = value.length() > SHOWN_CHARACTERS ? value.substring(0, SHOWN_CHARACTERS) + "…" : value;
      throw new SQLException("parameter " + index + " is compared as " + (integer ? "an integer" : "a number")
          + ", and '" + shown + "' is not " + (integer ? "an integer" : "a number"), "22018", e);
    }
  }
}
