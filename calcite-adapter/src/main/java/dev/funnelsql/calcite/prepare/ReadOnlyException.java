package dev.funnelsql.calcite.prepare;

import org.apache.calcite.sql.validate.SqlValidatorException;

/** A statement refused because it would change the event store; the driver reports SQLState 25006. */
public class ReadOnlyException extends SqlValidatorException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the signature is the one Calcite's resource mechanism requires. */
  public ReadOnlyException(String message, Throwable cause) {
    super(message, cause);
  }
}
