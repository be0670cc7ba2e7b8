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
 * Refuses text bound to a numeric parameter ({@code setString}, or {@code setObject} with a string and no type) that
 * is not a number of that kind, with SQLState 22018, where the statement's planned parameter types say the text
 * would be compared as a number: stores disagree on such text (PostgreSQL and H2 refuse it, DuckDB 2 compares it as
 * text and finds nothing), so FunnelSQL answers the same everywhere.
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
    if ((integer || NUMBERS.contains(type)) && !isNumber((String) args[1], integer)) {
      final String value = (String) args[1];
      final String shown = value.length() > SHOWN_CHARACTERS ? value.substring(0, SHOWN_CHARACTERS) + "…" : value;
      throw new SQLException("parameter " + index + " is compared as " + (integer ? "an integer" : "a number")
          + ", and '" + shown + "' is not " + (integer ? "an integer" : "a number"), "22018");
    }
    return PASS;
  }

  private static boolean isNumber(String text, boolean integer) {
    try {
      final BigDecimal number = new BigDecimal(text.trim());
      if (!integer) {
        return true;
      }
      number.longValueExact();
      return true;
    } catch (NumberFormatException | ArithmeticException e) {
      return false;
    }
  }
}
