package dev.funnelsql.pgwire.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The server's TLS: its {@link TlsMode} and, when TLS is offered, the context that gives each connection its Netty
 * {@link SslHandler}, built with the JDK's own TLS from a PEM certificate chain and PKCS#8 key, or from a keystore.
 */
public final class ServerTls {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final TlsMode mode;
  private final @Nullable SslContext context;
  private final boolean cleartextChosen;

  private ServerTls(TlsMode mode, @Nullable SslContext context, boolean cleartextChosen) {
    this.mode = mode;
    this.context = context;
    this.cleartextChosen = cleartextChosen;
  }

  /**
   * No TLS.
   *
   * @param chosen whether the operator asked for it ({@code --tls=off}), which allows listening beyond loopback
   */
  public static ServerTls off(boolean chosen) {
    return new ServerTls(TlsMode.OFF, null, chosen);
  }

  /**
   * TLS from PEM files, as PostgreSQL's {@code ssl_cert_file} and {@code ssl_key_file} take them.
   *
   * @param certificateChain the server certificate, then any intermediate certificates
   * @param privateKey the server's unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY})
   * @param mode {@link TlsMode#PREFER} or {@link TlsMode#REQUIRE}
   * @throws IllegalArgumentException if a file cannot be read or does not hold what it should
   */
  public static ServerTls fromPem(Path certificateChain, Path privateKey, TlsMode mode) {
    readable(certificateChain, "--tls-cert");
    readable(privateKey, "--tls-key");
    try {
      return offered(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()), mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot use the TLS certificate " + certificateChain + " with the key "
          + privateKey + ": " + reason(e), e);
    }
  }

  /**
   * TLS from a keystore (PKCS#12, or JKS) holding the server's key and certificate chain.
   *
   * @param keyStore the keystore file
   * @param password the keystore's password, which is also its key's
   * @param mode {@link TlsMode#PREFER} or {@link TlsMode#REQUIRE}
   * @throws IllegalArgumentException if the keystore cannot be read or opened with the password
   */
  public static ServerTls fromKeyStore(Path keyStore, char[] password, TlsMode mode) {
    readable(keyStore, "--tls-keystore");
    try (InputStream in = Files.newInputStream(keyStore)) {
      final KeyStore store = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
      store.load(in, password);
      final KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      return offered(SslContextBuilder.forServer(keys), mode);
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot use the TLS keystore " + keyStore + ": " + reason(e), e);
    }
  }

  private static ServerTls offered(SslContextBuilder builder, TlsMode mode) {
    if (mode == TlsMode.OFF) {
      throw new IllegalArgumentException("--tls=off contradicts a TLS certificate; leave one of them out");
    }
    try {
      return new ServerTls(mode, builder.sslProvider(SslProvider.JDK).protocols(PROTOCOLS).build(), false);
    } catch (SSLException e) {
      throw new IllegalArgumentException(reason(e), e);
    }
  }

  private static void readable(Path file, String option) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(option + " " + file + " is not a readable file");
    }
  }

  private static String reason(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The mode. */
  public TlsMode mode() {
    return mode;
  }

  /** Whether a client that asks gets TLS. */
  public boolean offered() {
    return context != null;
  }

  /** Whether only TLS connections are served. */
  public boolean required() {
    return mode == TlsMode.REQUIRE;
  }

  /** Whether the operator chose unencrypted connections ({@code --tls=off}) rather than leaving TLS unset. */
  public boolean cleartextChosen() {
    return cleartextChosen;
  }

  /** A new handler for one connection that asked for TLS (only when {@link #offered()}). */
  public SslHandler newHandler(ByteBufAllocator allocator) {
    if (context == null) {
      throw new IllegalStateException("TLS is not offered");
    }
    return context.newHandler(allocator);
  }

  @Override public String toString() {
    return "tls=" + mode.label();
  }
}
