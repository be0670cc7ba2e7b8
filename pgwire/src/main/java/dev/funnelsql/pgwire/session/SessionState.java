package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.catalog.PgCatalog;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a session is apart from its connection and the protocol: who connected (user, database, cancel key), its
 * run-time settings, its transaction status and its search path.
 */
final class SessionState {
  private final String user;
  private final String database;
  private final int processId;
  private final int secret;
  private final String funnelsqlVersion;
  private final SessionSettings settings;
  private final TransactionState transaction = new TransactionState();
  private @Nullable String searchPath;
  private @Nullable String pathSchema;

  /** The state of a new session: default settings, no transaction, no search path set. */
  SessionState(String user, String database, int processId, int secret, String funnelsqlVersion,
      String statementTimeout) {
    this.user = user;
    this.database = database;
    this.processId = processId;
    this.secret = secret;
    this.funnelsqlVersion = funnelsqlVersion;
    this.settings = new SessionSettings(user, funnelsqlVersion, statementTimeout);
  }

  String user() {
    return user;
  }

  String database() {
    return database;
  }

  int processId() {
    return processId;
  }

  int secret() {
    return secret;
  }

  String funnelsqlVersion() {
    return funnelsqlVersion;
  }

  SessionSettings settings() {
    return settings;
  }

  TransactionState transaction() {
    return transaction;
  }

  /** RESET ALL, DISCARD ALL: the settings go back to their defaults. */
  void resetSettings() {
    settings.reset(user, funnelsqlVersion);
  }

  /**
   * Records {@code SET search_path}: its text (for SHOW) and the model schema ({@code funnels}, …) that unqualified
   * names are written into, or null when the path leads to a store schema (the connection's default) or nowhere.
   */
  void searchPath(String text, @Nullable String modelSchema) {
    searchPath = text;
    pathSchema = modelSchema;
  }

  /** The search path as last set, or null if the client never set it. */
  @Nullable String searchPath() {
    return searchPath;
  }

  /** The model schema the search path leads to, or null. */
  @Nullable String pathSchema() {
    return pathSchema;
  }

  /**
   * The schema an unqualified table name resolves in through {@code search_path}, if it is not the default: the
   * path's model schema when {@code catalog} has the table there.
   */
  @Nullable String searchPathSchema(String table, @Nullable PgCatalog catalog) {
    if (pathSchema == null || catalog == null) {
      return null;
    }
    return catalog.relation(pathSchema, table) != null ? pathSchema : null;
  }
}
