package dev.funnelsql.jdbc;

import dev.funnelsql.calcite.prepare.PlanSettings;
import dev.funnelsql.calcite.resultcache.CacheSettings;
import dev.funnelsql.calcite.stepscan.StepScanSettings;
import dev.funnelsql.functions.period.LocalCalendar;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The connection properties of a {@code jdbc:funnelsql:} connection, split into FunnelSQL's own (the event store's
 * URL, credentials, schema and events table) and the Calcite settings passed through.
 */
final class ConnectionSettings {
  /** FunnelSQL's own keys; every other key is passed to Calcite (e.g. {@code lex}). */
  static final Set<String> KEYS = Set.of("url", "user", "password", "passwordenv", "schema", "events", "model",
      "timezone", "health.seconds");

  /** How long, in all, a model's first connection checks its segmentations' health by default. */
  static final Duration DEFAULT_HEALTH_TIME = Duration.ofSeconds(3);

  private final @Nullable String sourceUrl;
  private final @Nullable String model;
  private final Properties credentials;
  private final @Nullable String schema;
  private final @Nullable String events;
  private final Properties calcite;
  /** FunnelSQL's own settings: the step scan's {@code funnel.*} and preparation's {@code plan.*} properties. */
  private final Properties adapter;
  private final Properties resultCache;
  private final @Nullable LocalCalendar calendar;
  private final Duration healthTime;

  @SuppressWarnings("checkstyle:ParameterNumber")
  private ConnectionSettings(@Nullable String sourceUrl, @Nullable String model, Properties credentials,
      @Nullable String schema, @Nullable String events, Properties calcite, Properties adapter,
      Properties resultCache, @Nullable LocalCalendar calendar, Duration healthTime) {
    this.healthTime = healthTime;
    this.sourceUrl = sourceUrl;
    this.model = model;
    this.credentials = credentials;
    this.schema = schema;
    this.events = events;
    this.calcite = calcite;
    this.adapter = adapter;
    this.resultCache = resultCache;
    this.calendar = calendar;
  }

  /** Reads settings from the merged URL and {@link Properties}; fails with SQLState 08001 if unusable. */
  static ConnectionSettings from(Properties properties) throws SQLException {
    final Properties credentials = new Properties();
    final Properties calcite = new Properties();
    final Properties adapter = new Properties();
    final Properties resultCache = new Properties();
    calcite.setProperty("caseSensitive", "false");
    calcite.setProperty("unquotedCasing", "UNCHANGED");
    calcite.setProperty("quotedCasing", "UNCHANGED");
    @Nullable String url = null;
    @Nullable String model = null;
    @Nullable String schema = null;
    @Nullable String events = null;
    @Nullable String passwordEnv = null;
    @Nullable LocalCalendar calendar = null;
    Duration healthTime = DEFAULT_HEALTH_TIME;
    for (Map.Entry<Object, Object> entry : properties.entrySet()) {
      final String key = String.valueOf(entry.getKey());
      final String value = String.valueOf(entry.getValue());
      switch (key.toLowerCase(Locale.ROOT)) {
        case "url":
          url = value.trim();
          break;
        case "user":
        case "password":
          credentials.setProperty(key.toLowerCase(Locale.ROOT), value);
          break;
        case "passwordenv":
          passwordEnv = value.trim();
          break;
        case "schema":
          schema = blankToNull(value);
          break;
        case "model":
          model = blankToNull(value);
          break;
        case "events":
          events = blankToNull(value);
          break;
        case "health.seconds":
          healthTime = healthTime(value);
          break;
        case "timezone":
          // The calendar's zone, not Calcite's: Calcite would read every TIMESTAMP as a time of that zone.
          calendar = calendar(value);
          break;
        default:
          if (StepScanSettings.isKey(key) || PlanSettings.isKey(key)) {
            adapter.setProperty(key, value);
          } else if (CacheSettings.isKey(key)) {
            resultCache.setProperty(key, value);
          } else {
            calcite.setProperty(key, value);
          }
          break;
      }
    }
    if (passwordEnv != null && !credentials.containsKey("password")) {
      credentials.setProperty("password", EnvironmentPassword.read(passwordEnv, System.getenv()));
    }
    if ((url == null || url.isEmpty()) && model == null) {
      throw new SQLException("jdbc:funnelsql: needs a model file or the event store's JDBC URL, e.g. "
          + "jdbc:funnelsql:model=/data/shop.yaml or "
          + "jdbc:funnelsql:url='jdbc:h2:file:/data/shop;ACCESS_MODE_DATA=r' (quote a value that contains ';')",
          "08001");
    }
    CalciteSettings.check(calcite);
    return new ConnectionSettings(url == null || url.isEmpty() ? null : url, model, credentials, schema, events,
        calcite, adapter, resultCache, calendar, healthTime);
  }

  /** The {@code health.seconds} setting: a whole number of seconds, 0 or more. */
  private static Duration healthTime(String value) throws SQLException {
    try {
      final long seconds = Long.parseLong(value.trim());
      if (seconds >= 0) {
        return Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new SQLException("health.seconds must be a whole number of seconds, 0 or more (0: no segmentation health "
        + "check as the connection opens), got '" + value + "'", "22023");
  }

  /** How long, in all, the first connection of a model checks its segmentations' health (zero: not at all). */
  Duration healthTime() {
    return healthTime;
  }

  /** Checks an event store URL, whether it came from the connection or from the model. */
  static void checkSourceUrl(String url) throws SQLException {
    if (!url.startsWith("jdbc:")) {
      throw new SQLException("the event store URL must be a JDBC URL starting with 'jdbc:', got '"
          + redact(url) + "'", "08001");
    }
    if (url.startsWith("jdbc:funnelsql:")) {
      throw new SQLException("the event store URL cannot itself be a jdbc:funnelsql: URL", "08001");
    }
  }

  private static @Nullable String blankToNull(String value) {
    return value.isBlank() ? null : value.trim();
  }

  /** Shortens a URL for a message and drops anything that may hold a secret (query or ';' parameters). */
  static String redact(String url) {
    final int cut = indexOfAny(url, ";?");
    return cut < 0 ? url : url.substring(0, cut) + "…";
  }

  private static int indexOfAny(String text, String characters) {
    for (int i = 0; i < text.length(); i++) {
      if (characters.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  @Nullable String sourceUrl() {
    return sourceUrl;
  }

  @Nullable String model() {
    return model;
  }

  Properties credentials() {
    return credentials;
  }

  @Nullable String schema() {
    return schema;
  }

  @Nullable String events() {
    return events;
  }

  Properties calciteProperties() {
    return calcite;
  }

  /** The calendar that the {@code timeZone} property names, which overrides the model's, or null. */
  @Nullable LocalCalendar calendar() {
    return calendar;
  }

  private static LocalCalendar calendar(String zone) throws SQLException {
    try {
      return LocalCalendar.of(zone);
    } catch (IllegalArgumentException e) {
      throw new SQLException("the connection property timeZone cannot be '"
          + (zone.length() > 40 ? zone.substring(0, 40) + "…" : zone) + "': " + e.getMessage(), "08001");
    }
  }

  /** The {@code cache.*} properties of the result cache, checked. */
  CacheSettings resultCache() throws SQLException {
    return CacheSettings.from(resultCache);
  }

  /** The {@code funnel.*} properties of the step scan, checked. */
  StepScanSettings stepScan() throws SQLException {
    return StepScanSettings.from(adapter);
  }

  /** The {@code plan.*} properties of statement preparation, checked. */
  PlanSettings plan() throws SQLException {
    return PlanSettings.from(adapter);
  }
}
