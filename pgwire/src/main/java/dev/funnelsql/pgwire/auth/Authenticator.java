package dev.funnelsql.pgwire.auth;

import dev.funnelsql.pgwire.protocol.BackendMessages;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The server side of one client's authentication exchange (PostgreSQL's "Authentication" message flow): asks for a
 * password, MD5 hash or SCRAM-SHA-256 proof, checks it against the {@link UserStore}, and says ok or no. A failure
 * message never says whether the user exists.
 */
public final class Authenticator {
  /** Result of one step: messages to send and whether the exchange is done. */
  public record Step(List<ByteBuf> messages, State state) {
  }

  /** Where the exchange stands after a step. */
  public enum State { PENDING, SUCCEEDED, FAILED }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String MECHANISM = "SCRAM-SHA-256";

  private final AuthMethod method;
  private final UserStore users;
  private final String user;
  private final BackendMessages out;
  private final byte[] md5Salt = new byte[4];
  private @Nullable String clientFirstBare;
  private @Nullable String serverFirst;
  private @Nullable String nonce;

  /** Starts an exchange for {@code user} (the startup message's user). */
  public Authenticator(AuthMethod method, UserStore users, String user, BackendMessages out) {
    this.method = method;
    this.users = users;
    this.user = user;
    this.out = out;
  }

  /** The first step: a request for credentials, or immediate success under trust. */
  public Step start() {
    switch (method) {
      case TRUST:
        return new Step(List.of(), State.SUCCEEDED);
      case PASSWORD:
        return new Step(List.of(out.cleartextPasswordRequest()), State.PENDING);
      case MD5:
        RANDOM.nextBytes(md5Salt);
        return new Step(List.of(out.md5PasswordRequest(md5Salt)), State.PENDING);
      default:
        return new Step(List.of(out.saslRequest(List.of(MECHANISM))), State.PENDING);
    }
  }

  /** The next step, given the payload of the client's 'p' message. */
  public Step onPassword(byte[] payload) {
    switch (method) {
      case PASSWORD:
        return verdict(checkCleartext(cString(payload)));
      case MD5:
        return verdict(checkMd5(cString(payload)));
      case SCRAM_SHA_256:
        return serverFirst == null ? scramFirst(payload) : scramFinal(payload);
      default:
        return verdict(false);
    }
  }

  private static Step verdict(boolean ok) {
    return new Step(List.of(), ok ? State.SUCCEEDED : State.FAILED);
  }

  private static String cString(byte[] payload) {
    int end = 0;
    while (end < payload.length && payload[end] != 0) {
      end++;
    }
    return new String(payload, 0, end, StandardCharsets.UTF_8);
  }

  private boolean checkCleartext(String password) {
    final @Nullable UserSecret secret = users.secret(user);
    return secret != null && UserStore.same(secret.password(), password.getBytes(StandardCharsets.UTF_8));
  }

  private boolean checkMd5(String answer) {
    final @Nullable UserSecret secret = users.secret(user);
    if (secret == null) {
      return false;
    }
    final String inner = md5Hex(concat(secret.password(), user.getBytes(StandardCharsets.UTF_8)));
    final String expected = "md5" + md5Hex(concat(inner.getBytes(StandardCharsets.US_ASCII), md5Salt));
    return UserStore.same(expected.getBytes(StandardCharsets.US_ASCII), answer.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code md5(data)} in lower-case hex, as PostgreSQL's MD5 authentication computes it. */
  static String md5Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks MD5", e);
    }
  }

  private static byte[] concat(byte[] a, byte[] b) {
    return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
  }

  /** SASLInitialResponse: mechanism, then client-first-message {@code n,,n=…,r=<nonce>}. */
  private Step scramFirst(byte[] payload) {
    final ByteBuffer buf = ByteBuffer.wrap(payload);
    final String mechanism = cString(payload);
    buf.position(mechanism.getBytes(StandardCharsets.UTF_8).length + 1);
    if (!mechanism.equals(MECHANISM) || buf.remaining() < 4) {
      return verdict(false);
    }
    final int length = buf.getInt();
    if (length < 0 || length > buf.remaining()) {
      return verdict(false);
    }
    final String clientFirst = new String(payload, buf.position(), length, StandardCharsets.UTF_8);
    // No channel binding: the GS2 header is "n,," or "y,," (client supports it, thinks we don't).
    if (!(clientFirst.startsWith("n,,") || clientFirst.startsWith("y,,"))) {
      return verdict(false);
    }
    clientFirstBare = clientFirst.substring(3);
    final @Nullable String clientNonce = attribute(clientFirstBare, 'r');
    if (clientNonce == null || clientNonce.isEmpty()) {
      return verdict(false);
    }
    final byte[] serverNonce = new byte[18];
    RANDOM.nextBytes(serverNonce);
    nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
    final UserSecret secret = secretOrDecoy();
    serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(secret.salt()) + ",i="
        + UserSecret.ITERATIONS;
    return new Step(List.of(out.saslContinue(serverFirst.getBytes(StandardCharsets.UTF_8))), State.PENDING);
  }

  /** An unknown user goes through the same exchange against a decoy verifier, and fails at the proof. */
  private UserSecret secretOrDecoy() {
    final @Nullable UserSecret secret = users.secret(user);
    if (secret != null) {
      return secret;
    }
    final byte[] randomPassword = new byte[16];
    RANDOM.nextBytes(randomPassword);
    final byte[] salt = new byte[16];
    System.arraycopy(UserSecret.sha256(user.getBytes(StandardCharsets.UTF_8)), 0, salt, 0, 16);
    return UserSecret.derive(Base64.getEncoder().encodeToString(randomPassword), salt);
  }

  /** SASLResponse: client-final-message {@code c=…,r=<nonce>,p=<proof>}. */
  private Step scramFinal(byte[] payload) {
    final String clientFinal = new String(payload, StandardCharsets.UTF_8);
    final int proofAt = clientFinal.lastIndexOf(",p=");
    final @Nullable UserSecret secret = users.secret(user);
    if (proofAt < 0 || secret == null || !String.valueOf(nonce).equals(attribute(clientFinal, 'r'))) {
      return verdict(false);
    }
    final String withoutProof = clientFinal.substring(0, proofAt);
    final byte[] proof;
    try {
      proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
    } catch (IllegalArgumentException e) {
      return verdict(false);
    }
    final byte[] authMessage = (clientFirstBare + "," + serverFirst + "," + withoutProof)
        .getBytes(StandardCharsets.UTF_8);
    final byte[] clientSignature = UserSecret.hmac(secret.storedKey(), authMessage);
    if (proof.length != clientSignature.length) {
      return verdict(false);
    }
    final byte[] clientKey = new byte[proof.length];
    for (int i = 0; i < proof.length; i++) {
      clientKey[i] = (byte) (proof[i] ^ clientSignature[i]);
    }
    if (!UserStore.same(UserSecret.sha256(clientKey), secret.storedKey())) {
      return verdict(false);
    }
    final String serverFinal = "v=" + Base64.getEncoder().encodeToString(
        UserSecret.hmac(secret.serverKey(), authMessage));
    return new Step(List.of(out.saslFinal(serverFinal.getBytes(StandardCharsets.UTF_8))), State.SUCCEEDED);
  }

  private static @Nullable String attribute(String message, char name) {
    for (String part : message.split(",")) {
      if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
        return part.substring(2);
      }
    }
    return null;
  }
}
