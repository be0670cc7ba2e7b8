package dev.funnelsql.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Moves a password out of a store URL — a {@code password} parameter of its query string
 * ({@code jdbc:postgresql://h/db?user=a&password=b}) or the password of {@code //user:password@host} — into the
 * connection's properties, where every JDBC driver reads it too: store drivers log the URLs they are offered (the
 * PostgreSQL driver at FINE, even URLs of other drivers), and a URL is shown in pool and error messages.
 *
 * @param url the URL without the parameter
 * @param password the parameter's value, or null if the URL had none
 */
record UrlPassword(String url, @Nullable String password) {
  private static final Pattern USER_INFO = Pattern.compile("^([^?]*?//[^/?@:]*):([^/?@]*)@");

  static UrlPassword of(String url) {
    final Matcher userInfo = USER_INFO.matcher(url);
    if (userInfo.find()) {
      final UrlPassword rest = ofQuery(userInfo.replaceFirst("$1@"));
      return new UrlPassword(rest.url(), rest.password() != null ? rest.password() : decode(userInfo.group(2)));
    }
    return ofQuery(url);
  }

  private static UrlPassword ofQuery(String url) {
    final int query = url.indexOf('?');
    if (query < 0) {
      return new UrlPassword(url, null);
    }
    final List<String> kept = new ArrayList<>();
    @Nullable String password = null;
    for (String parameter : url.substring(query + 1).split("&", -1)) {
      if (parameter.toLowerCase(Locale.ROOT).startsWith("password=")) {
        password = parameter.substring("password=".length());
      } else {
        kept.add(parameter);
      }
    }
    if (password == null) {
      return new UrlPassword(url, null);
    }
    final String base = url.substring(0, query);
    return new UrlPassword(kept.isEmpty() ? base : base + "?" + String.join("&", kept), decode(password));
  }

  /** URL query values may be percent-encoded; a malformed escape is taken literally. */
  private static String decode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
