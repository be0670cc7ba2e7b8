package dev.funnelsql.pgwire.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The users allowed to connect and their passwords, from options, environment variables or a file of
 * {@code user:password} lines; SCRAM keys are derived once here. Passwords never leave this class in any message.
 */
public final class UserStore {
  private final Map<String, UserSecret> users;

  private UserStore(Map<String, UserSecret> users) {
    this.users = users;
  }

  /** A store with these users (name → password). */
  public static UserStore of(Map<String, String> passwords) {
    final Map<String, UserSecret> users = new LinkedHashMap<>();
    passwords.forEach((user, password) -> users.put(user, UserSecret.derive(password)));
    return new UserStore(users);
  }

  /**
   * Reads {@code user:password} lines ({@code #} comments and blank lines skipped) into {@code into}; fails with a
   * message naming the file and line, never the line's text.
   */
  public static void readFile(Path file, Map<String, String> into) throws IOException {
    final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      final String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      final int colon = line.indexOf(':');
      if (colon <= 0 || colon == line.length() - 1) {
        throw new IOException(file + ":" + (i + 1) + ": expected user:password");
      }
      into.put(line.substring(0, colon).strip(), line.substring(colon + 1));
    }
  }

  /** Whether no user is configured. */
  public boolean isEmpty() {
    return users.isEmpty();
  }

  /** The configured user names. */
  public Set<String> names() {
    return users.keySet();
  }

  @Nullable UserSecret secret(String user) {
    return users.get(user);
  }

  /** Constant-time comparison, so that timing tells nothing about how much of a password matched. */
  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
