package dev.funnelsql.calcite.resultcache;

import dev.funnelsql.calcite.settings.ConnectionValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.calcite.jdbc.CalciteSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a connection's answers depend on besides the statement: its model, its store and the credentials it reads
 * the store with, and its settings, reduced to one salted SHA-256 digest. Connections share cached results only
 * when their scopes are equal, so a connection with other credentials never sees another one's rows; the password
 * goes into the digest and nowhere else, and the salt is drawn afresh in each JVM.
 */
public final class CacheScope {
  private static final byte[] SALT = salt();
  private static final ConnectionValues<CacheScope> BY_ROOT = new ConnectionValues<>();

  private final String digest;
  private final CacheSettings settings;

  private CacheScope(String digest, CacheSettings settings) {
    this.digest = digest;
    this.settings = settings;
  }

  private static byte[] salt() {
    final byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    return salt;
  }

  /** Starts a scope; add every part the connection's answers depend on. */
  public static Builder builder() {
    return new Builder();
  }

  /** Records the scope of the connection whose root schema is {@code root} (snapshots share its schema). */
  public static void register(CalciteSchema root, CacheScope scope) {
    BY_ROOT.put(root, scope);
  }

  /** Forgets the scope of a connection that closed. */
  public static void forget(CalciteSchema root) {
    BY_ROOT.remove(root);
  }

  /** The scope of the connection whose root schema (or a snapshot of it) is {@code root}, or null: no caching. */
  public static @Nullable CacheScope of(@Nullable CalciteSchema root) {
    return BY_ROOT.get(root);
  }

  /** The digest that identifies the scope (no secret can be read back from it). */
  String digest() {
    return digest;
  }

  /** Whether connections of the two scopes share answers (their parts were the same; settings aside). */
  public boolean sharesWith(CacheScope other) {
    return digest.equals(other.digest);
  }

  /**
   * What connections must have in common to share prepared plans: the same scope and the same cache settings (a
   * plan carries its connection's cache settings into every execution).
   */
  public String planSharingKey() {
    return digest + "|" + settings.ttlMillis() + "|" + settings.maxEntryBytes();
  }

  /** The connection's cache settings. */
  public CacheSettings settings() {
    return settings;
  }

  @Override public String toString() {
    return "CacheScope{" + digest.substring(0, 8) + "…, " + settings + "}";
  }

  /** Collects the parts of a scope into the digest as they are added. */
  public static final class Builder {
    private final MessageDigest sha;

    private Builder() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java platform has SHA-256", e);
      }
      sha.update(SALT);
    }

    /** Adds a named part; null and absent are the same. */
    public Builder add(String name, @Nullable String value) {
      return add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a named part given as bytes (e.g. the model file's content). */
    public Builder add(String name, byte @Nullable [] value) {
      part(name.getBytes(StandardCharsets.UTF_8));
      if (value == null) {
        sha.update((byte) 0);
      } else {
        sha.update((byte) 1);
        part(value);
      }
      return this;
    }

    private void part(byte[] bytes) {
      final int length = bytes.length;
      sha.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
      sha.update(bytes);
    }

    /** The salted digest of the parts added so far (no part can be read back from it); ends the builder. */
    public String digest() {
      return Base64.getEncoder().encodeToString(sha.digest());
    }

    /** The scope of the parts added so far, with the connection's settings. */
    public CacheScope build(CacheSettings settings) {
      return new CacheScope(digest(), settings);
    }
  }
}
