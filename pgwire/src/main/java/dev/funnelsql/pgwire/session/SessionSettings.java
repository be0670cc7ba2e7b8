package dev.funnelsql.pgwire.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A session's run-time parameters as SET, SHOW and {@code current_setting} see them, with PostgreSQL's values for
 * those clients read (a 9.6-compatible {@code server_version}, UTF8, ISO dates, UTC); the ones marked for
 * reporting are also sent as ParameterStatus at startup and when they change.
 */
public final class SessionSettings {
  /** The PostgreSQL version FunnelSQL reports: 9.6, so SQLAlchemy 1.4 skips its PostgreSQL 10/12 reflection. */
  public static final String SERVER_VERSION = "9.6.0";
  /** The parameters PostgreSQL reports with ParameterStatus (GUC_REPORT). */
  public static final Set<String> REPORTED = Set.of("server_version", "server_encoding", "client_encoding",
      "application_name", "datestyle", "timezone", "integer_datetimes", "standard_conforming_strings",
      "intervalstyle", "is_superuser", "session_authorization");
  private static final Map<String, String> DISPLAY_NAMES = Map.of("datestyle", "DateStyle", "timezone", "TimeZone",
      "intervalstyle", "IntervalStyle");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final String statementTimeout;

  /**
   * The defaults for a session of {@code user}, with FunnelSQL's {@code version} in the server version and the
   * server's {@code statement_timeout} (as SHOW writes it).
   */
  public SessionSettings(String user, String funnelsqlVersion, String statementTimeout) {
    this.statementTimeout = statementTimeout;
    reset(user, funnelsqlVersion);
  }

  /** Back to the defaults (DISCARD ALL, RESET ALL). */
  public void reset(String user, String funnelsqlVersion) {
    final String applicationName = values.getOrDefault("application_name", "");
    values.clear();
    values.put("server_version", SERVER_VERSION + " (FunnelSQL " + funnelsqlVersion + ")");
    values.put("server_version_num", "90600");
    values.put("server_encoding", "UTF8");
    values.put("client_encoding", "UTF8");
    values.put("application_name", applicationName);
    values.put("datestyle", "ISO, MDY");
    values.put("timezone", "UTC");
    values.put("integer_datetimes", "on");
    values.put("standard_conforming_strings", "on");
    values.put("intervalstyle", "postgres");
    values.put("is_superuser", "off");
    values.put("session_authorization", user);
    values.put("transaction_isolation", "read committed");
    values.put("default_transaction_isolation", "read committed");
    values.put("transaction_read_only", "on");
    values.put("default_transaction_read_only", "on");
    values.put("extra_float_digits", "1");
    values.put("search_path", "\"$user\", public");
    values.put("statement_timeout", statementTimeout);
    values.put("lock_timeout", "0");
    values.put("max_identifier_length", "63");
    values.put("bytea_output", "hex");
    values.put("lc_messages", "C");
    values.put("lc_monetary", "C");
    values.put("lc_numeric", "C");
    values.put("lc_time", "C");
  }

  /** The value of a parameter (case-insensitive name), or null if FunnelSQL does not know it. */
  public @Nullable String get(String name) {
    return values.get(normalize(name));
  }

  /**
   * Sets a parameter; returns true if it is one that is reported to the client. The encoding, date style, time zone
   * and string syntax stay what FunnelSQL produces (UTF8, ISO, UTC, standard strings), whatever the client asks.
   */
  public boolean set(String name, String value) {
    final String key = normalize(name);
    switch (key) {
      case "client_encoding":
      case "datestyle":
      case "timezone":
      case "standard_conforming_strings":
      case "integer_datetimes":
      case "server_version":
      case "server_encoding":
      case "transaction_read_only":
        return false;
      default:
        values.put(key, value);
        return REPORTED.contains(key);
    }
  }

  /** All parameters by lower-case name. */
  public Map<String, String> all() {
    return Collections.unmodifiableMap(values);
  }

  /** The name a parameter is reported under ({@code DateStyle}, {@code TimeZone}, …). */
  public static String displayName(String key) {
    return DISPLAY_NAMES.getOrDefault(key, key);
  }

  private static String normalize(String name) {
    final String lower = name.toLowerCase(Locale.ROOT).strip();
    return lower.equals("time zone") ? "timezone" : lower;
  }
}
