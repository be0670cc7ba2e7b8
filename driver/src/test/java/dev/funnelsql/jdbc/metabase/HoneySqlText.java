package dev.funnelsql.jdbc.metabase;

import clojure.lang.IPersistentVector;
import clojure.lang.Keyword;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the Honey SQL 2 forms the plugin builds as the SQL Honey SQL prints for them (function names upper-cased,
 * operators infix in parentheses, {@code :inline} values as literals, Metabase's {@code h2x/extract} as
 * {@code EXTRACT(unit FROM x)}), so the replay runs the statements Metabase would send; only the forms the plugin
 * uses are known.
 */
final class HoneySqlText {
  private static final Set<String> OPERATORS = Set.of("+", "-", "*", "/");

  private HoneySqlText() {
  }

  /** The SQL of a form. */
  static String sql(Object form) {
    if (form instanceof IPersistentVector vector) {
      final Keyword head = (Keyword) vector.nth(0);
      final List<Object> args = new ArrayList<>();
      for (int i = 1; i < vector.count(); i++) {
        args.add(vector.nth(i));
      }
      final String name = head.getName();
      if ("raw".equals(name)) {
        return (String) args.get(0);
      } else if ("inline".equals(name)) {
        return literal(args.get(0));
      } else if ("extract".equals(name) && "h2x".equals(head.getNamespace())) {
        return "EXTRACT(" + ((Keyword) args.get(0)).getName().toUpperCase(Locale.ROOT) + " FROM " + sql(args.get(1))
            + ")";
      } else if ("cast".equals(name)) {
        return "CAST(" + sql(args.get(0)) + " AS " + ((Keyword) args.get(1)).getName().toUpperCase(Locale.ROOT) + ")";
      } else if (OPERATORS.contains(name)) {
        return "(" + String.join(" " + name + " ", args.stream().map(HoneySqlText::sql).toList()) + ")";
      }
      return name.toUpperCase(Locale.ROOT).replace('-', '_') + "("
          + String.join(", ", args.stream().map(HoneySqlText::sql).toList()) + ")";
    }
    return literal(form);
  }

  private static String literal(Object value) {
    if (value instanceof String text) {
      return "'" + text.replace("'", "''") + "'";
    } else if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return String.valueOf(value);
  }
}
