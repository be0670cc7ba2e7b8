package dev.funnelsql.calcite.model;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} references in a scalar with values from an environment map; <code>$${</code> writes a
 * literal <code>${</code>. Errors name the variable and never show any value.
 */
final class EnvSubstitution {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

  private EnvSubstitution() {
  }

  /** Whether the text has anything to substitute or unescape. */
  static boolean applies(String s) {
    return s.contains("${");
  }

  /**
   * The text with references replaced.
   *
   * @throws IllegalArgumentException with a message fit for a {@link ModelException} if a reference is malformed or
   *     its variable is unset
   */
  static String apply(String s, Map<String, String> env) {
    StringBuilder b = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '$' && s.startsWith("$${", i)) {
        b.append("${");
        i += 3;
      } else if (c == '$' && s.startsWith("${", i)) {
        int end = s.indexOf('}', i + 2);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed '${' (write '$${' for a literal '${')");
        }
        String name = s.substring(i + 2, end);
        if (!NAME.matcher(name).matches()) {
          throw new IllegalArgumentException("'${" + shorten(name) + "}' is not a valid environment variable "
              + "reference (letters, digits and '_'; write '$${' for a literal '${')");
        }
        String value = env.get(name);
        if (value == null) {
          throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        b.append(value);
        i = end + 1;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  private static String shorten(String s) {
    String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return t.replace("\n", "\\n");
  }
}
