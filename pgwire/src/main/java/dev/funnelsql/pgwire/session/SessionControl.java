package dev.funnelsql.pgwire.session;

import java.sql.SQLException;
import java.util.List;

/**
 * What session commands (BEGIN, SET, DISCARD, …) do beyond changing the session state: warn or inform the client,
 * move the connection's schema, drop the session's prepared statements and portals.
 */
interface SessionControl {
  /** BEGIN: opens a block, or warns (25001) that one is open. */
  void beginBlock() throws SQLException;

  /** COMMIT or ROLLBACK: ends the block (warning 25P01 without one), closes its portals; the block's status. */
  char endBlock() throws SQLException;

  /** SET of a run-time parameter, reported to the client (ParameterStatus) if PostgreSQL reports it. */
  void setParameter(String name, String value) throws SQLException;

  /**
   * {@code SET search_path}: unqualified names resolve in the first listed schema that exists. A store schema becomes
   * FunnelSQL's default schema; a model schema is written into the queries' FROM clauses instead.
   */
  void setSearchPath(List<String> schemas) throws SQLException;

  /** {@code SHOW search_path}: as set, else the current schema. */
  String searchPath() throws SQLException;

  /** DISCARD ALL: prepared statements, portals and settings go. */
  void discardAll();
}
