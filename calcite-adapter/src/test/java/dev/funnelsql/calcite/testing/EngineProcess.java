package dev.funnelsql.calcite.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An engine server that the tests start in a process of its own, once per test run: started on first use, ready once
 * its log shows a line, stopped when the test JVM exits. Where it cannot run here, the tests that need it are skipped
 * with the reason, unless {@value #REQUIRE_VARIABLE} is set (CI sets it), which makes that a failure.
 */
final class EngineProcess {
  /** The environment variable that turns a missing engine into a failure instead of a skipped test. */
  static final String REQUIRE_VARIABLE = "FUNNELSQL_REQUIRE_ENGINES";

  /** How an engine is started: its JDBC URL, or null after setting why it cannot run here. */
  interface Starter {
    String start(EngineProcess engine) throws IOException, InterruptedException;
  }

  private final String name;
  private final Starter starter;
  private String url;
  private String unavailable;

  EngineProcess(String name, Starter starter) {
    this.name = name;
    this.starter = starter;
  }

  /** The engine's JDBC URL, starting it on the first call; skips (or fails) the calling test when it cannot run. */
  synchronized String url() {
    if (url == null && unavailable == null) {
      try {
        url = starter.start(this);
      } catch (IOException e) {
        unavailable = name + " failed to start: " + e.getMessage();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unavailable = "interrupted while " + name + " started";
      }
    }
    if (url == null) {
      final String reason = unavailable != null ? unavailable : name + " did not start";
      if (System.getenv(REQUIRE_VARIABLE) != null) {
        throw new AssertionError(reason + " (" + REQUIRE_VARIABLE + " is set, so this fails)");
      }
      Assumptions.abort(reason);
    }
    return url;
  }

  /** Records why the engine cannot run here; the starter then returns null. */
  void unavailable(String reason) {
    this.unavailable = reason;
  }

  /**
   * Starts the engine's process, logging to {@code log}, and waits until its log holds {@code ready}; the process is
   * stopped when this JVM exits.
   */
  static Process launch(ProcessBuilder builder, Path log, String ready, Duration timeout)
      throws IOException, InterruptedException {
    final Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
    final long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the server exited with " + process.exitValue() + "; its log ends:\n" + tail(log));
      }
      if (Files.readString(log, StandardCharsets.UTF_8).contains(ready)) {
        return process;
      }
      Thread.sleep(250);
    }
    stop(process);
    throw new IOException("the server was not up after " + timeout + "; its log ends:\n" + tail(log));
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** A TCP port free now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
