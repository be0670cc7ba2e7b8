package dev.funnelsql.calcite.prepare;

import org.apache.calcite.sql.validate.SqlValidatorException;

/** A statement FunnelSQL does not run (a session option, a transaction command); the driver reports 0A000. */
public class UnsupportedStatementException extends SqlValidatorException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception; the signature is the one Calcite's resource mechanism requires. */
  public UnsupportedStatementException(String message, Throwable cause) {
    super(message, cause);
  }
}
