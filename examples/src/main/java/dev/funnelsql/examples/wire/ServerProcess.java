package dev.funnelsql.examples.wire;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A wire server ({@code funnelsql-server.jar serve …}) run as a process of its own on a free port, with the store's
 * driver jar beside it, for the runners that measure it from outside with real clients.
 */
public final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private ServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts {@code serve} with these arguments (the port is added), waits until it listens and then drains its log.
   *
   * @param jvmOptions options of the server's JVM (e.g. {@code -Xmx1g}), may be empty
   * @param besideJar classes the server jar does not carry (the store's driver), as class-path entries
   * @param serveArguments what follows {@code serve}
   */
  public static ServerProcess start(List<String> jvmOptions, List<Class<?>> besideJar, List<String> serveArguments)
      throws IOException {
    final int port = freePort();
    final List<String> classPath = new ArrayList<>(List.of(serverJar()));
    for (Class<?> type : besideJar) {
      classPath.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().getPath()).toString());
    }
    final List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), "dev.funnelsql.pgwire.Main", "serve"));
    command.addAll(serveArguments);
    command.addAll(List.of("--port", Integer.toString(port)));
    final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      awaitReady(process);
    } catch (IOException e) {
      process.destroy();
      throw e;
    }
    return new ServerProcess(process, port);
  }

  /** The port it listens on. */
  public int port() {
    return port;
  }

  /** The server process's id (for {@code jcmd}). */
  public long pid() {
    return process.pid();
  }

  /** Stops the server. */
  @Override public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  private static String serverJar() throws IOException {
    final List<String> candidates = new ArrayList<>();
    final String configured = System.getProperty("funnelsql.serverJar");
    if (configured != null) {
      candidates.add(configured);
    }
    candidates.add("pgwire/target/funnelsql-server.jar");
    candidates.add("../pgwire/target/funnelsql-server.jar");
    for (String candidate : candidates) {
      if (new File(candidate).isFile()) {
        return candidate;
      }
    }
    throw new IOException("the server jar is not built: run mvn -DskipTests package first (looked at " + candidates
        + ")");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Waits for the server's banner ("… speaks PostgreSQL on …"), then drains its output in the background. */
  private static void awaitReady(Process server) throws IOException {
    final BufferedReader lines = new BufferedReader(new InputStreamReader(server.getInputStream(),
        StandardCharsets.UTF_8));
    final StringBuilder seen = new StringBuilder();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      seen.append(line).append('\n');
      if (line.contains("speaks PostgreSQL on")) {
        final Thread drain = new Thread(() -> {
          try {
            while (lines.readLine() != null) {
              // Discarded: the server's log.
            }
          } catch (IOException ignored) {
            // The server exited.
          }
        });
        drain.setDaemon(true);
        drain.start();
        return;
      }
    }
    throw new IOException("the server exited before listening:\n" + seen);
  }
}
