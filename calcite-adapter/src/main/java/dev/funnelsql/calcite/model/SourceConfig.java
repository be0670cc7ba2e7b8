package dev.funnelsql.calcite.model;

import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.regex.Pattern;

/**
 * The {@code source:} block of a model: the JDBC URL and credentials of the event store FunnelSQL reads from;
 * {@link #toString()} never shows the password.
 *
 * @param url JDBC URL of the event store
 * @param user user name, or null to let the URL or the driver decide
 * @param password password, or null
 * @param schema default schema of the event store, or null
 */
public record SourceConfig(Located url, @Nullable Located user, @Nullable Located password,
    @Nullable Located schema) {
  private static final Pattern URL_SECRET =
      Pattern.compile("(?i)((?:password|pwd|passwd|secret|token|key)=)[^&;]*");
  private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/:@]*:)[^/@]*@");

  /** The source with its password masked, and any password-like parameter of the URL masked too. */
  @Override public String toString() {
    return "SourceConfig[url=" + mask(url.toString()) + ", user=" + user
        + ", password=" + (password == null ? "null" : "****") + ", schema=" + schema + "]";
  }

  static String mask(String url) {
    String s = URL_SECRET.matcher(url).replaceAll("$1****");
    return URL_USER_INFO.matcher(s).replaceAll("$1****@");
  }
}
