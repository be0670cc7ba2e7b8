package dev.funnelsql.calcite.schema;

import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.ModelException;
import org.apache.calcite.sql.parser.SqlParseException;

/** Turns the SQL expressions written in a model into canonical SQL text, reporting a malformed one at its line. */
public final class ModelExpressions {
  private ModelExpressions() {
  }

  /** The expression, parsed and re-printed by Calcite, in parentheses. */
  public static String canonical(Located expression, String what) throws ModelException {
    try {
      return SqlText.expression(expression.text());
    } catch (SqlParseException e) {
      final String reason = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
      throw expression.error(what + " is not one SQL expression: " + reason);
    }
  }
}
