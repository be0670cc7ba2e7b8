package dev.funnelsql.jdbc;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The secrets of one connection (passwords given as keys, in the model, or inside the store's URL) and the
 * scrubbing of every error that leaves the driver: an exception whose message, or any cause's, contains one is
 * replaced by one whose message has it masked and that carries no cause (a cause would print it in a stack trace).
 */
final class Secrets {
  /** Shorter values are not scrubbed: masking "ab" everywhere would garble messages and protect nothing. */
  private static final int MIN_LENGTH = 4;
  private static final String MASK = "****";
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|pwd|secret|token).*");
  private static final Pattern URL_SECRET =
      Pattern.compile("(?i)(?:password|passwd|pwd|secret|token|key)=([^&;]*)");
  private static final Pattern URL_USER_INFO = Pattern.compile("//[^/:@]*:([^/@]*)@");

  private final Set<String> values = new CopyOnWriteArraySet<>();

  private Secrets() {
  }

  /** The secrets among a connection's keys: values of password-like keys and those inside a {@code url}. */
  static Secrets of(Properties properties) {
    final Secrets secrets = new Secrets();
    for (Map.Entry<Object, Object> entry : properties.entrySet()) {
      final String key = String.valueOf(entry.getKey());
      final String value = String.valueOf(entry.getValue());
      if (SECRET_KEY.matcher(key).matches() && !key.toLowerCase(Locale.ROOT).endsWith("env")) {
        secrets.add(value);
      } else if (key.equalsIgnoreCase("url")) {
        secrets.addUrl(value);
      }
    }
    return secrets;
  }

  /** Adds a secret value (ignored if null or too short to scrub). */
  Secrets add(@Nullable String value) {
    if (value != null && value.length() >= MIN_LENGTH) {
      values.add(value);
    }
    return this;
  }

  /** Adds the secrets inside a JDBC URL: password-like parameters and the password of {@code //user:pass@host}. */
  Secrets addUrl(@Nullable String url) {
    if (url != null) {
      for (Pattern pattern : new Pattern[] {URL_SECRET, URL_USER_INFO}) {
        final Matcher matcher = pattern.matcher(url);
        while (matcher.find()) {
          add(matcher.group(1));
        }
      }
    }
    return this;
  }

  /** The text with every secret masked. */
  String scrub(String text) {
    String scrubbed = text;
    for (String value : values) {
      scrubbed = scrubbed.replace(value, MASK);
    }
    return scrubbed;
  }

  /** Whether a secret appears in the message of {@code e}, of any cause, suppressed or next exception. */
  boolean appearsIn(@Nullable Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (appearsIn(t.getMessage())) {
        return true;
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (appearsIn(suppressed)) {
          return true;
        }
      }
      if (t instanceof SQLException && ((SQLException) t).getNextException() != null
          && appearsIn(((SQLException) t).getNextException())) {
        return true;
      }
    }
    return false;
  }

  private boolean appearsIn(@Nullable String message) {
    if (message == null) {
      return false;
    }
    for (String value : values) {
      if (message.contains(value)) {
        return true;
      }
    }
    return false;
  }

  /** The exception itself if it holds no secret; otherwise a copy with the message masked and no cause. */
  SQLException scrub(SQLException e) {
    if (!appearsIn(e)) {
      return e;
    }
    final SQLException clean = new SQLException(scrub(String.valueOf(e.getMessage())), e.getSQLState(),
        e.getErrorCode());
    clean.setStackTrace(e.getStackTrace());
    return clean;
  }
}
