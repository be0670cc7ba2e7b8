package dev.funnelsql.pgwire.protocol;

import java.util.Map;

/**
 * A message from a PostgreSQL client (protocol v3, "Message Formats" in PostgreSQL's documentation), decoded by
 * {@link FrontendDecoder}; the server acts on each kind.
 */
public sealed interface FrontendMessage {
  /** SSLRequest: the client asks for TLS before the startup message; FunnelSQL answers 'N' (not supported). */
  record SslRequest() implements FrontendMessage {
  }

  /** GSSENCRequest: the client asks for GSSAPI encryption; answered 'N' as well. */
  record GssEncryptionRequest() implements FrontendMessage {
  }

  /** CancelRequest, sent on a new connection: cancel what the session with this key is running. */
  record CancelRequest(int processId, int secretKey) implements FrontendMessage {
  }

  /** StartupMessage: protocol version and parameters (user, database, application_name, options, …). */
  record Startup(int protocolVersion, Map<String, String> parameters) implements FrontendMessage {
  }

  /** 'p': a password, or a SASL initial response or response, depending on the authentication exchange. */
  record Password(byte[] payload) implements FrontendMessage {
  }

  /** 'Q': simple query, one or more statements separated by ';'. */
  record Query(String sql) implements FrontendMessage {
  }

  /** 'P': prepare a statement with {@code $n} parameters, some of whose type OIDs the client may give (0 = any). */
  record Parse(String statement, String sql, int[] parameterTypes) implements FrontendMessage {
  }

  /** 'B': bind values to a prepared statement, creating a portal; values are null for SQL NULL. */
  record Bind(String portal, String statement, short[] parameterFormats, byte[][] values, short[] resultFormats)
      implements FrontendMessage {
  }

  /** 'D': describe a statement ('S') or a portal ('P'). */
  record Describe(char kind, String name) implements FrontendMessage {
  }

  /** 'E': run a portal, at most {@code maxRows} rows (0 = all). */
  record Execute(String portal, int maxRows) implements FrontendMessage {
  }

  /** 'C': close a statement ('S') or a portal ('P'). */
  record Close(char kind, String name) implements FrontendMessage {
  }

  /** 'S': end of an extended-query batch: answer ReadyForQuery. */
  record Sync() implements FrontendMessage {
  }

  /** 'H': send what is pending now. */
  record Flush() implements FrontendMessage {
  }

  /** 'X': the client is leaving. */
  record Terminate() implements FrontendMessage {
  }

  /** A message FunnelSQL does not support (function call, COPY data, …), answered with an error. */
  record Unsupported(char type) implements FrontendMessage {
  }
}
