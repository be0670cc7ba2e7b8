package dev.funnelsql.calcite.function;

import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * Validation error for a FunnelSQL function argument whose value is wrong (a negative window, an unknown mode, a
 * malformed pattern); the driver reports it with SQLState {@code 22023} (invalid parameter value).
 */
public class InvalidArgumentException extends SqlValidatorException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the signature is the one Calcite's resource mechanism requires. */
  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
