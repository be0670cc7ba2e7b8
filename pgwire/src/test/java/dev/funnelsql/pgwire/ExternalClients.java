package dev.funnelsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real PostgreSQL clients the tests drive (psql, Python with psycopg2 and SQLAlchemy from Debian's
 * packages, which {@code .ci/run} installs). A missing client skips the test, naming the package to install, so
 * that {@code mvn verify} passes on a machine with only a JDK and Maven; where {@code
 * FUNNELSQL_REQUIRE_EXTERNAL_CLIENTS} is set (CI sets it) a missing client fails the test instead.
 */
final class ExternalClients {
  static final String REQUIRE_VARIABLE = "FUNNELSQL_REQUIRE_EXTERNAL_CLIENTS";

  private ExternalClients() {
  }

  /** Output and exit code of a finished client. */
  record Result(int exitCode, String stdout, String stderr) {
  }

  /** The first of the paths that exists; fails (or skips) naming the Debian package otherwise. */
  static Path require(String debianPackage, String... candidates) {
    for (String candidate : candidates) {
      final Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    final String missing = candidates[0] + " is missing: install Debian's " + debianPackage
        + " (.ci/run does: apt-get install -y " + debianPackage + ")";
    assumeTrue(System.getenv(REQUIRE_VARIABLE) != null, missing + "; skipping this client test");
    fail(missing + " (" + REQUIRE_VARIABLE + " is set, so the client test must run)");
    throw new AssertionError();
  }

  /** Fails (or skips) unless {@code python} can import the modules. */
  static void requirePythonModules(Path python, String debianPackages, String... modules) throws Exception {
    final Result result = run(List.of(python.toString(), "-c", "import " + String.join(", ", modules)), Map.of(),
        60);
    if (result.exitCode() != 0) {
      final String missing = python + " cannot import " + String.join(", ", modules) + ": install Debian's "
          + debianPackages + " (.ci/run does)";
      assumeTrue(System.getenv(REQUIRE_VARIABLE) != null, missing + "; skipping this client test");
      fail(missing + " (" + REQUIRE_VARIABLE + " is set, so the client test must run)\n" + result.stderr());
    }
  }

  /** Runs a command with extra environment variables, waiting at most {@code seconds}. */
  static Result run(List<String> command, Map<String, String> environment, int seconds) throws Exception {
    final ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    final Path out = Files.createTempFile("client", ".out");
    final Path err = Files.createTempFile("client", ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    final Process process = builder.start();
    process.getOutputStream().close();
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(command.get(0) + " did not finish within " + seconds + " s\n" + read(err));
      }
      return new Result(process.exitValue(), read(out), read(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Checks the exit code, showing the client's error output if it failed. */
  static Result succeeded(Result result) {
    assertEquals(0, result.exitCode(), () -> "client failed:\n" + result.stderr() + "\n" + result.stdout());
    return result;
  }
}
