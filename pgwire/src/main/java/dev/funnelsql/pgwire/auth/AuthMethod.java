package dev.funnelsql.pgwire.auth;

import java.util.Locale;

/**
 * How the server checks a client's password: SCRAM-SHA-256 (the default; the password never crosses the wire), MD5
 * or cleartext (loopback only), or trust (no users configured, loopback only).
 */
public enum AuthMethod {
  SCRAM_SHA_256("scram-sha-256"),
  MD5("md5"),
  PASSWORD("password"),
  TRUST("trust");

  private final String label;

  AuthMethod(String label) {
    this.label = label;
  }

  /** The name used on the command line and in pg_hba.conf. */
  public String label() {
    return label;
  }

  /** Whether this method sends something an eavesdropper can replay or crack offline (MD5, cleartext). */
  public boolean weak() {
    return this == MD5 || this == PASSWORD;
  }

  /** The method with that name ({@code scram-sha-256}, {@code md5}, {@code password}, {@code trust}). */
  public static AuthMethod parse(String name) {
    for (AuthMethod method : values()) {
      if (method.label.equals(name.toLowerCase(Locale.ROOT))) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown authentication method '" + name
        + "': use scram-sha-256, md5, password or trust");
  }
}
