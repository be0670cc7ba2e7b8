package dev.funnelsql.pgwire.session;

import java.sql.Connection;
import java.sql.SQLException;

/** What sessions share from their server: how to open a FunnelSQL connection, versions, cancel keys and limits. */
public interface ServerContext {
  /** Opens a new {@code jdbc:funnelsql:} connection for one client session. */
  Connection connect() throws SQLException;

  /** FunnelSQL's version, shown in {@code version()} and {@code server_version}. */
  String funnelsqlVersion();

  /** The registry of cancel keys. */
  CancelRegistry cancels();

  /** The limits every session runs under. */
  SessionLimits limits();
}
