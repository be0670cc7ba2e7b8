package dev.funnelsql.jdbc;

import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the store's password from the environment variable named by the {@code passwordEnv} key, so that neither
 * the URL nor a BI tool's saved connection needs to hold it.
 */
final class EnvironmentPassword {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private EnvironmentPassword() {
  }

  /** The value of the variable; fails with SQLState 08001 naming the variable (never a value) if it is unset. */
  static String read(String variable, Map<String, String> environment) throws SQLException {
    if (!NAME.matcher(variable).matches()) {
      // Not echoed: a value that is no variable name may be the password itself, written in the wrong key.
      throw new SQLException("passwordEnv must be the name of an environment variable (letters, digits and '_'), "
          + "not the password", "08001");
    }
    final String value = environment.get(variable);
    if (value == null) {
      throw new SQLException("the environment variable " + variable + " named by passwordEnv is not set", "08001");
    }
    return value;
  }
}
