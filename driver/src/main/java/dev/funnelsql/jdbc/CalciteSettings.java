package dev.funnelsql.jdbc;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.sql.SqlOperatorTable;

/**
 * Checks the Calcite settings given on a connection ({@code lex}, {@code fun}, {@code conformance}, …) when it
 * opens, so that an impossible value is a connection error naming the key and the values it takes, not a failure
 * deep inside the first query. Keys Calcite does not know are ignored, as JDBC drivers do.
 */
final class CalciteSettings {
  private CalciteSettings() {
  }

  static void check(Properties calcite) throws SQLException {
    for (String key : calcite.stringPropertyNames()) {
      for (CalciteConnectionProperty property : CalciteConnectionProperty.values()) {
        if (property.camelName().equalsIgnoreCase(key) || property.name().equalsIgnoreCase(key)) {
          check(property, key, calcite.getProperty(key));
        }
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void check(CalciteConnectionProperty property, String key, String value) throws SQLException {
    final Properties one = new Properties();
    one.setProperty(property.camelName(), value);
    try {
      switch (property.type()) {
        case BOOLEAN:
          if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
          }
          break;
        case NUMBER:
          property.wrap(one).getDouble();
          break;
        case ENUM:
          try {
            property.wrap(one).getEnum((Class) property.valueClass());
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected one of " + Arrays.stream(property.valueClass()
                .getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", ")), e);
          }
          break;
        case PLUGIN:
          try {
            property.wrap(one).getPlugin(property.valueClass(), null);
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("expected the name of a class implementing "
                + property.valueClass().getSimpleName(), e);
          }
          break;
        default:
          if (property == CalciteConnectionProperty.FUN) {
            new CalciteConnectionConfigImpl(one).fun(SqlOperatorTable.class, null);
          }
          break;
      }
    } catch (RuntimeException e) {
      throw new SQLException("the connection property " + key + " cannot be '"
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "': " + reason(e), "08001");
    }
  }

  private static String reason(RuntimeException e) {
    final String message = e instanceof NumberFormatException ? "expected a number" : String.valueOf(e.getMessage());
    return message.toLowerCase(Locale.ROOT).startsWith("for input string") ? "expected a number" : message;
  }
}
