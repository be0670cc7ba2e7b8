package dev.funnelsql.calcite.catalog;

import dev.funnelsql.calcite.model.ModelException;
import dev.funnelsql.calcite.model.ModelNode;
import dev.funnelsql.calcite.prepare.ErrorMessages;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One model expression checked by Calcite: a statement that uses it is parsed, validated and turned into a logical
 * plan (not optimised, not run), and a failure becomes a {@link ModelException} at the expression's place in the
 * model, with Calcite's reason.
 */
final class ExpressionCheck {
  private static final String LOGICAL_PLAN = "EXPLAIN PLAN WITHOUT IMPLEMENTATION FOR ";

  private final ModelNode where;
  private final String what;
  private final String sql;

  ExpressionCheck(ModelNode where, String what, String sql) {
    this.where = where;
    this.what = what;
    this.sql = sql;
  }

  /**
   * The statement that checks a condition on one event row: in a WHERE clause, so that it must be a boolean and
   * cannot be an aggregate (which a condition on a row cannot use).
   */
  static String rowCondition(String condition, String from) {
    return "SELECT 1 FROM " + from + " WHERE " + condition;
  }

  /**
   * Prepares the statement's {@code EXPLAIN PLAN WITHOUT IMPLEMENTATION}: Calcite parses and validates it and
   * converts it, with the model's views inside it, to relational algebra, which is where a model's mistakes show. It
   * stops before the optimiser, whose rules and code generation would make the first connection of a model several
   * seconds slower (the first query of each table pays them instead), and touches no event data.
   */
  void run(Connection connection) throws ModelException {
    try (PreparedStatement ignored = connection.prepareStatement(LOGICAL_PLAN + sql)) {
      // Preparing is the check.
    } catch (SQLException e) {
      throw where.error("invalid " + what + ": " + reason(e));
    }
  }

  /** Calcite's reason without the position inside the generated statement, which would only confuse. */
  private static String reason(SQLException e) {
    final String message = ErrorMessages.mostSpecific(e);
    return message.replaceFirst("^From line \\d+, column \\d+ to line \\d+, column \\d+: ", "")
        .lines().findFirst().orElse(message);
  }
}
