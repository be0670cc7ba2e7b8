package dev.funnelsql.examples.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak runner samples throughput and heap while it runs, and its report tells growth from noise. */
class SoakRunnerTest {
  @TempDir
  Path dir;

  @Test
  void aShortSoakSamplesThroughputAndHeapWithoutErrors() throws Exception {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final SoakReport report = SoakRunner.run(SoakOptions.parse("--duration", "6s", "--sample", "2s", "--threads",
        "2", "--queries-per-connection", "3", "--users", "150", "--days", "7", "--db",
        dir.resolve("shop").toString()), new PrintStream(bytes, true, StandardCharsets.UTF_8));
    final String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(3, report.samples().size(), printed);
    assertTrue(report.queries() > 0, printed);
    assertEquals(0, report.errors(), printed);
    assertTrue(report.samples().stream().allMatch(sample -> sample.usedHeapAfterGc() > 0), printed);
    assertTrue(printed.contains("heap after GC"), printed);
  }

  private static HeapSample mib(double mib) {
    return new HeapSample(0, 10, 0, (long) (mib * 1024 * 1024), 1);
  }

  @Test
  void growthIsTheLastThirdAgainstTheFirstThirdAfterWarmUp() {
    assertFalse(new SoakReport(List.of(mib(500), mib(100), mib(104), mib(98), mib(101), mib(103), mib(99)))
        .heapGrew(), "a warm-up peak and noise are not growth");
    assertTrue(new SoakReport(List.of(mib(90), mib(100), mib(110), mib(130), mib(150), mib(170), mib(190)))
        .heapGrew(), "steady growth");
    assertFalse(new SoakReport(List.of(mib(40), mib(40), mib(44), mib(48), mib(50), mib(52), mib(54)))
        .heapGrew(), "35% but only 12 MiB: noise");
  }
}
