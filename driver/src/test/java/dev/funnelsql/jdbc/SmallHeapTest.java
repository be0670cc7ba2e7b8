package dev.funnelsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A funnel over more step rows than the heap holds completes: past {@code funnel.bufferLimit} (a quarter of the heap
 * by default) the store orders the rows and FunnelSQL keeps one user's state at a time. Runs in a separate JVM with a
 * 64 MB heap over 2.4 million step rows of 800,000 users (about 48 MB as packed rows, more as anything else).
 */
class SmallHeapTest {
  private static final long USERS = 800_000;

  @TempDir
  Path dir;

  @Test
  void aFunnelOverMoreRowsThanTheHeapHoldsStreamsInsteadOfRunningOutOfMemory() throws Exception {
    final String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    final Path output = dir.resolve("output.txt");
    final Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-Djava.util.logging.config.file=" + logging(),
        "-cp", classpath, SmallHeapFunnel.class.getName(), dir.resolve("big.duckdb").toString(),
        Long.toString(USERS), "3")
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the funnel finishes");
    final String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), printed);
    long total = 0;
    final Matcher level = Pattern.compile("level (\\d): (\\d+)").matcher(printed);
    while (level.find()) {
      total += Long.parseLong(level.group(2));
    }
    assertEquals(USERS, total, "every user is counted once:\n" + printed);
    assertTrue(printed.contains("the store orders them instead"), "it fell back to streaming:\n" + printed);
  }

  private Path logging() throws IOException {
    final Path file = dir.resolve("logging.properties");
    Files.write(file, List.of("handlers=java.util.logging.ConsoleHandler",
        "java.util.logging.ConsoleHandler.level=FINE", "dev.funnelsql.calcite.stepscan.level=FINE"));
    return file;
  }
}
