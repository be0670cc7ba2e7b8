package dev.funnelsql.pgwire.protocol;

/**
 * A client broke the protocol (a malformed or oversized message): the server answers with a FATAL error and closes
 * the connection, since the rest of the byte stream cannot be trusted.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message for the client. */
  public ProtocolException(String message) {
    super(message);
  }
}
