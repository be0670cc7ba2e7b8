package dev.funnelsql.calcite.function;

import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Validation error for a FunnelSQL function argument of the wrong type (a condition that is not BOOLEAN, a time
 * that is neither a timestamp nor an integer); the driver reports it with SQLState {@code 42804}.
 */
public class ArgumentTypeException extends SqlValidatorException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the signature is the one Calcite's resource mechanism requires. */
  public ArgumentTypeException(String message, Throwable cause) {
    super(message, cause);
  }
}
