package dev.funnelsql.pgwire.session;

import java.time.Duration;

/**
 * The limits that protect the server from one session: how long a statement may run (the initial
 * {@code statement_timeout}, which a session may change with SET), how long a session may sit idle between
 * requests, and how many rows and bytes one statement's result may send. Zero means no limit.
 *
 * @param statementTimeout the default {@code statement_timeout}
 * @param idleTimeout how long a session may wait for its next request before the server closes it (57P05)
 * @param maxResultRows the most rows one statement may send (54000 past it)
 * @param maxResultBytes the most bytes of rows one statement may send (54000 past it)
 */
public record SessionLimits(Duration statementTimeout, Duration idleTimeout, long maxResultRows,
    long maxResultBytes) {
  /** The server's defaults: no statement timeout (as PostgreSQL), idle sessions closed after an hour, no size limit. */
  public static final SessionLimits DEFAULTS = new SessionLimits(Duration.ZERO, Duration.ofHours(1), 0, 0);

  /** Checks that no limit is negative. */
  public SessionLimits {
    if (statementTimeout.isNegative() || idleTimeout.isNegative() || maxResultRows < 0 || maxResultBytes < 0) {
      throw new IllegalArgumentException("a limit cannot be negative");
    }
  }
}
