package dev.funnelsql.pgwire.sql;

/**
 * SQL text that cannot even be split into tokens or statements (an unterminated string, comment or parenthesis);
 * reported to the client with SQLSTATE 42601.
 */
public final class SqlSyntaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what and where. */
  public SqlSyntaxException(String message) {
    super(message);
  }
}
