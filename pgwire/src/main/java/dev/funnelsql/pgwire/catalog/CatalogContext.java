package dev.funnelsql.pgwire.catalog;

import java.sql.SQLException;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What catalog answers need to know about the session asking: FunnelSQL's catalog, the database and user names the
 * client connected with, the schema unqualified names resolve in, and the session's settings.
 */
public interface CatalogContext {
  /** FunnelSQL's catalog (read on first use). */
  PgCatalog catalog() throws SQLException;

  /** The database name the client connected to. */
  String database();

  /** The user the client authenticated as. */
  String user();

  /** The schema unqualified names resolve in ({@code current_schema()}). */
  String currentSchema() throws SQLException;

  /** The session's process id, as sent in BackendKeyData. */
  int processId();

  /** The value of {@code version()}: a PostgreSQL-compatible version string naming FunnelSQL. */
  String versionString();

  /** A session setting ({@code current_setting('…')}, {@code SHOW …}), or null if unknown. */
  @Nullable String setting(String name);

  /** All session settings, by lower-case name. */
  Map<String, String> allSettings();
}
