package dev.funnelsql.pgwire.session;

import dev.funnelsql.pgwire.catalog.CatalogContext;
import dev.funnelsql.pgwire.catalog.PgCatalog;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The session as catalog answers see it: read-only views of its state and of its connection's catalog. */
final class SessionCatalog implements CatalogContext {
  private final SessionState state;
  private final SessionConnection connection;

  SessionCatalog(SessionState state, SessionConnection connection) {
    this.state = state;
    this.connection = connection;
  }

  @Override public PgCatalog catalog() throws SQLException {
    return connection.catalog();
  }

  @Override public String database() {
    return state.database();
  }

  @Override public String user() {
    return state.user();
  }

  @Override public String currentSchema() throws SQLException {
    final @Nullable String schema = state.pathSchema() != null ? state.pathSchema()
        : connection.connection().getSchema();
    return schema == null ? "" : schema;
  }

  @Override public int processId() {
    return state.processId();
  }

  @Override public String versionString() {
    return "PostgreSQL " + SessionSettings.SERVER_VERSION + " on x86_64-pc-linux-gnu, compiled by FunnelSQL "
        + state.funnelsqlVersion() + ", 64-bit";
  }

  @Override public @Nullable String setting(String name) {
    return state.settings().get(name);
  }

  @Override public Map<String, String> allSettings() {
    return new LinkedHashMap<>(state.settings().all());
  }
}
