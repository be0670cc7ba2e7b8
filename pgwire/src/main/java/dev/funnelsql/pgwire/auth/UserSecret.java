package dev.funnelsql.pgwire.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the server keeps of one user's password: the password itself (for MD5 and cleartext) and its SCRAM-SHA-256
 * verifier (salt, iterations, stored key, server key; RFC 5802 and RFC 7677).
 */
final class UserSecret {
  static final int ITERATIONS = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] password;
  private final byte[] salt;
  private final byte[] storedKey;
  private final byte[] serverKey;

  private UserSecret(byte[] password, byte[] salt, byte[] storedKey, byte[] serverKey) {
    this.password = password;
    this.salt = salt;
    this.storedKey = storedKey;
    this.serverKey = serverKey;
  }

  static UserSecret derive(String password) {
    final byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return derive(password, salt);
  }

  static UserSecret derive(String password, byte[] salt) {
    final byte[] salted = saltedPassword(password, salt);
    return new UserSecret(password.getBytes(StandardCharsets.UTF_8), salt,
        sha256(hmac(salted, "Client Key")), hmac(salted, "Server Key"));
  }

  private static byte[] saltedPassword(String password, byte[] salt) {
    try {
      final SecretKeyFactory factory = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
      return factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
    }
  }

  static byte[] hmac(byte[] key, String text) {
    return hmac(key, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      final Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks HmacSHA256", e);
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }

  byte[] password() {
    return password.clone();
  }

  byte[] salt() {
    return salt.clone();
  }

  byte[] storedKey() {
    return storedKey;
  }

  byte[] serverKey() {
    return serverKey;
  }
}
