package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.model.Located;
import dev.funnelsql.calcite.model.Model;
import dev.funnelsql.calcite.model.SourceConfig;
import java.sql.SQLException;
import java.util.Properties;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The event store a connection reaches: from the connection's keys, else from the model's {@code source:}; a key
 * given on the connection overrides the model's value (e.g. a password from the BI tool's form).
 *
 * @param url the store's JDBC URL
 * @param credentials {@code user} and {@code password}, if any
 * @param schema the store schema to expose, or null for the current one
 */
record Source(String url, Properties credentials, @Nullable String schema) {
  static Source of(ConnectionSettings settings, @Nullable Model model) throws SQLException {
    final @Nullable SourceConfig config = model == null ? null : model.source();
    final @Nullable String url = settings.sourceUrl() != null ? settings.sourceUrl()
        : config == null ? null : config.url().text();
    if (url == null) {
      throw new SQLException("no event store URL: give url= on the connection or source.url in the model", "08001");
    }
    ConnectionSettings.checkSourceUrl(url);
    final UrlPassword inUrl = UrlPassword.of(url);
    final Properties credentials = new Properties();
    if (inUrl.password() != null) {
      credentials.setProperty("password", inUrl.password());
    }
    if (config != null) {
      put(credentials, "user", config.user());
      put(credentials, "password", config.password());
    }
    credentials.putAll(settings.credentials());
    final @Nullable String schema = settings.schema() != null ? settings.schema()
        : config == null || config.schema() == null ? null : config.schema().text();
    return new Source(inUrl.url(), credentials, schema);
  }

  private static void put(Properties properties, String key, @Nullable Located value) {
    if (value != null) {
      properties.setProperty(key, value.text());
    }
  }

  @Override public String toString() {
    return "Source{" + ConnectionSettings.redact(url) + ", schema=" + schema + "}";
  }
}
