package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.function.ArgumentTypeException;
import dev.funnelsql.calcite.funnel.EntryFilterException;
import dev.funnelsql.calcite.function.InvalidArgumentException;
import dev.funnelsql.calcite.prepare.ErrorMessages;
import dev.funnelsql.calcite.prepare.ReadOnlyException;
import dev.funnelsql.calcite.prepare.UnsupportedStatementException;
import java.sql.SQLException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Gives the errors that Calcite raises without a SQLState the standard state that says what kind of mistake it
 * was (PostgreSQL's codes, which BI tools know): syntax, unknown column or function, wrong argument type or value.
 */
final class SqlStates {
  static final String SYNTAX_ERROR = "42601";
  static final String UNDEFINED_COLUMN = "42703";
  static final String UNDEFINED_TABLE = "42P01";
  static final String UNDEFINED_FUNCTION = "42883";
  static final String DATATYPE_MISMATCH = "42804";
  static final String INVALID_PARAMETER_VALUE = "22023";
  static final String SYNTAX_ERROR_OR_ACCESS_RULE = "42000";
  static final String INTERNAL_ERROR = "XX000";
  static final String READ_ONLY = "25006";
  static final String FEATURE_NOT_SUPPORTED = "0A000";
  static final String UNBOUND_PARAMETER = "07001";
  static final String INVALID_PARAMETER_INDEX = "07009";

  private SqlStates() {
  }

  /** Returns the exception with a SQLState, the same exception if it already has one. */
  static SQLException classify(SQLException e) {
    if (e.getSQLState() != null) {
      return e;
    }
    final @Nullable SQLException lost = SourceFailures.lostConnection(e);
    if (lost != null) {
      return lost;
    }
    final @Nullable SQLException store = SourceFailures.storeError(e);
    if (store != null) {
      return store;
    }
    if (String.valueOf(e.getMessage()).matches("parameter ordinal -?\\d+ out of range")) {
      return new SQLException("the prepared statement has no such parameter: " + e.getMessage(),
          INVALID_PARAMETER_INDEX, e);
    }
    if (String.valueOf(e.getMessage()).endsWith("unbound parameter")) {
      return new SQLException("a parameter of the prepared statement is not set: call a set method for every '?'",
          UNBOUND_PARAMETER, e);
    }
    final String state = stateOf(e);
    final SQLException classified = new SQLException(message(e), state, e.getErrorCode(), e.getCause());
    classified.setStackTrace(e.getStackTrace());
    return classified;
  }

  private static String message(SQLException e) {
    return ErrorMessages.mostSpecific(e);
  }

  private static String stateOf(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      final @Nullable Throwable generation = ErrorMessages.generationFailure(t);
      if (generation instanceof UnsupportedOperationException) {
        return FEATURE_NOT_SUPPORTED;
      }
      if (t instanceof ReadOnlyException) {
        return READ_ONLY;
      }
      if (t instanceof UnsupportedStatementException || t instanceof EntryFilterException) {
        return FEATURE_NOT_SUPPORTED;
      }
      if (t instanceof InvalidArgumentException) {
        return INVALID_PARAMETER_VALUE;
      }
      if (t instanceof ArgumentTypeException) {
        return DATATYPE_MISMATCH;
      }
      if (t instanceof SqlParseException) {
        return SYNTAX_ERROR;
      }
      if (t instanceof SqlValidatorException) {
        return validatorState(String.valueOf(t.getMessage()));
      }
      if (t instanceof SQLException && ((SQLException) t).getSQLState() != null && t != e) {
        return ((SQLException) t).getSQLState();
      }
      if (t instanceof CalciteContextException && t.getCause() == null) {
        return SYNTAX_ERROR_OR_ACCESS_RULE;
      }
    }
    return INTERNAL_ERROR;
  }

  private static String validatorState(String message) {
    if (message.startsWith("Column '") && message.contains("not found")) {
      return UNDEFINED_COLUMN;
    }
    if (message.startsWith("Object '") || message.startsWith("Table '")) {
      return UNDEFINED_TABLE;
    }
    if (message.startsWith("No match found for function signature")) {
      return UNDEFINED_FUNCTION;
    }
    if (message.startsWith("Cannot apply")) {
      return DATATYPE_MISMATCH;
    }
    return SYNTAX_ERROR_OR_ACCESS_RULE;
  }
}
