package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A test certificate authority made by the test itself with the JDK's {@code keytool}: a CA, and a server certificate
 * it signs for {@code localhost} and {@code 127.0.0.1} (and any other host given), written as the PEM files and the
 * PKCS#12 keystore {@code serve} takes. Nothing here is hand-written cryptography.
 */
record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, Path serverKeyStore,
    String keyStorePassword) {

  /** Makes a CA named {@code name} and a server certificate signed by it, in {@code dir}. */
  static TestCertificates create(Path dir, String name, String... extraHosts) throws Exception {
    Files.createDirectories(dir);
    final String password = "test-" + name + "-pw";
    final Path ca = dir.resolve(name + "-ca.p12");
    final Path server = dir.resolve(name + "-server.p12");
    final Path caPem = dir.resolve(name + "-ca.pem");
    final Path csr = dir.resolve(name + "-server.csr");
    final Path serverPem = dir.resolve(name + "-server.pem");
    final StringBuilder san = new StringBuilder("SAN=dns:localhost,ip:127.0.0.1");
    for (String host : extraHosts) {
      san.append(host.matches("[0-9.]+|.*:.*") ? ",ip:" : ",dns:").append(host);
    }
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
        "CN=FunnelSQL test CA " + name, "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(),
        "-storetype", "PKCS12", "-storepass", password);
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-file",
        caPem.toString());
    keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-validity", "2", "-keystore", server.toString(), "-storetype", "PKCS12", "-storepass", password);
    keytool("-certreq", "-alias", "server", "-keystore", server.toString(), "-storepass", password, "-file",
        csr.toString());
    keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", password, "-infile",
        csr.toString(), "-outfile", serverPem.toString(), "-validity", "2", "-ext", san.toString(), "-ext",
        "KU=digitalSignature", "-ext", "EKU=serverAuth");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", server.toString(), "-storepass", password,
        "-file", caPem.toString());
    keytool("-importcert", "-alias", "server", "-keystore", server.toString(), "-storepass", password, "-file",
        serverPem.toString());
    final Path keyPem = dir.resolve(name + "-server.key");
    Files.writeString(keyPem, pkcs8Pem(server, password), StandardCharsets.US_ASCII);
    return new TestCertificates(caPem, serverPem, keyPem, server, password);
  }

  /** The server key as PEM, from the keystore keytool made (its PKCS#8 encoding, base64 in 64-character lines). */
  private static String pkcs8Pem(Path keyStore, String password) throws Exception {
    final KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password.toCharArray());
    }
    final Key key = store.getKey("server", password.toCharArray());
    assertEquals("PKCS#8", key.getFormat());
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
  }

  private static void keytool(String... arguments) throws Exception {
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    final ExternalClients.Result result = ExternalClients.run(command, Map.of(), 60);
    assertEquals(0, result.exitCode(), String.join(" ", arguments) + "\n" + result.stdout() + result.stderr());
  }
}
