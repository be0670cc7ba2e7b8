package dev.funnelsql.pgwire.tls;

import java.util.Locale;

/**
 * Whether the server offers TLS to a client that asks for it (SSLRequest) and whether it refuses a client that does
 * not: the server side of libpq's {@code sslmode}.
 */
public enum TlsMode {
  /** Every connection is unencrypted; SSLRequest is answered 'N'. */
  OFF,
  /** A client that asks gets TLS; one that does not is served unencrypted (where the rules allow it). */
  PREFER,
  /** Only TLS connections are served; a client that starts without asking is refused with 28000. */
  REQUIRE;

  /** The mode of {@code off}, {@code prefer} or {@code require}; throws IllegalArgumentException otherwise. */
  public static TlsMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--tls must be off, prefer or require, got '" + text + "'");
    }
  }

  /** The mode as {@code --tls} spells it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
